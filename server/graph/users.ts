import "server-only";
import { z } from "zod";
import { isGuid } from "@/lib/domain/graph";
import { isRestorable } from "@/lib/domain/lifecycle";
import type { Prisma } from "@/lib/generated/prisma/client";
import { displayName, USAGE_LOCATIONS, userPrincipalNameSchema } from "@/lib/validation";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { changeUserLicenses } from "../data/license-changes";
import { createUser, deleteUsers, restoreUser, updateUser } from "../data/user-changes";
import { isPostgres, transaction } from "../db";
import { AppError } from "../errors";
import { badRequest, fromAppError, GraphError, notFound, unsupportedQuery } from "./errors";
import { graphBase, ok, type GraphCall, type GraphHandler } from "./http";
import { productsBySkuId, servicePlansOf } from "./skus";
import { parseUserFilter } from "./user-filter";

const MAX_TOP = 999;
const DEFAULT_TOP = 100;

/** Graph's default properties of a user, and the further ones $select may ask for. */
const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;
const PROPERTIES = new Set<string>([
  ...DEFAULT_PROPERTIES,
  "accountEnabled",
  "usageLocation",
  "department",
  "assignedLicenses",
  "createdDateTime",
  "deletedDateTime",
]);

const userSelect = {
  id: true,
  displayName: true,
  userPrincipalName: true,
  givenName: true,
  familyName: true,
  accountEnabled: true,
  usageLocation: true,
  department: true,
  preferredLocale: true,
  createdAt: true,
  deletedAt: true,
  assignments: { select: { product: { select: { skuId: true } } } },
} as const satisfies Prisma.UserSelect;

type UserRecord = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** A user as Graph's user resource, with the properties asked for ($select) or Graph's defaults. */
function toGraphUser(user: UserRecord, select: readonly string[] = DEFAULT_PROPERTIES): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: user.preferredLocale,
    surname: user.familyName,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    usageLocation: user.usageLocation,
    department: user.department,
    assignedLicenses: user.assignments.map((a) => ({ skuId: a.product.skuId, disabledPlans: [] })),
    createdDateTime: user.createdAt.toISOString(),
    deletedDateTime: user.deletedAt?.toISOString() ?? null,
  };
  return Object.fromEntries(select.map((key) => [key, all[key]]));
}

function selected(url: URL): string[] {
  const raw = url.searchParams.get("$select");
  if (!raw) return [...DEFAULT_PROPERTIES];
  const names = raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.find((name) => !PROPERTIES.has(name));
  if (unknown) throw badRequest(`Could not find a property named '${unknown.slice(0, 60)}' on type 'microsoft.graph.user'.`);
  return names.includes("id") ? names : ["id", ...names];
}

function top(url: URL): number {
  const raw = url.searchParams.get("$top");
  if (raw === null) return DEFAULT_TOP;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_TOP)
    throw badRequest(`Invalid page size specified: '${raw.slice(0, 10)}'. Must be between 1 and ${MAX_TOP} inclusive.`);
  return Number(raw);
}

/** The cursor a $skiptoken carries: the last row's sort key (keyset paging: no offset, nothing loaded twice). */
interface Cursor {
  n?: string;
  i: string;
}

function cursorOf(url: URL): Cursor | null {
  const raw = url.searchParams.get("$skiptoken");
  if (!raw) return null;
  try {
    const cursor = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof cursor.i === "string" && (cursor.n === undefined || typeof cursor.n === "string")) return cursor;
  } catch {
    // Falls through to the error below.
  }
  throw badRequest("The $skiptoken is not valid.");
}

function nextLink(url: URL, cursor: Cursor): string {
  const next = new URL(`${graphBase(url)}${url.pathname.replace(/^.*\/graph\/v1\.0/, "")}`);
  for (const [key, value] of url.searchParams) if (key !== "$skiptoken") next.searchParams.append(key, value);
  next.searchParams.set("$skiptoken", Buffer.from(JSON.stringify(cursor)).toString("base64url"));
  return next.toString();
}

function isCountRequested(call: GraphCall): boolean {
  const raw = call.url.searchParams.get("$count");
  if (raw === null || raw === "false") return false;
  if (raw !== "true") throw badRequest("$count must be true or false.");
  if (call.headers.get("consistencylevel")?.toLowerCase() !== "eventual")
    throw badRequest("$count is only supported with the request header 'ConsistencyLevel: eventual'.");
  return true;
}

