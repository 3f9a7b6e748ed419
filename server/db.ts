import "server-only";
import { createPrismaClient, isPostgresUrl } from "@/lib/db-client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Tx = Prisma.TransactionClient;

/**
 * A case-insensitive substring filter on both databases: SQLite's LIKE already ignores ASCII
 * case; PostgreSQL needs Prisma's `mode: "insensitive"` (ILIKE), which the SQLite client's types lack.
 */
export function containsText(q: string): Prisma.StringFilter {
  return (isPostgresUrl(env().DATABASE_URL) ? { contains: q, mode: "insensitive" } : { contains: q }) as Prisma.StringFilter;
}

/**
 * The raw-SQL counterpart of containsText, for statements written by hand: the same
 * case-insensitive substring match, with `%`, `_` and `\` in the search taken literally.
 */
export function containsSql(column: Prisma.Sql, q: string): Prisma.Sql {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return isPostgresUrl(env().DATABASE_URL) ? Prisma.sql`${column} ILIKE ${pattern} ESCAPE '\\'` : Prisma.sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

const globalForPrisma = globalThis as unknown as { licenseCenterPrisma?: PrismaClient };

export function db(): PrismaClient {
  globalForPrisma.licenseCenterPrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalForPrisma.licenseCenterPrisma;
}

/** Ids per `IN (…)` list: the SQLite adapter refuses queries with more than 999 parameters. */
export const ID_CHUNK = 500;

export function chunked<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const TRANSIENT_CODES = new Set(["P2034", "P1001", "P1002", "P1017", "P2024", "P2028"]);
const MAX_ATTEMPTS = 4;

/** Write conflicts, deadlocks and busy databases are worth retrying; nothing else is. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return TRANSIENT_CODES.has(error.code);
  if (!(error instanceof Error)) return false;
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
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
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
