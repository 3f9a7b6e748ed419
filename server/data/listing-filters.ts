import "server-only";
import { subDays } from "date-fns";
import { DEFAULT_INACTIVE_DAYS, type AssignmentFilter, type ProductFilter, type UserFilter } from "@/lib/listing";
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

/** Trigram indexes find substrings of three characters or more; shorter ones are read row by row. */
const TRIGRAM = 3;

function isIndexable(q: string): boolean {
  return [...q].length >= TRIGRAM;
}

/** An FTS5 query for the literal substring `q` (a phrase: quotes doubled, nothing else special). */
function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/**
 * On SQLite, a search whose index finds at most this many rows is read from the index (the
 * matches are then joined and sorted); one that finds more reads the list in its order and keeps
 * the matching rows, which stops after a page when matches are that dense. Measured at 1,000,000
 * users (docs/benchmarks.md): 4,000 matches took 7 ms from the index and 85 ms in a product's
 * order (12,500 assignments read for a page of 50), 16,650 matches 15 ms against 21 ms; at
 * 20,000 both take about the same, and denser searches fill a page in the list's order sooner.
 */
export const SEARCH_INDEX_LIMIT = 20_000;

/** Rows of a searched table for a list: where they come from and which of them the search keeps. */
export interface SearchRows {
  /** `FROM …` giving the table under its alias (after the search index, when the index drives). */
  from: Prisma.Sql;
  /** The search's condition (TRUE without a search). */
  where: Prisma.Sql;
}

/** How one list's search runs: for its page of rows in the list's order, and for counting them. */
export interface Search {
  page: SearchRows;
  /** Counting, and acting on all of them: SQLite reads its index, lazily, up to the count's cap. */
  all: SearchRows;
}

interface Searched {
  /** The table and its alias, as in `"User" u`. */
  table: Prisma.Sql;
  alias: Prisma.Sql;
  /** The FTS5 table of its text columns (rows by rowid). */
  ftsTable: Prisma.Sql;
  /** The substring match without the index (short searches, dense matches, PostgreSQL's ILIKE). */
  contains: (q: string) => Prisma.Sql;
  /** Rows the search finds besides its text (the audit log: a target's exact id). */
  extraRowids?: (q: string) => Prisma.Sql;
}

const TRUE = Prisma.sql`1 = 1`;

/**
 * Decides how a list's search reads the table, once per request. PostgreSQL: ILIKE, which its
 * pg_trgm GIN indexes serve, with the planner settings of continueSearch; a search the planner
 * expects to be sparse reads its matches first. SQLite: the FTS5 trigram index decides: it is
 * asked how many rows it finds, up to SEARCH_INDEX_LIMIT.
 */
async function prepareSearch(tx: Tx, q: string, searched: Searched): Promise<Search> {
  const plain = { from: Prisma.sql`FROM ${searched.table} ${searched.alias}`, where: TRUE };
  if (!q) return { page: plain, all: plain };
  const scan = { from: plain.from, where: searched.contains(q) };
  if (isPostgres()) {
    await continueSearch(tx);
    if (!isIndexable(q) || (await estimatedMatches(tx, scan)) > POSTGRES_MATCHES_LIMIT) return { page: scan, all: scan };
    // The matches first, through the trigram index (the subquery is a fence: OFFSET 0 keeps the
    // planner from walking the list's order and filtering every row, which it prefers otherwise).
    // A count's LIMIT still reaches into the fence, and with sequential scans off the planner
    // then walks a covering index as a "fast start" and filters every row it meets: at 1,000,000
    // users the users search's count read 89,387 rows in 148–438 ms instead of 1,072 from the
    // trigram bitmap in 6 ms (docs/benchmarks.md). Index-only scans are off for the rest of this
    // search's transaction; the lists' other reads (cutoffs, the page's roles and licenses) come
    // before it or look up rows by id.
    await tx.$queryRaw`SELECT set_config('enable_indexonlyscan', 'off', true)`;
    const indexed = { from: Prisma.sql`FROM (SELECT * ${scan.from} WHERE ${scan.where} OFFSET 0) AS ${searched.alias}`, where: TRUE };
    return { page: indexed, all: indexed };
  }
  if (!isIndexable(q)) return { page: scan, all: scan };
  const phrase = ftsPhrase(q);
  const matches = searched.extraRowids
    ? Prisma.sql`(SELECT "rowid" FROM ${searched.ftsTable} WHERE ${searched.ftsTable} MATCH ${phrase} UNION ${searched.extraRowids(q)})`
    : Prisma.sql`(SELECT "rowid" FROM ${searched.ftsTable} WHERE ${searched.ftsTable} MATCH ${phrase})`;
  // CROSS JOIN keeps the index the outer loop: SQLite cannot estimate how few rows it yields.
  const indexed = {
    from: Prisma.sql`FROM ${matches} AS "matched" CROSS JOIN ${searched.table} ${searched.alias} ON ${searched.alias}."rowid" = "matched"."rowid"`,
    where: TRUE,
  };
  const [found] = await tx.$queryRaw<
    { n: number | bigint }[]
  >`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM ${matches} AS "m" LIMIT ${SEARCH_INDEX_LIMIT + 1}) AS "probe"`;
  return { page: Number(found?.n ?? 0) <= SEARCH_INDEX_LIMIT ? indexed : scan, all: indexed };
}

