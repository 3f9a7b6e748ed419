import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-postgres/client";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Creates a Prisma client over the driver adapter for `url` (no downloaded engines): SQLite for
 * `file:` URLs, PostgreSQL for `postgresql://`. Both clients are generated from one data model
 * (scripts/sync-schema.mjs), so the PostgreSQL one is used through the same type.
 */
export function createPrismaClient(url: string): PrismaClient {
  if (isPostgresUrl(url)) {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 }) });
    return client as unknown as PrismaClient;
  }
  // busy timeout: another process (seed, CLI, a test) may hold the write lock for a moment.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
}
