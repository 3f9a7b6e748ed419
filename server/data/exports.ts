import "server-only";
import type { AssignmentFilter, ProductFilter, UserFilter } from "@/lib/listing";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { isPostgres, rawBoolean, rawDate, rawDateOrNull, rawRows, transaction } from "../db";
import { findOrganizationCutoffs, isAtOrAfter } from "./cutoffs";
import { continueSearch, prepareUserSearch, productView, USER_LIST_COLUMNS, usersInViewSql, type UserListRow } from "./listing-filters";
import { summaryOf } from "./totals";

/**
 * Rows per batch, each batch one short keyset-paginated transaction: large enough that the
 * per-statement cost (a transaction, Prisma's raw-query path) is small against the rows, small
 * enough that a batch's rows (~1 MB) are all the export holds in memory.
 */
const BATCH = 5_000;

/** Separates the product ids of a user's licenses inside one aggregated column. */
const ID_SEPARATOR = " ";

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
  days?: number,
): AsyncGenerator<AssignedUserExportRow[]> {
  await authorize(actor, "product.export", productId);
  const inView = await transaction(async (tx) =>
    productView(tx, productId, (await summaryOf(tx, productId)).conflicts, q, filter, { days }),
  );
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

/** A users export row: USER_LIST_COLUMNS, then the product ids of the user's licenses. */
type ExportedUser = [
  id: string,
  displayName: string,
  userPrincipalName: string,
  usageLocation: string | null,
  accountEnabled: UserListRow["accountEnabled"],
  lastSignInAt: UserListRow["lastSignInAt"],
  productIds: string | null,
];

/** Streams the users list for the current search, filter and product filter. */
export async function* exportUsers(
  actor: Actor,
  q: string,
  filter: UserFilter,
  product: ProductFilter | null = null,
  days?: number,
): AsyncGenerator<UserExportRow[]> {
  await authorize(actor, "user.export");
  // The search's way of reading (index or list order) is decided once, for every batch.
  const view = await transaction(async (tx) =>
    usersInViewSql((await prepareUserSearch(tx, q)).page, filter, await findOrganizationCutoffs(tx), { inIdOrder: true, product, days }),
  );
  // A user's licenses come as product ids (read from the assignments' covering index alone) and
  // are named here: an organization has a few hundred products, read once per export.
  const productNames = new Map(
    (await transaction((tx) => tx.product.findMany({ select: { id: true, displayName: true } }))).map((p) => [p.id, p.displayName]),
  );
  const ids = isPostgres()
    ? Prisma.sql`string_agg(a."productId", ${ID_SEPARATOR}::text)`
    : Prisma.sql`group_concat(a."productId", ${ID_SEPARATOR})`;
  let after = "";
  for (;;) {
    // Columns in USER_LIST_COLUMNS's order, then the product ids; read as arrays (raw-reader.ts).
    const rows = await rawRows(Prisma.sql`
      SELECT ${USER_LIST_COLUMNS}, (SELECT ${ids} FROM "LicenseAssignment" a WHERE a."userId" = u."id") AS "productIds"
      ${view.sql} AND u."id" > ${after} ORDER BY u."id" ASC LIMIT ${BATCH}`);
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const [, displayName, userPrincipalName, usageLocation, accountEnabled, lastSignInAt, productIds] = row as ExportedUser;
      return {
        displayName,
        userPrincipalName,
        usageLocation,
        accountEnabled: rawBoolean(accountEnabled),
        lastSignInAt: rawDateOrNull(lastSignInAt),
        licenses:
          productIds === null
            ? []
            : productIds
                .split(ID_SEPARATOR)
                .map((id) => productNames.get(id) ?? id)
                .sort(),
      };
    });
    after = (rows[rows.length - 1] as ExportedUser)[0];
    if (rows.length < BATCH) return;
  }
}
