import { z } from "zod";
import { LOCALES } from "./cloud";
import { ALERT_KINDS, MAX_LOW_LICENSE_THRESHOLD } from "./domain/alerts";
import { ROLES } from "./domain/roles";
import { MAX_DESCRIPTION_LENGTH, webhookUrlProblem } from "./domain/webhooks";
import { MAX_IMPORT_BYTES } from "./domain/user-import";
import { ASSIGNMENT_FILTERS, DEFAULT_INACTIVE_DAYS, MAX_INACTIVE_DAYS, searchText } from "./listing";

/**
 * Input schemas of every server action. Messages are catalog keys (messages/<locale>/validation.json),
 * translated at the edge.
 */
export const idSchema = z.string({ message: "invalidId" }).regex(/^[a-z0-9]{10,40}$/i, { message: "invalidId" });

const idList = (max: number) => z.array(idSchema).min(1, { message: "selectAtLeastOne" }).max(max, { message: "tooMany" });

/**
 * The most users one bulk request may name: well within the request body limit
 * (lib/body-limit.mjs), at about 120 bytes a user id in a multipart form, so a request this large
 * gets an answer, never a transport error. Larger changes use "remove from everyone in this view".
 */
export const MAX_BULK = 10_000;

/** A whole number typed by a person: digits only (no 1e3, 0x10, spaces or signs), within range. */
function wholeNumber(min: number, max: number, message: string) {
  return z
    .string({ message })
    .regex(/^[0-9]{1,9}$/, { message })
    .transform(Number)
    .pipe(z.number().int().min(min, { message }).max(max, { message }));
}

export const assignSchema = z.object({ productId: idSchema, userIds: idList(MAX_BULK) });
export const removeSchema = assignSchema;
/** The users a product page's list currently shows: its search and filter. */
export const productViewSchema = z.object({
  productId: idSchema,
  q: searchText("invalidRequest").default(""),
  filter: z.enum(ASSIGNMENT_FILTERS, { message: "invalidRequest" }).default("all"),
  days: wholeNumber(1, MAX_INACTIVE_DAYS, "invalidRequest").default(DEFAULT_INACTIVE_DAYS),
});
/**
 * Remove from every user of such a view, as many as the admin confirmed: when the view holds
 * another number by then, nothing is removed (VIEW_CHANGED) and the admin confirms again.
 */
export const removeInViewSchema = productViewSchema.extend({ expected: wholeNumber(1, 100_000_000, "invalidRequest") });

export const purchaseSchema = z.object({
  subscriptionId: idSchema,
  quantity: wholeNumber(1, 10_000, "quantityRange"),
  idempotencyKey: z.uuid({ message: "invalidRequest" }),
});

export const reduceSchema = z.object({
  subscriptionId: idSchema,
  newQuantity: wholeNumber(1, 1_000_000, "newQuantityRange"),
  confirm: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});

export const reactivateSchema = z.object({ subscriptionId: idSchema });

export const autoRenewSchema = z.object({
  subscriptionId: idSchema,
  autoRenew: z.enum(["on", "off"], { message: "invalidRequest" }).transform((value) => value === "on"),
});