/**
 * On PostgreSQL, a search the planner expects to find at most this many rows reads its matches
 * from the trigram index first; a denser one reads the list in its order and keeps the matching
 * rows, which fills a page (and reaches the count's cap) soon. pg_trgm's estimates run high for
 * a five-letter search (5,065 for 1,650 real matches at 100,000 users; above 50,000 for 16,650
 * at 1,000,000). Measured (docs/benchmarks.md): a product's users searched for "zhang" at 100,000
 * users took 238 ms to count through the list's order and 17 ms from the index; the users search
 * at 1,000,000, 426 ms and 14 ms.
 */
const POSTGRES_MATCHES_LIMIT = 200_000;

/** The planner's estimate of a search's matches (pg_trgm's statistics; no rows are read). */
async function estimatedMatches(tx: Tx, scan: SearchRows): Promise<number> {
  const [row] = await tx.$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON) SELECT 1 ${scan.from} WHERE ${scan.where}`;
  const plan: unknown = typeof row?.["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row?.["QUERY PLAN"];
  const rows = Array.isArray(plan) ? (plan[0] as { Plan?: { "Plan Rows"?: unknown } } | undefined)?.Plan?.["Plan Rows"] : undefined;
  return typeof rows === "number" ? rows : Infinity;
}

/**
 * PostgreSQL's planner settings for a search, for the rest of its read-only transaction (and
 * again in each later transaction of the same search: an export's next batch). Its planner
 * underrates the trigram GIN indexes and a nested loop over few matches: it expects the matches
 * spread evenly, so it walks the list or hashes a product's 100,000 assignments to join 1,650
 * matched users (163 ms at 100,000 users against 16 ms as a nested loop). A list never reads a
 * million rows one by one, so sequential scans, hash and merge joins are off, and random reads
 * cost what they cost on an SSD.
 */
export async function continueSearch(tx: Tx): Promise<void> {
  if (!isPostgres()) return;
  await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true),
    set_config('enable_mergejoin', 'off', true), set_config('random_page_cost', '1.1', true)`;
}

const USERS: Searched = {
  table: Prisma.sql`"User"`,
  alias: Prisma.raw("u"),
  ftsTable: Prisma.sql`"UserSearch"`,
  contains: (q) => Prisma.sql`(${containsSql(Prisma.sql`u."displayName"`, q)} OR ${containsSql(Prisma.sql`u."userPrincipalName"`, q)})`,
};

const AUDIT: Searched = {
  table: Prisma.sql`"AuditEvent"`,
  alias: Prisma.raw("e"),
  ftsTable: Prisma.sql`"AuditSearch"`,
  contains: (q) =>
    Prisma.sql`(${containsSql(Prisma.sql`e."actorName"`, q)} OR ${containsSql(Prisma.sql`e."action"`, q)} OR e."targetId" = ${q})`,
  extraRowids: (q) => Prisma.sql`SELECT "rowid" FROM "AuditEvent" WHERE "targetId" = ${q}`,
};

/**
 * The users search as a plain condition on users `u`, for lists already bounded by something
 * else (the users of one audit event): no index needed to read a few thousand rows.
 */
export function usersContainingSql(q: string): Prisma.Sql {
  return USERS.contains(q);
}

/**
 * The users search: a case-insensitive substring of the display name or the user principal name,
 * through an index on both databases (SQLite's FTS5 trigram table UserSearch, kept in step by
 * triggers; PostgreSQL's pg_trgm GIN indexes). Users come as `u`.
 */
export function prepareUserSearch(tx: Tx, q: string): Promise<Search> {
  return prepareSearch(tx, q, USERS);
}

