import "server-only";
import { restoreDeadline, USER_RESTORE_DAYS } from "@/lib/domain/lifecycle";
import { isRole, type Role } from "@/lib/domain/roles";
import { pageOf, pageTotal, pageWindow, type Listing, type Page, type ProductFilter, type UserFilter } from "@/lib/listing";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { chunked, rawBoolean, countRows, rawDate, rawDateOrNull, transaction, type Tx } from "../db";
import { findOrganizationCutoffs, isAtOrAfter } from "./cutoffs";
import {
  deletedUsersSql,
  prepareUserSearch,
  USER_LIST_COLUMNS,
  usersInViewSql,
  type SearchRows,
  type UserListRow,
} from "./listing-filters";
import { aggregateSummaries } from "./totals";

export const USER_SORTS = ["name", "upn", "lastSignIn"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** The user fields every users view shows (never the password hash). */
type UserFields = Pick<User, "id" | "displayName" | "userPrincipalName" | "usageLocation" | "accountEnabled" | "lastSignInAt">;

export interface UserRow extends UserFields {
  roles: Role[];
  licenses: string[];
  needsValidLicense: boolean;
}

const DIRECTION = { asc: Prisma.raw("ASC"), desc: Prisma.raw("DESC") } as const;

const userOrder: Record<UserSort, (dir: "asc" | "desc") => Prisma.Sql> = {
  // The user principal name is unique: a tie-break that the name indexes hold in the same order.
  name: (dir) => Prisma.sql`u."displayName" ${DIRECTION[dir]}, u."userPrincipalName" ${DIRECTION[dir]}`,
  upn: (dir) => Prisma.sql`u."userPrincipalName" ${DIRECTION[dir]}`,
  // Oldest first puts those who never signed in first (the least active of all), newest first
  // puts them last: an admin sorting for inactive users finds them at the top.
  lastSignIn: (dir) =>
    Prisma.sql`u."lastSignInAt" ${DIRECTION[dir]} ${Prisma.raw(dir === "asc" ? "NULLS FIRST" : "NULLS LAST")}, u."userPrincipalName" ASC`,
};

/** The page's users' roles and licenses, for at most a page of ids: two statements. */
async function rolesAndLicensesOf(tx: Tx, userIds: string[]) {
  const details = new Map<
    string,
    { roles: string[]; assignments: { productId: string; productName: string; assignedAt: Date; id: string }[] }
  >(userIds.map((id) => [id, { roles: [], assignments: [] }]));
  if (userIds.length === 0) return details;
  const ids = Prisma.join(userIds);
  const roles = await tx.$queryRaw<{ userId: string; role: string }[]>`
    SELECT r."userId", r."role" FROM "AdminRole" r WHERE r."userId" IN (${ids})`;
  const assignments = await tx.$queryRaw<
    { userId: string; id: string; productId: string; assignedAt: Date | string; productName: string }[]
  >`
    SELECT a."userId", a."id", a."productId", a."assignedAt", p."displayName" AS "productName"
    FROM "LicenseAssignment" a JOIN "Product" p ON p."id" = a."productId" WHERE a."userId" IN (${ids})`;
  for (const row of roles) details.get(row.userId)?.roles.push(row.role);
  for (const row of assignments) {
    details
      .get(row.userId)
      ?.assignments.push({ id: row.id, productId: row.productId, productName: row.productName, assignedAt: rawDate(row.assignedAt) });
  }
  return details;
}

/** Users › Active users: a page of users matching the search and filter. */
export async function findUsers(
  actor: Actor,
  listing: Listing<UserSort>,
  filter: UserFilter,
  product: ProductFilter | null = null,
  days?: number,
): Promise<Page<UserRow>> {
  await authorize(actor, "user.list");
  return transaction(async (tx) => {
    const cutoffs = await findOrganizationCutoffs(tx);
    const search = await prepareUserSearch(tx, listing.q);
    const { skip, take } = pageWindow(listing.page);
    const users = await tx.$queryRaw<UserListRow[]>`
      SELECT ${USER_LIST_COLUMNS} ${usersInViewSql(search.page, filter, cutoffs, { product, days }).sql}
      ORDER BY ${userOrder[listing.sort](listing.dir)} LIMIT ${take} OFFSET ${skip}`;
    const details = await rolesAndLicensesOf(
      tx,
      users.map((u) => u.id),
    );
    const rows = users.map((user) => {
      const detail = details.get(user.id);
      const assignments = detail?.assignments ?? [];
      return {
        ...user,
        accountEnabled: rawBoolean(user.accountEnabled),
        lastSignInAt: rawDateOrNull(user.lastSignInAt),
        roles: (detail?.roles ?? []).filter(isRole),
        licenses: assignments.map((a) => a.productName).sort(),
        needsValidLicense: assignments.some((a) => isAtOrAfter(a, cutoffs.get(a.productId) ?? null)),
      };
    });
    const total = await pageTotal(listing.page, users.length, (limit) =>
      countRows(tx, usersInViewSql(search.all, filter, cutoffs, { product, days }).sql, limit),
    );
    return pageOf(rows, total, listing.page);
  });
}

export interface UserDetail extends UserFields, Pick<User, "createdAt" | "deletedAt"> {
  roles: Role[];
  licenses: { productId: string; productName: string; assignedAt: Date; needsValidLicense: boolean }[];
  /** Products this user has no license of, with how many are available, for the assign form. */
  assignable: { productId: string; productName: string; available: number }[];
}

export async function getUserById(actor: Actor, userId: string): Promise<UserDetail | null> {
  await authorize(actor, "user.read", userId);
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        displayName: true,
        userPrincipalName: true,
        usageLocation: true,
        accountEnabled: true,
        lastSignInAt: true,
        createdAt: true,
        deletedAt: true,
        roles: { select: { role: true } },
        assignments: {
          orderBy: { assignedAt: "asc" },
          select: { id: true, productId: true, assignedAt: true, product: { select: { displayName: true } } },
        },
      },
    });
    if (!user) return null;
    const summaries = await aggregateSummaries(tx);
    const cutoffs = await findOrganizationCutoffs(tx, summaries);
    const held = new Set(user.assignments.map((a) => a.productId));
    const products = await tx.product.findMany({ orderBy: { displayName: "asc" }, select: { id: true, displayName: true } });
    const { roles, assignments, ...rest } = user;
    return {
      ...rest,
      roles: roles.map((r) => r.role).filter(isRole),
      licenses: assignments.map((a) => ({
        productId: a.productId,
        productName: a.product.displayName,
        assignedAt: a.assignedAt,
        needsValidLicense: !user.deletedAt && isAtOrAfter(a, cutoffs.get(a.productId) ?? null),
      })),
      assignable: products
        .filter((p) => !held.has(p.id))
        .map((p) => ({ productId: p.id, productName: p.displayName, available: summaries.get(p.id)?.available ?? 0 })),
    };
  });
}

