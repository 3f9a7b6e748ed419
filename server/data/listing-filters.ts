import "server-only";
import type { AssignmentFilter, UserFilter } from "@/lib/listing";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPostgres, type Tx } from "../db";
import { atOrAfterSql, findCutoff, type AssignmentCursor, type Cutoffs } from "./cutoffs";

/**
 * The filters and the search of the lists, each written once and used by the pages, the CSV
 * exports and the bulk changes that act on "everyone in this view", so what an admin sees is
 * exactly what an export holds and a bulk change touches.
 */

/**
 * A case-insensitive substring match of `q` in `column`, with `%`, `_` and `\` in the search taken
 * literally: `LIKE … ESCAPE` on SQLite (which ignores ASCII case), `ILIKE … ESCAPE` on PostgreSQL.
 */
export function containsSql(column: Prisma.Sql, q: string): Prisma.Sql {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return isPostgres() ? Prisma.sql`${column} ILIKE ${pattern} ESCAPE '\\'` : Prisma.sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** The users search: display name or user principal name of the user aliased `alias`. */
export function userMatchesSql(q: string, alias = "u"): Prisma.Sql {
  const u = Prisma.raw(alias);
  return Prisma.sql`(${containsSql(Prisma.sql`${u}."displayName"`, q)} OR ${containsSql(Prisma.sql`${u}."userPrincipalName"`, q)})`;
}

function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return Prisma.join(conditions, " AND ");
}

export interface ViewSql {
  /** `FROM …` with its joins, for a query that joins more before its WHERE. */
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** Both: `FROM … WHERE …`. */
  sql: Prisma.Sql;
}

/**
 * A product page's list of assigned users over assignments `a` joined to their users `u`:
 * non-deleted users matching the search, and with a cutoff only the users who need a valid license.
 */
export function assignmentsInViewSql(productId: string, q: string, cutoff: AssignmentCursor | null): ViewSql {
  const conditions = [Prisma.sql`a."productId" = ${productId}`, Prisma.sql`u."deletedAt" IS NULL`];
  if (q) conditions.push(userMatchesSql(q));
  if (cutoff) conditions.push(atOrAfterSql(cutoff));
  const from = Prisma.sql`FROM "LicenseAssignment" a JOIN "User" u ON u."id" = a."userId"`;
  const where = Prisma.sql`WHERE ${and(conditions)}`;
  return { from, where, sql: Prisma.sql`${from} ${where}` };
}

export interface ProductView {
  /** The product's cutoff (who needs a valid license), for flagging rows whatever the filter. */
  cutoff: AssignmentCursor | null;
  view: ViewSql;
}

/**
 * The product page's list for its search and filter, or null when the filter is "needs a valid
 * license" and nobody does (the list is then empty).
 */
export async function productView(
  tx: Tx,
  productId: string,
  conflicts: number,
  q: string,
  filter: AssignmentFilter,
): Promise<ProductView | null> {
  const cutoff = await findCutoff(tx, productId, conflicts);
  if (filter === "needsLicense" && !cutoff) return null;
  return { cutoff, view: assignmentsInViewSql(productId, q, filter === "needsLicense" ? cutoff : null) };
}

/** The columns of a row of the users list and its export, from users `u`. */
export const USER_LIST_COLUMNS = Prisma.sql`u."id", u."displayName", u."userPrincipalName", u."usageLocation", u."accountEnabled", u."lastSignInAt"`;

export interface UserListRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled: boolean | number;
  lastSignInAt: Date | string | null;
}

/** Users › Active users as a condition on users `u`: not deleted, the search, and the filter. */
export function usersInViewSql(q: string, filter: UserFilter, cutoffs: Cutoffs): Prisma.Sql {
  const conditions = [Prisma.sql`u."deletedAt" IS NULL`];
  if (q) conditions.push(userMatchesSql(q));
  switch (filter) {
    case "licensed":
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "LicenseAssignment" a WHERE a."userId" = u."id")`);
      break;
    case "unlicensed":
      conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "LicenseAssignment" a WHERE a."userId" = u."id")`);
      break;
    case "needsLicense": {
      const branches = [...cutoffs].map(([productId, cutoff]) => Prisma.sql`(a."productId" = ${productId} AND ${atOrAfterSql(cutoff)})`);
      conditions.push(
        branches.length > 0
          ? Prisma.sql`EXISTS (SELECT 1 FROM "LicenseAssignment" a WHERE a."userId" = u."id" AND (${Prisma.join(branches, " OR ")}))`
          : Prisma.sql`1 = 0`,
      );
      break;
    }
    case "all":
      break;
  }
  return and(conditions);
}
