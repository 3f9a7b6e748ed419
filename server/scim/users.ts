import "server-only";
import type { ScimPatchOperation } from "scim-patch";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { createUserSchema, USAGE_LOCATIONS } from "@/lib/validation";
import type { Actor } from "../actor";
import { authorize, authorizeOnUser, recordingDenials } from "../auth/authorize";
import { transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../data/audit-write";
import { deleteUsers } from "../data/user-changes";
import { lockUsers } from "../data/locks";
import { ScimError, scimLocation } from "./http";
import { applyPatch, filterWhere, listResponse, patchOperations } from "./protocol";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const userSelect = {
  id: true,
  userPrincipalName: true,
  displayName: true,
  givenName: true,
  familyName: true,
  externalId: true,
  accountEnabled: true,
  usageLocation: true,
  department: true,
  createdAt: true,
  deletedAt: true,
  roles: { select: { role: true } },
} as const satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** What SCIM can set on a user, as License Center keeps it. */
interface UserFields {
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  externalId: string | null;
  accountEnabled: boolean;
  usageLocation: string | null;
  department: string | null;
}

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  displayName: string;
  name: { givenName?: string; familyName?: string; formatted: string };
  active: boolean;
  emails: { value: string; type: "work"; primary: true }[];
  addresses: { type: "work"; country: string; primary: true }[];
  [ENTERPRISE_SCHEMA]?: { department?: string };
  meta: { resourceType: "User"; created: string; lastModified: string; location: string };
}

/** A License Center user in SCIM's User schema (RFC 7643 §4.1), with the enterprise extension's department. */
export function toScimUser(user: UserRow): ScimUser {
  return {
    schemas: [USER_SCHEMA, ...(user.department ? [ENTERPRISE_SCHEMA] : [])],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.userPrincipalName,
    displayName: user.displayName,
    name: {
      ...(user.givenName ? { givenName: user.givenName } : {}),
      ...(user.familyName ? { familyName: user.familyName } : {}),
      formatted: user.displayName,
    },
    active: user.accountEnabled,
    emails: [{ value: user.userPrincipalName, type: "work", primary: true }],
    addresses: user.usageLocation ? [{ type: "work", country: user.usageLocation, primary: true }] : [],
    ...(user.department ? { [ENTERPRISE_SCHEMA]: { department: user.department } } : {}),
    meta: {
      resourceType: "User",
      created: user.createdAt.toISOString(),
      lastModified: user.createdAt.toISOString(),
      location: scimLocation(`/Users/${user.id}`),
    },
  };
}

const text = (max: number) => z.string().trim().max(max).optional().nullable();
const boolish = z.union([z.boolean(), z.enum(["true", "false", "True", "False"]).transform((v) => v.toLowerCase() === "true")]);

/** A User resource as clients send it: unknown attributes are ignored, known ones checked. */
const userResource = z.object({
  userName: z.string({ message: "userName is required" }),
  displayName: text(256),
  externalId: text(255),
  active: boolish.optional(),
  name: z
    .object({ givenName: text(64), familyName: text(64), formatted: text(256) })
    .partial()
    .optional()
    .nullable(),
  emails: z
    .array(z.object({ value: z.string().optional(), type: z.string().optional(), primary: boolish.optional() }))
    .optional()
    .nullable(),
  addresses: z
    .array(z.object({ type: z.string().optional(), country: z.string().optional().nullable(), primary: boolish.optional() }))
    .optional()
    .nullable(),
  [ENTERPRISE_SCHEMA]: z
    .object({ department: text(64) })
    .partial()
    .optional()
    .nullable(),
});

/** The work address's country (or the primary, or the only one's) as a usage location; unknown countries leave it unset. */
function countryOf(addresses: z.infer<typeof userResource>["addresses"]): string | null {
  if (!addresses || addresses.length === 0) return null;
  const chosen = addresses.find((a) => a.type === "work") ?? addresses.find((a) => a.primary) ?? addresses[0];
  const code = chosen?.country?.trim().toUpperCase();
  return code && (USAGE_LOCATIONS as readonly string[]).includes(code) ? code : null;
}