/** GET /users: a page of users (not deleted), filtered, in id or display name order, with @odata.nextLink. */
export const listUsers: GraphHandler = async (call) => {
  const { actor, url } = call;
  await authorize(actor, "user.list");
  const select = selected(url);
  const size = top(url);
  const filter = parseUserFilter(url.searchParams.get("$filter"), isPostgres());
  const orderby = url.searchParams.get("$orderby")?.trim();
  if (orderby && !/^displayName( asc)?$/i.test(orderby)) throw unsupportedQuery("Only $orderby=displayName is supported.");
  const byName = !!orderby;
  const cursor = cursorOf(url);
  if (cursor && byName && cursor.n === undefined) throw badRequest("The $skiptoken is not valid.");
  const withCount = isCountRequested(call);
  const where: Prisma.UserWhereInput = { AND: [{ deletedAt: null }, filter] };
  const after: Prisma.UserWhereInput | undefined = cursor
    ? byName
      ? { OR: [{ displayName: { gt: cursor.n! } }, { displayName: cursor.n!, id: { gt: cursor.i } }] }
      : { id: { gt: cursor.i } }
    : undefined;
  const { rows, count } = await transaction(async (tx) => ({
    rows: await tx.user.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: byName ? [{ displayName: "asc" }, { id: "asc" }] : [{ id: "asc" }],
      take: size + 1,
      select: userSelect,
    }),
    count: withCount ? await tx.user.count({ where }) : undefined,
  }));
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return ok({
    "@odata.context": `${graphBase(url)}/$metadata#users`,
    ...(count !== undefined ? { "@odata.count": count } : {}),
    ...(rows.length > size && last
      ? { "@odata.nextLink": nextLink(url, byName ? { n: last.displayName, i: last.id } : { i: last.id }) }
      : {}),
    value: page.map((user) => toGraphUser(user, select)),
  });
};

/** A live user by id or user principal name (as Graph's /users/{id | userPrincipalName}). */
async function findLiveUser(actor: Actor, idOrUpn: string): Promise<UserRecord> {
  await authorize(actor, "user.read", idOrUpn);
  const key = decodeURIComponent(idOrUpn);
  const user = await transaction((tx) =>
    tx.user.findUnique({ where: key.includes("@") ? { userPrincipalName: key.toLowerCase() } : { id: key }, select: userSelect }),
  );
  if (!user || user.deletedAt) throw notFound(key);
  return user;
}

export const getUser: GraphHandler = async ({ actor, url, params }) => {
  const user = await findLiveUser(actor, params.id!);
  return ok({ "@odata.context": `${graphBase(url)}/$metadata#users/$entity`, ...toGraphUser(user, selected(url)) });
};

const optionalName = z.string().trim().min(1).max(64).nullish();

const createBody = z.object({
  displayName,
  userPrincipalName: userPrincipalNameSchema,
  accountEnabled: z.boolean().optional(),
  usageLocation: z.enum(USAGE_LOCATIONS).nullish(),
  givenName: optionalName,
  surname: optionalName,
  department: optionalName,
  // Graph requires these for a cloud account; License Center's users sign in elsewhere, so they are accepted and not kept.
  mailNickname: z.string().max(64).optional(),
  passwordProfile: z.object({}).passthrough().optional(),
});

function parsed<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badRequest(`Invalid value for property '${issue?.path.join(".") || "body"}'.`);
}

/** POST /users: a new user, as the Add user page makes one (no licenses: assignLicense gives them). */
export const postUser: GraphHandler = async ({ actor, url, body }) => {
  const input = parsed(createBody, body);
  const { userId } = await createUser(actor, {
    displayName: input.displayName,
    userPrincipalName: input.userPrincipalName,
    usageLocation: input.usageLocation ?? null,
    productIds: [],
    accountEnabled: input.accountEnabled,
    givenName: input.givenName ?? null,
    familyName: input.surname ?? null,
    department: input.department ?? null,
  });
  const user = await findLiveUser(actor, userId);
  return ok({ "@odata.context": `${graphBase(url)}/$metadata#users/$entity`, ...toGraphUser(user) }, 201, {
    location: `${graphBase(url)}/users/${userId}`,
  });
};

const patchBody = z
  .object({
    displayName: displayName.optional(),
    usageLocation: z.enum(USAGE_LOCATIONS).optional(),
    accountEnabled: z.boolean().optional(),
  })
  .strict();

/** PATCH /users/{id}: display name, usage location, whether the user may sign in (the Edit page's rules). */
export const patchUser: GraphHandler = async ({ actor, body, params }) => {
  const keys = body && typeof body === "object" ? Object.keys(body) : [];
  const unsupported = keys.find((key) => !["displayName", "usageLocation", "accountEnabled"].includes(key));
  if (unsupported) throw badRequest(`Property '${unsupported.slice(0, 60)}' can't be updated through License Center's API.`);
  const input = parsed(patchBody, body);
  const user = await findLiveUser(actor, params.id!);
  await updateUser(actor, { userId: user.id, ...input });
  return { status: 204 };
};

