import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";

/** Creates a Prisma client over the driver adapter for `url` (no downloaded engines). */
export function createPrismaClient(url: string): PrismaClient {
  // busy timeout: another process (seed, CLI, a test) may hold the write lock for a moment.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
}