// Letters, marks, digits, spaces and common name punctuation; no control characters or markup.
export const displayName = z
  .string()
  .trim()
  .min(1, { message: "displayNameRequired" })
  .max(256, { message: "displayNameTooLong" })
  .regex(/^[\p{L}\p{M}\p{N} .,'()-]+$/u, { message: "displayNameInvalid" });

export const USAGE_LOCATIONS = ["US", "NL", "DE", "CN", "GB", "FR", "BE", "AT", "CH", "IE", "CA", "AU", "JP", "IN", "SG"] as const;

/** Users › a user › Edit: the profile fields and whether the user may sign in. */
export const updateUserSchema = z.object({
  userId: idSchema,
  displayName,
  usageLocation: z.enum(USAGE_LOCATIONS, { message: "usageLocationInvalid" }),
  signIn: z.enum(["allowed", "blocked"], { message: "invalidRequest" }),
});

/** A user's admin roles after the change: any of the five, or none. */
export const setRolesSchema = z.object({
  userId: idSchema,
  roles: z
    .array(z.enum(ROLES, { message: "invalidRequest" }))
    .max(ROLES.length, { message: "tooMany" })
    .default([]),
});

/** A user principal name as License Center accepts it: lowercased, name@domain. */
export const userPrincipalNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(113, { message: "upnInvalid" })
  .regex(/^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, {
    message: "upnInvalid",
  });
export const createUserSchema = z.object({
  displayName,
  userPrincipalName: userPrincipalNameSchema,
  usageLocation: z.enum(USAGE_LOCATIONS, { message: "usageLocationInvalid" }),
  productIds: z.array(idSchema).max(50, { message: "tooMany" }).default([]),
});

/** Free text of an imported row (job title, department, names): no control characters or markup. */
const importText = (max: number) =>
  z
    .string()
    .max(max, { message: "tooLong" })
    .regex(/^[^\p{C}<>]*$/u, { message: "invalidCharacters" });

/**
 * One row of Users › Add multiple users, as the CSV gives it (lib/user-import-csv.ts): the
 * messages are keys of users.import.problem. The lengths are Microsoft Entra ID's.
 */
export const importRowSchema = z.object({
  userName: z.string().min(1, { message: "upnRequired" }).pipe(createUserSchema.shape.userPrincipalName),
  displayName,
  firstName: importText(64),
  lastName: importText(64),
  jobTitle: importText(128),
  department: importText(64),
  country: z.string().max(100, { message: "countryUnknown" }),
  licenses: z.string().max(2_000, { message: "tooLong" }),
});

/** An upload of Add multiple users: the CSV file, within the size a server action takes. */
export const importUploadSchema = z.object({
  file: z
    .file({ message: "importFileRequired" })
    .min(1, { message: "importFileEmpty" })
    .max(MAX_IMPORT_BYTES, { message: "importFileTooLarge" }),
});

/** Run an upload that was previewed (the streamed route app/api/users/import/run). */
export const importRunSchema = z.object({ importId: idSchema });

/** Users › Active users: one product's license replaced with another's for the selected users. */
export const replaceSchema = z.object({ fromProductId: idSchema, toProductId: idSchema, userIds: idList(MAX_BULK) });

/** Users › Active users: block or allow sign-in for the selected users. */
export const setSignInSchema = z.object({
  // An audit record per user, as a bulk delete writes: at most 1,000 at a time, as delete takes.
  userIds: idList(1_000),
  signIn: z.enum(["allowed", "blocked"], { message: "invalidRequest" }),
});

export const BULK_ACTIONS = ["assign", "remove", "replace", "block", "unblock", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** What a bulk action on the selected users would do, asked before it is confirmed. */
export const bulkPreviewSchema = z.object({
  action: z.enum(BULK_ACTIONS, { message: "invalidRequest" }),
  userIds: idList(MAX_BULK),
  productId: idSchema.optional(),
  toProductId: idSchema.optional(),
});

/** A product's "few licenses left" alert: a threshold, or empty to turn it off. */
export const lowLicenseAlertSchema = z.object({
  productId: idSchema,
  below: z.union([z.literal("").transform(() => null), wholeNumber(1, MAX_LOW_LICENSE_THRESHOLD, "thresholdRange")]),
});

/** A SCIM token's name, as the Global admin gives it (e.g. "Entra ID"). */
export const scimTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "tokenNameRequired" })
    .max(100, { message: "tokenNameTooLong" })
    .regex(/^[^\p{C}<>]+$/u, { message: "tokenNameInvalid" }),
});
export const revokeScimTokenSchema = z.object({ tokenId: idSchema });

/** How long a client secret lasts, in days (server/graph/apps.ts SECRET_LIFETIMES). */
const secretDays = z.enum(["90", "180", "365", "730"], { message: "invalidRequest" }).transform((v) => Number(v) as 90 | 180 | 365 | 730);

