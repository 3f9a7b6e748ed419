import "server-only";
import type { AssignmentFilter, UserFilter } from "@/lib/listing";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { ID_CHUNK, rawBoolean, rawDate, rawDateOrNull, transaction } from "../db";
import { findOrganizationCutoffs, isAtOrAfter } from "./cutoffs";
import { continueSearch, prepareUserSearch, productView, USER_LIST_COLUMNS, usersInViewSql, type UserListRow } from "./listing-filters";
import { summaryOf } from "./totals";

// A batch's user ids go into one IN (…) list: within SQLite's parameter limit.
const BATCH = ID_CHUNK;

export interface AssignedUserExportRow {
  displayName: string;
  userPrincipalName: string;
  assignedAt: Date;
  needsValidLicense: boolean;
}

/**
 * Streams the product page's list of assigned users (its search and filter) in keyset-paginated
 * batches, one short transaction each.
 */
export async function* exportProductAssignments(
  actor: Actor,
  productId: string,
  q = "",
  filter: AssignmentFilter = "all",
): AsyncGenerator<AssignedUserExportRow[]> {
  await authorize(actor, "product.export", productId);
  const inView = await transaction(async (tx) => productView(tx, productId, (await summaryOf(tx, productId)).conflicts, q, filter));
  if (!inView) return;
  // The page's way of reading (index or list order) carries over: it is decided per search, not per batch.
  const { cutoff, page: view } = inView;
  let after = "";
  for (;;) {
    const rows = await transaction(async (tx) => {
      await continueSearch(tx);
      return tx.$queryRaw<{ id: string; assignedAt: Date | string; displayName: string; userPrincipalName: string }[]>`
        SELECT a."id", a."assignedAt", u."displayName", u."userPrincipalName" ${view.sql} AND a."id" > ${after}
        ORDER BY a."id" ASC LIMIT ${BATCH}`;
    });
    if (rows.length === 0) return;
    yield rows.map((r) => {
      const assignedAt = rawDate(r.assignedAt);
      return {
        displayName: r.displayName,
        userPrincipalName: r.userPrincipalName,
        assignedAt,
        needsValidLicense: isAtOrAfter({ assignedAt, id: r.id }, cutoff),
      };
    });
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < BATCH) return;
  }
}

export interface UserExportRow {
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  licenses: string[];
}

/** Streams the users list for the current search and filter. */
export async function* exportUsers(actor: Actor, q: string, filter: UserFilter): AsyncGenerator<UserExportRow[]> {
  await authorize(actor, "user.export");
  // The search's way of reading (index or list order) is decided once, for every batch.
  const view = await transaction(async (tx) =>
    usersInViewSql((await prepareUserSearch(tx, q)).page, filter, await findOrganizationCutoffs(tx)),
  );
  let after = "";
  for (;;) {
    const batch = await transaction(async (tx) => {
      await continueSearch(tx);
      const users = await tx.$queryRaw<UserListRow[]>`
        SELECT ${USER_LIST_COLUMNS} ${view.sql} AND u."id" > ${after} ORDER BY u."id" ASC LIMIT ${BATCH}`;
      const licenses = new Map<string, string[]>();
      if (users.length > 0) {
        const held = await tx.$queryRaw<{ userId: string; displayName: string }[]>`
          SELECT a."userId", p."displayName" FROM "LicenseAssignment" a JOIN "Product" p ON p."id" = a."productId"
          WHERE a."userId" IN (${Prisma.join(users.map((u) => u.id))})`;
        for (const row of held) licenses.set(row.userId, [...(licenses.get(row.userId) ?? []), row.displayName]);
      }
      return users.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        usageLocation: u.usageLocation,
        accountEnabled: rawBoolean(u.accountEnabled),
        lastSignInAt: rawDateOrNull(u.lastSignInAt),
        licenses: (licenses.get(u.id) ?? []).sort(),
      }));
    });
    if (batch.length === 0) return;
    yield batch.map(({ id: _id, ...user }) => user);
    after = batch[batch.length - 1]?.id ?? after;
    if (batch.length < BATCH) return;
  }
}
