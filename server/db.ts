import "server-only";
import { createPrismaClient, isPostgresUrl } from "@/lib/db-client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { createRawReader, type RawReader, type RawRow } from "@/lib/raw-reader";

export type Tx = Prisma.TransactionClient;

/** Which database this deployment runs on (DATABASE_URL): the few statements that differ ask this. */
export function isPostgres(): boolean {
  return isPostgresUrl(env().DATABASE_URL);
}

/** Raw rows: SQLite hands DATETIME back as ISO text and booleans as 0/1, PostgreSQL as Date and boolean. */
export function rawDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function rawDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : rawDate(value);
}

export function rawBoolean(value: boolean | number | bigint): boolean {
  return typeof value === "boolean" ? value : Number(value) !== 0;
}

/**
 * Counts the rows of `FROM … WHERE …`, stopping at `limit` when one is given (the lists' capped
 * counts: reading a million matches to print one number is not worth it). COUNT(*) comes back as
 * a bigint or a number.
 */
export async function countRows(tx: Tx, from: Prisma.Sql, limit?: number): Promise<number> {
  const rows =
    limit === undefined
      ? await tx.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" ${from}`
      : await tx.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "one" ${from} LIMIT ${limit}) AS "capped"`;
  return Number(rows[0]?.n ?? 0);
}

const globalForPrisma = globalThis as unknown as { licenseCenterPrisma?: PrismaClient; licenseCenterRawReader?: RawReader };

export function db(): PrismaClient {
  globalForPrisma.licenseCenterPrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalForPrisma.licenseCenterPrisma;
}

/** The exports' reads, as arrays of column values on a connection of their own (lib/raw-reader.ts). */
export function rawRows(sql: Prisma.Sql): Promise<RawRow[]> {
  globalForPrisma.licenseCenterRawReader ??= createRawReader(env().DATABASE_URL);
  return globalForPrisma.licenseCenterRawReader.rows(sql);
}

/** Ids per `IN (…)` list: the SQLite adapter refuses queries with more than 999 parameters. */
export const ID_CHUNK = 500;

export function chunked<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const TRANSIENT_CODES = new Set(["P2034", "P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/**
 * Attempts at a transaction that meets a conflict, waiting 25, 50, 100 … 800 ms (with jitter)
 * between them: on SQLite a transaction that read and then writes after another process (the
 * seed, `db:check`, a test's factories) wrote meanwhile fails at once with SQLITE_BUSY, whatever
 * the busy timeout, and a bulk write elsewhere can keep doing so for a second or more.
 */
const MAX_ATTEMPTS = 7;

/** Write conflicts, deadlocks and busy databases are worth retrying; nothing else is. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && TRANSIENT_CODES.has(error.code)) return true;
  if (!(error instanceof Error)) return false;
  // The SQLite adapter passes the driver's code on: SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …
  if (error instanceof Prisma.PrismaClientKnownRequestError && /^SQLITE_(BUSY|LOCKED)/.test(error.code)) return true;
  // The PostgreSQL driver adapter reports conflicts as a DriverAdapterError whose cause has a kind.
  const cause = (error as { cause?: unknown }).cause;
  const kind = typeof cause === "object" && cause !== null && "kind" in cause ? String(cause.kind) : "";
  const text = `${error.message} ${kind} ${typeof cause === "string" ? cause : ""}`;
  return /TransactionWriteConflict|deadlock detected|could not serialize|SQLITE_BUSY|database is locked/i.test(text);
}

/**
 * The one way to touch the database. Every read that feeds a page and every write runs in an
 * interactive transaction: on SQLite the driver adapter shares one connection, and a plain query
 * issued while another request's transaction is open would run inside it (and vanish on its
 * rollback). Transient conflicts are retried a bounded number of times.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(fn, { maxWait: 20_000, timeout: 60_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isTransientError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** (attempt - 1) * (0.5 + Math.random())));
    }
  }
}

/** Whether the database answers a trivial query right now. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await db().$transaction((tx) => tx.$queryRaw`SELECT 1`, { maxWait: 3_000, timeout: 3_000 });
    return true;
  } catch {
    return false;
  }
}