/** A new app registration for the Graph API: its name, its admin roles (at least one), its first secret's lifetime. */
export const appCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: "appNameRequired" })
    .max(100, { message: "appNameTooLong" })
    .regex(/^[^\p{C}<>]+$/u, { message: "appNameInvalid" }),
  roles: z
    .array(z.enum(ROLES, { message: "invalidRequest" }))
    .min(1, { message: "appRolesRequired" })
    .max(ROLES.length, { message: "invalidRequest" }),
  secretDays,
});
export const appSecretSchema = z.object({ appId: idSchema, secretDays });
export const appRevokeSecretSchema = z.object({ secretId: idSchema });
export const appDeleteSchema = z.object({ appId: idSchema });

/** Undo a removal of licenses: its audit record. */
export const undoSchema = z.object({
  eventId: idSchema,
  // Asked and confirmed when the licenses are no longer free: undo anyway, creating a conflict.
  allowConflict: z
    .enum(["on"], { message: "invalidRequest" })
    .optional()
    .transform((value) => value === "on"),
});

/**
 * Reclaim licenses from inactive users across the organization (Billing › Licenses › Reclaim):
 * the products ticked, and as many licenses as the admin confirmed.
 */
export const reclaimSchema = z.object({
  days: wholeNumber(1, MAX_INACTIVE_DAYS, "invalidRequest"),
  productIds: z
    .array(idSchema, { message: "invalidRequest" })
    .min(1, { message: "selectAtLeastOneProduct" })
    .max(1_000, { message: "invalidRequest" }),
  expected: wholeNumber(1, 100_000_000, "invalidRequest"),
});

export const deleteUsersSchema = z.object({ userIds: idList(1_000) });
export const restoreUserSchema = z.object({ userId: idSchema });
/**
 * The alerts an admin wants by email: of the kinds the form showed (`shown`, at least one), those
 * ticked (`email`; a checkbox left unticked sends nothing, so a kind shown and not sent is off).
 */
const alertKind = z.enum(ALERT_KINDS, { message: "invalidRequest" });
export const alertChoicesSchema = z
  .object({ shown: z.array(alertKind).min(1, "invalidRequest").max(ALERT_KINDS.length), email: z.array(alertKind).max(ALERT_KINDS.length) })
  .refine((input) => input.email.every((kind) => input.shown.includes(kind)), { message: "invalidRequest", path: ["email"] });
export const calendarFeedSchema = z.object({ feed: z.enum(["create", "revoke"], { message: "invalidRequest" }) });
export const localeSchema = z.object({ locale: z.enum(LOCALES, { message: "invalidRequest" }) });

/**
 * Settings › Webhooks: a new endpoint (an http or https URL without credentials, a description,
 * the alert kinds it receives), and the changes to one.
 */
export const webhookCreateSchema = z.object({
  url: z
    .string({ message: "webhookUrlInvalid" })
    .trim()
    .superRefine((url, ctx) => {
      const problem = webhookUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  description: z.string().trim().max(MAX_DESCRIPTION_LENGTH, { message: "descriptionTooLong" }).default(""),
  kinds: z.array(alertKind).min(1, { message: "selectAlertKind" }).max(ALERT_KINDS.length),
});
export const webhookEndpointSchema = z.object({ endpointId: idSchema });
export const webhookEnabledSchema = webhookEndpointSchema.extend({ enabled: z.enum(["true", "false"]).transform((v) => v === "true") });
export const webhookDeleteSchema = webhookEndpointSchema.extend({
  confirm: z.literal("true", { message: "confirmDelete" }),
});

export type FieldErrors = Record<string, string[]>;

/** A help search (`/help?q=`, `/help/search?q=`): trimmed, at most MAX_SEARCH characters; missing is "". */
export const helpSearchSchema = z.object({
  q: z.preprocess((value) => (Array.isArray(value) ? value[0] : (value ?? "")), searchText("searchTooLong")),
});