function fieldsOf(resource: unknown): UserFields {
  const parsed = userResource.safeParse(resource);
  if (!parsed.success)
    throw new ScimError(400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "invalidValue");
  const r = parsed.data;
  const upn = createUserSchema.shape.userPrincipalName.safeParse(r.userName);
  if (!upn.success)
    throw new ScimError(400, `userName "${r.userName.slice(0, 120)}" is not a user name of the form name@domain.com.`, "invalidValue");
  const givenName = r.name?.givenName || null;
  const familyName = r.name?.familyName || null;
  const candidate = r.displayName || r.name?.formatted || [givenName, familyName].filter(Boolean).join(" ") || upn.data.split("@")[0]!;
  const displayName = createUserSchema.shape.displayName.safeParse(candidate);
  if (!displayName.success)
    throw new ScimError(400, `displayName may hold letters, digits, spaces and . , ' ( ) - only, at most 256 characters.`, "invalidValue");
  return {
    userPrincipalName: upn.data,
    displayName: displayName.data,
    givenName,
    familyName,
    externalId: r.externalId || null,
    accountEnabled: r.active ?? true,
    usageLocation: countryOf(r.addresses),
    department: r[ENTERPRISE_SCHEMA]?.department || null,
  };
}

/** The filters Entra ID and Okta send (RFC 7644 §3.4.2.2): `eq` on userName, externalId or id, joined by `and`. */
function whereOf(filter: string | null): Prisma.UserWhereInput {
  return (
    filterWhere<Prisma.UserWhereInput>(
      filter,
      {
        username: (value) => ({ userPrincipalName: value.trim().toLowerCase() }),
        externalid: (value) => ({ externalId: value }),
        id: (value) => ({ id: value }),
      },
      (parts) => ({ AND: parts }),
      "userName, externalId or id",
    ) ?? {}
  );
}

export async function listScimUsers(
  actor: Actor,
  query: { filter: string | null; startIndex: number; count: number },
): Promise<{ schemas: string[]; totalResults: number; startIndex: number; itemsPerPage: number; Resources: ScimUser[] }> {
  await authorize(actor, "user.list");
  const where = { ...whereOf(query.filter), deletedAt: null };
  const [totalResults, rows] = await transaction(async (tx) => [
    await tx.user.count({ where }),
    query.count === 0
      ? []
      : await tx.user.findMany({
          where,
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: query.startIndex - 1,
          take: query.count,
          select: userSelect,
        }),
  ]);
  return listResponse(rows.map(toScimUser), totalResults, query.startIndex);
}

async function findLive(tx: Tx, id: string): Promise<UserRow> {
  const user = await tx.user.findUnique({ where: { id }, select: userSelect });
  if (!user || user.deletedAt) throw new ScimError(404, `User ${id.slice(0, 64)} not found.`);
  return user;
}

export async function getScimUser(actor: Actor, id: string): Promise<ScimUser> {
  await authorize(actor, "user.read", id);
  return toScimUser(await transaction((tx) => findLive(tx, id)));
}

/** A unique constraint's failure as SCIM's 409: a user name, or an externalId, that another user has. */
function uniqueness(error: unknown, fields: UserFields): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const target = JSON.stringify(error.meta ?? {});
    throw new ScimError(
      409,
      target.includes("externalId")
        ? `Another user has the externalId "${fields.externalId}".`
        : `A user with the userName "${fields.userPrincipalName}" exists already.`,
      "uniqueness",
    );
  }
  throw error;
}

/** POST /Users: a new user (no licenses; they are assigned in License Center, or by group later). */
export async function createScimUser(actor: Actor, resource: unknown): Promise<ScimUser> {
  await authorize(actor, "user.create");
  const fields = fieldsOf(resource);
  try {
    return await transaction(async (tx) => {
      const user = await tx.user.create({ data: fields, select: userSelect });
      await recordAudit(tx, actor, { action: "user.create", targetId: user.id, after: { ...fields, source: "scim" } });
      return toScimUser(user);
    });
  } catch (error) {
    return uniqueness(error, fields);
  }
}