export interface DeletedUserRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  deletedAt: Date;
  restoreBy: Date;
  licenses: string[];
  /** Products whose licenses would go into conflict if this user were restored now. */
  conflictsOnRestore: string[];
}

const deletedOrder = {
  name: (dir: "asc" | "desc") => Prisma.sql`u."displayName" ${DIRECTION[dir]}, u."userPrincipalName" ${DIRECTION[dir]}`,
  deletedAt: (dir: "asc" | "desc") => Prisma.sql`u."deletedAt" ${DIRECTION[dir]}, u."userPrincipalName" ASC`,
};

/** Users › Deleted users: users deleted in the last 30 days, restorable. */
export async function findDeletedUsers(actor: Actor, listing: Listing<"deletedAt" | "name">): Promise<Page<DeletedUserRow>> {
  await authorize(actor, "user.list");
  const now = new Date();
  return transaction(async (tx) => {
    const since = new Date(now.getTime() - USER_RESTORE_DAYS * 24 * 60 * 60 * 1000);
    const search = await prepareUserSearch(tx, listing.q);
    const deleted = (rows: SearchRows) => deletedUsersSql(rows, since);
    const { skip, take } = pageWindow(listing.page);
    const users = await tx.$queryRaw<{ id: string; displayName: string; userPrincipalName: string; deletedAt: Date | string }[]>`
      SELECT u."id", u."displayName", u."userPrincipalName", u."deletedAt" ${deleted(search.page)}
      ORDER BY ${deletedOrder[listing.sort](listing.dir)} LIMIT ${take} OFFSET ${skip}`;
    const assignments = new Map<string, { productId: string; product: { displayName: string } }[]>();
    for (const ids of chunked(users.map((u) => u.id))) {
      const rows = await tx.licenseAssignment.findMany({
        where: { userId: { in: ids } },
        select: { userId: true, productId: true, product: { select: { displayName: true } } },
      });
      for (const row of rows) assignments.set(row.userId, [...(assignments.get(row.userId) ?? []), row]);
    }
    const summaries = await aggregateSummaries(tx, undefined, now);
    const rows = users.map((u) => {
      const held = assignments.get(u.id) ?? [];
      const deletedAt = rawDate(u.deletedAt);
      return {
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        deletedAt,
        restoreBy: restoreDeadline(deletedAt),
        licenses: held.map((a) => a.product.displayName).sort(),
        conflictsOnRestore: held.filter((a) => (summaries.get(a.productId)?.available ?? 0) < 1).map((a) => a.product.displayName),
      };
    });
    const total = await pageTotal(listing.page, users.length, (limit) => countRows(tx, deleted(search.all), limit));
    return pageOf(rows, total, listing.page);
  });
}

/** Every product by name, for the product pickers of the users pages (an organization has a few hundred at most). */
export async function findProductNames(actor: Actor): Promise<{ id: string; name: string }[]> {
  await authorize(actor, "product.list");
  const products = await transaction((tx) =>
    tx.product.findMany({ orderBy: { displayName: "asc" }, select: { id: true, displayName: true } }),
  );
  return products.map((p) => ({ id: p.id, name: p.displayName }));
}

/** As findProductNames, with each product's available licenses (the Add a user form): one aggregate for the totals. */
export async function findProductChoices(actor: Actor): Promise<{ id: string; name: string; available: number }[]> {
  const [products, summaries] = await Promise.all([findProductNames(actor), transaction((tx) => aggregateSummaries(tx))]);
  return products.map((p) => ({ ...p, available: summaries.get(p.id)?.available ?? 0 }));
}