/** The audit search: the admin or the action (a substring, through an index as above), or a target's exact id. Events come as `e`. */
export function prepareAuditSearch(tx: Tx, q: string): Promise<Search> {
  return prepareSearch(tx, q, AUDIT);
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

function viewOf(from: Prisma.Sql, conditions: Prisma.Sql[]): ViewSql {
  const where = Prisma.sql`WHERE ${and(conditions)}`;
  return { from, where, sql: Prisma.sql`${from} ${where}` };
}

/**
 * A product page's list of assigned users over assignments `a` joined to their users `u`:
 * non-deleted users the search keeps, and with a cutoff only the users who need a valid license.
 */
export function assignmentsInViewSql(
  productId: string,
  users: SearchRows,
  cutoff: AssignmentCursor | null,
  standing: Prisma.Sql | null = null,
): ViewSql {
  const conditions = [Prisma.sql`a."productId" = ${productId}`, Prisma.sql`u."deletedAt" IS NULL`, users.where];
  if (cutoff) conditions.push(atOrAfterSql(cutoff));
  if (standing) conditions.push(standing);
  return viewOf(Prisma.sql`${users.from} JOIN "LicenseAssignment" a ON a."userId" = u."id"`, conditions);
}

/** How active a user is, as the lists filter it (users `u`). */
export type Standing = "inactive" | "neverSignedIn" | "blocked";

/**
 * The reclaim filters over users `u`: *inactive* — no sign-in for more than `days` days (those who
 * never signed in count once their account is that old: a new account is not inactive yet);
 * *never signed in*; *sign-in blocked*.
 */
export function standingSql(standing: Standing, { days = DEFAULT_INACTIVE_DAYS, now = new Date() } = {}): Prisma.Sql {
  switch (standing) {
    case "inactive": {
      const since = subDays(now, days);
      return Prisma.sql`(u."lastSignInAt" < ${since} OR (u."lastSignInAt" IS NULL AND u."createdAt" < ${since}))`;
    }
    case "neverSignedIn":
      return Prisma.sql`u."lastSignInAt" IS NULL`;
    case "blocked":
      return Prisma.sql`NOT u."accountEnabled"`;
  }
}

function isStanding(filter: string): filter is Standing {
  return filter === "inactive" || filter === "neverSignedIn" || filter === "blocked";
}

export interface ProductView {
  /** The product's cutoff (who needs a valid license), for flagging rows whatever the filter. */
  cutoff: AssignmentCursor | null;
  /** Its page in the list's order, and all of it (to count, export or act on). */
  page: ViewSql;
  all: ViewSql;
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
  { days = DEFAULT_INACTIVE_DAYS, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<ProductView | null> {
  const cutoff = await findCutoff(tx, productId, conflicts);
  if (filter === "needsLicense" && !cutoff) return null;
  const search = await prepareUserSearch(tx, q);
  const onlyFlagged = filter === "needsLicense" ? cutoff : null;
  const standing = isStanding(filter) ? standingSql(filter, { days, now }) : null;
  return {
    cutoff,
    page: assignmentsInViewSql(productId, search.page, onlyFlagged, standing),
    all: assignmentsInViewSql(productId, search.all, onlyFlagged, standing),
  };
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

/** Users › Active users over users `u`: not deleted, kept by the search, the filter and the product filter. */
export function usersInViewSql(
  users: SearchRows,
  filter: UserFilter,
  cutoffs: Cutoffs,
  {
    inIdOrder = false,
    product = null,
    days = DEFAULT_INACTIVE_DAYS,
  }: { inIdOrder?: boolean; product?: ProductFilter | null; days?: number } = {},
): ViewSql {
  // Read in id order (an export's batches), SQLite would still walk the (deletedAt, name) index
  // for "not deleted" and sort every batch: 36 s for 100,000 users. The unary + keeps that term
  // off the index, so the primary key gives the order (0.8 s).
  const notDeleted = inIdOrder && !isPostgres() ? Prisma.sql`+u."deletedAt" IS NULL` : Prisma.sql`u."deletedAt" IS NULL`;
  const conditions = [notDeleted, users.where];
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
    case "inactive":
    case "neverSignedIn":
    case "blocked":
      conditions.push(standingSql(filter, { days }));
      break;
    case "all":
      break;
  }
  if (product) {
    // The (userId, productId) unique index answers each row's test.
    const holds = Prisma.sql`EXISTS (SELECT 1 FROM "LicenseAssignment" a WHERE a."userId" = u."id" AND a."productId" = ${product.productId})`;
    conditions.push(product.has ? holds : Prisma.sql`NOT ${holds}`);
  }
  return viewOf(users.from, conditions);
}

/** Users › Deleted users over users `u`: deleted since `since` (still restorable), kept by the search. */
export function deletedUsersSql(users: SearchRows, since: Date): Prisma.Sql {
  return Prisma.sql`${users.from} WHERE u."deletedAt" > ${since} AND ${users.where}`;
}

/** The assign page over users `u`: not deleted, not holding the product, kept by the search. */
export function assignableUsersSql(users: SearchRows, productId: string): Prisma.Sql {
  return Prisma.sql`${users.from} WHERE u."deletedAt" IS NULL AND ${users.where}
    AND NOT EXISTS (SELECT 1 FROM "LicenseAssignment" a WHERE a."userId" = u."id" AND a."productId" = ${productId})`;
}

/** A span of the audit log: events at or after `from`, and before `to` (both optional). */
export interface AuditRange {
  from?: Date;
  to?: Date;
}

/** The audit log over events `e`: kept by the search, of one result unless all, within the range. */
export function auditEventsSql(events: SearchRows, result: string, range: AuditRange = {}): Prisma.Sql {
  return Prisma.sql`${events.from} WHERE ${events.where}${result === "all" ? Prisma.empty : Prisma.sql` AND e."result" = ${result}`}${
    range.from ? Prisma.sql` AND e."at" >= ${range.from}` : Prisma.empty
  }${range.to ? Prisma.sql` AND e."at" < ${range.to}` : Prisma.empty}`;
}