/**
 * Writes a user's SCIM fields (PUT, or PATCH after it is applied): only what changed, audited as
 * before → after, with the rules of the Edit page (a User admin, as the token acts, can't
 * change an admin). Blocking sign-in ends the user's sessions (the securityVersion trigger).
 */
async function writeUser(actor: Actor, id: string, next: (current: ScimUser) => UserFields): Promise<ScimUser> {
  await authorize(actor, "user.update", id);
  let fields: UserFields | undefined;
  try {
    return await recordingDenials(actor, () =>
      transaction(async (tx) => {
        if ((await lockUsers(tx, [id])).size === 0) throw new ScimError(404, `User ${id.slice(0, 64)} not found.`);
        const user = await findLive(tx, id);
        fields = next(toScimUser(user));
        const before: UserFields = {
          userPrincipalName: user.userPrincipalName,
          displayName: user.displayName,
          givenName: user.givenName,
          familyName: user.familyName,
          externalId: user.externalId,
          accountEnabled: user.accountEnabled,
          usageLocation: user.usageLocation,
          department: user.department,
        };
        const changed = (Object.keys(fields) as (keyof UserFields)[]).filter((key) => before[key] !== fields![key]);
        if (changed.length === 0) return toScimUser(user);
        authorizeOnUser(actor, "user.update", user);
        const updated = await tx.user.update({ where: { id }, data: fields, select: userSelect });
        await recordAudit(tx, actor, {
          action: "user.update",
          targetId: id,
          before: Object.fromEntries(changed.map((key) => [key, before[key]])),
          after: { ...Object.fromEntries(changed.map((key) => [key, fields![key]])), source: "scim" },
        });
        return toScimUser(updated);
      }),
    );
  } catch (error) {
    if (fields) return uniqueness(error, fields);
    throw error;
  }
}

/** PUT /Users/{id}: the resource as sent replaces the user's SCIM fields. */
export function replaceScimUser(actor: Actor, id: string, resource: unknown): Promise<ScimUser> {
  return writeUser(actor, id, () => fieldsOf(resource));
}

/**
 * PATCH /Users/{id} (RFC 7644 §3.5.2): add, replace and remove, with or without a path, in any
 * capitalization (Entra ID sends "Replace"), value filters such as emails[type eq "work"].value
 * included, applied by scim-patch to the user's SCIM representation; the result is checked as a
 * PUT body would be.
 */
export function patchScimUser(actor: Actor, id: string, body: unknown): Promise<ScimUser> {
  let operations: ScimPatchOperation[];
  try {
    operations = patchOperations(body, 100);
  } catch (error) {
    return Promise.reject(error);
  }
  return writeUser(actor, id, (current) => {
    const patched = applyPatch({ ...current }, operations);
    // Entra ID may send the enterprise extension's attributes as dotted paths at the top level.
    const department = patched[`${ENTERPRISE_SCHEMA}:department`];
    if (typeof department === "string")
      patched[ENTERPRISE_SCHEMA] = { ...((patched[ENTERPRISE_SCHEMA] as object | undefined) ?? {}), department };
    return fieldsOf(patched);
  });
}

/** DELETE /Users/{id}: the user is deleted as in the app (licenses freed, restorable for 30 days). */
export async function deleteScimUser(actor: Actor, id: string): Promise<void> {
  await authorize(actor, "user.delete", id);
  const live = await transaction((tx) => tx.user.findUnique({ where: { id }, select: { deletedAt: true } }));
  if (!live || live.deletedAt) throw new ScimError(404, `User ${id.slice(0, 64)} not found.`);
  try {
    await deleteUsers(actor, { userIds: [id] });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_DELETED") throw new ScimError(404, `User ${id.slice(0, 64)} not found.`);
    throw error;
  }
}
