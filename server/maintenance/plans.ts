import "server-only";
import { USER_RESTORE_DAYS } from "@/lib/domain/lifecycle";
import { COUNT_CAP, PAGE_SIZE } from "@/lib/listing";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPostgres, type Tx } from "../db";
import {
  assignableUsersSql,
  assignmentsInViewSql,
  auditEventsSql,
  deletedUsersSql,
  prepareAuditSearch,
  prepareUserSearch,
  USER_LIST_COLUMNS,
  usersInViewSql,
} from "../data/listing-filters";

/**
 * The statements every searchable list runs (its page and its capped count), built from the same
 * pieces the data layer uses, and their query plans: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN`
 * (or `EXPLAIN ANALYZE`) on PostgreSQL. tests/integration/search-plans.test.ts checks that each
 * goes through its index; npm run bench writes them into docs/benchmarks.md, so a regression shows
 * as a changed plan.
 */
export interface SearchStatement {
  name: string;
  sql: Prisma.Sql;
}

/**
 * Each searchable list's statements for `q`: a page in the list's default order and the capped
 * count, decided (index or list order) as the data layer decides them. Call in a read transaction.
 */
export async function searchStatements(tx: Tx, { productId, q }: { productId: string; q: string }): Promise<SearchStatement[]> {
  const since = new Date(Date.now() - USER_RESTORE_DAYS * 24 * 60 * 60 * 1000);
  const users = await prepareUserSearch(tx, q);
  const audit = await prepareAuditSearch(tx, q);
  const capped = (from: Prisma.Sql) => Prisma.sql`SELECT COUNT(*) FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1}) AS "capped"`;
  const page = (columns: Prisma.Sql, from: Prisma.Sql, order: Prisma.Sql) =>
    Prisma.sql`SELECT ${columns} ${from} ORDER BY ${order} LIMIT ${PAGE_SIZE}`;
  const byName = Prisma.sql`u."displayName", u."userPrincipalName"`;
  return [
    { name: "Users search: a page", sql: page(USER_LIST_COLUMNS, usersInViewSql(users.page, "all", new Map()).sql, byName) },
    { name: "Users search: the capped count", sql: capped(usersInViewSql(users.all, "all", new Map()).sql) },
    {
      name: "Product's users search: a page",
      sql: page(Prisma.sql`a."id"`, assignmentsInViewSql(productId, users.page, null).sql, Prisma.sql`a."assignedAt" DESC, a."id" DESC`),
    },
    { name: "Product's users search: the capped count", sql: capped(assignmentsInViewSql(productId, users.all, null).sql) },
    { name: "Assign page search: a page", sql: page(Prisma.sql`u."id"`, assignableUsersSql(users.page, productId), byName) },
    {
      name: "Deleted users search: a page",
      sql: page(Prisma.sql`u."id"`, deletedUsersSql(users.page, since), Prisma.sql`u."deletedAt" DESC`),
    },
    {
      name: "Audit search: a page",
      sql: page(Prisma.sql`e."id"`, auditEventsSql(audit.page, "all"), Prisma.sql`e."at" DESC, e."id" DESC`),
    },
    { name: "Audit search: the capped count", sql: capped(auditEventsSql(audit.all, "all")) },
  ];
}

/** A statement's plan, one line a step. `analyze` runs it (PostgreSQL) to show real rows and times. */
export async function explain(tx: Tx, sql: Prisma.Sql, { analyze = false } = {}): Promise<string[]> {
  if (isPostgres()) {
    const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(
      analyze ? Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}` : Prisma.sql`EXPLAIN ${sql}`,
    );
    return rows.map((row) => row["QUERY PLAN"]);
  }
  const rows = await tx.$queryRaw<{ id: number; parent: number; detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${sql}`);
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${"  ".repeat(level - 1)}${row.detail}`;
  });
}