/** DELETE /users/{id}: deleted as in the app: licenses freed, restorable for 30 days. */
export const removeUser: GraphHandler = async ({ actor, params }) => {
  const user = await findLiveUser(actor, params.id!);
  await deleteUsers(actor, { userIds: [user.id] });
  return { status: 204 };
};

const assignBody = z.object({
  addLicenses: z.array(z.object({ skuId: z.string().refine(isGuid), disabledPlans: z.array(z.string()).default([]) })).max(50),
  removeLicenses: z.array(z.string().refine(isGuid)).max(50),
});

/**
 * POST /users/{id}/assignLicense: licenses added and removed in one change, all or nothing,
 * through the data layer the Licenses page uses (seats claimed, never over-assigned, audited).
 */
export const assignLicense: GraphHandler = async ({ actor, url, body, params }) => {
  const input = parsed(assignBody, body);
  if (input.addLicenses.some((license) => license.disabledPlans.length > 0))
    throw badRequest("disabledPlans is not supported: a License Center license always includes all of its service plans.");
  const user = await findLiveUser(actor, params.id!);
  const skuIds = [...input.addLicenses.map((l) => l.skuId.toLowerCase()), ...input.removeLicenses.map((id) => id.toLowerCase())];
  const products = await transaction((tx) => productsBySkuId(tx, skuIds));
  const unknown = skuIds.find((skuId) => !products.has(skuId));
  if (unknown) throw badRequest(`License ${unknown} does not correspond to a valid company License.`);
  const idOf = (skuId: string) => products.get(skuId.toLowerCase())!.id;
  try {
    await changeUserLicenses(actor, {
      userId: user.id,
      addProductIds: input.addLicenses.map((l) => idOf(l.skuId)),
      removeProductIds: input.removeLicenses.map(idOf),
    });
  } catch (error) {
    if (error instanceof AppError && typeof error.values.productId === "string") {
      const skuId = [...products.entries()].find(([, p]) => p.id === error.values.productId)?.[0];
      throw fromAppError(error.code, error.values, skuId);
    }
    throw error;
  }
  const after = await findLiveUser(actor, user.id);
  return ok({ "@odata.context": `${graphBase(url)}/$metadata#users/$entity`, ...toGraphUser(after) });
};

/** GET /users/{id}/licenseDetails: the user's licenses with their service plans. */
export const licenseDetails: GraphHandler = async ({ actor, url, params }) => {
  const user = await findLiveUser(actor, params.id!);
  const rows = await transaction((tx) =>
    tx.licenseAssignment.findMany({
      where: { userId: user.id },
      orderBy: { assignedAt: "asc" },
      select: { id: true, product: { select: { skuId: true, skuPartNumber: true, servicePlans: true } } },
    }),
  );
  return ok({
    "@odata.context": `${graphBase(url)}/$metadata#users('${user.id}')/licenseDetails`,
    value: rows.map((row) => ({
      id: row.id,
      skuId: row.product.skuId,
      skuPartNumber: row.product.skuPartNumber,
      servicePlans: servicePlansOf(row.product.servicePlans),
    })),
  });
};

/** GET /directory/deletedItems/microsoft.graph.user: users deleted in the last 30 days, restorable. */
export const listDeletedUsers: GraphHandler = async ({ actor, url }) => {
  await authorize(actor, "user.list");
  const size = top(url);
  const cursor = cursorOf(url);
  const now = new Date();
  const rows = await transaction((tx) =>
    tx.user.findMany({
      where: { deletedAt: { not: null }, ...(cursor ? { id: { gt: cursor.i } } : {}) },
      orderBy: { id: "asc" },
      take: size + 1,
      select: userSelect,
    }),
  );
  const live = rows.filter((user) => isRestorable(user.deletedAt!, now));
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  const select = [...DEFAULT_PROPERTIES, "deletedDateTime"];
  return ok({
    "@odata.context": `${graphBase(url)}/$metadata#directoryObjects/microsoft.graph.user`,
    ...(rows.length > size && last ? { "@odata.nextLink": nextLink(url, { i: last.id }) } : {}),
    value: live
      .filter((user) => page.includes(user))
      .map((user) => ({ "@odata.type": "#microsoft.graph.user", ...toGraphUser(user, select) })),
  });
};

/** POST /directory/deletedItems/{id}/restore: the user back with their licenses, as the Deleted users page restores. */
export const restoreDeletedUser: GraphHandler = async ({ actor, url, params }) => {
  const id = decodeURIComponent(params.id!);
  await restoreUser(actor, { userId: id });
  const user = await findLiveUser(actor, id);
  return ok({
    "@odata.context": `${graphBase(url)}/$metadata#directoryObjects/$entity`,
    "@odata.type": "#microsoft.graph.user",
    ...toGraphUser(user),
  });
};

export { GraphError };
