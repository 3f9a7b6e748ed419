import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { chunked, isPostgres, type Tx } from "../db";
import { AppError } from "../errors";

/**
 * Row locks, taken in one global order by every change that moves seats or a user's standing:
 *
 *   subscriptions → products → users → Global admin role rows, each set by id.
 *
 * A change takes them before it reads anything it counts, so what it counts cannot move under it
 * (PostgreSQL runs READ COMMITTED). On PostgreSQL they are `SELECT … ORDER BY id FOR UPDATE`
 * (rows are locked in that order); on SQLite the first write of a transaction takes the whole
 * database's write lock, so each lock is a no-op write that takes it up front (which also avoids
 * SQLITE_BUSY_SNAPSHOT across processes).
 */
const TABLES = { subscription: "Subscription", product: "Product", user: "User" } as const;
type LockedTable = keyof typeof TABLES;

/** SQLite: take the database write lock now (an UPDATE takes it even when it matches no row). */
async function beginWrite(tx: Tx): Promise<void> {
  if (!isPostgres()) await tx.$executeRaw`UPDATE "Product" SET "assignedCount" = "assignedCount" WHERE 0 = 1`;
}

/** Locks the rows of `ids` in id order; returns the ids that exist. */
async function lockRows(tx: Tx, table: LockedTable, ids: Iterable<string>): Promise<Set<string>> {
  const sorted = [...new Set(ids)].sort();
  const found = new Set<string>();
  if (sorted.length === 0) return found;
  const name = Prisma.raw(`"${TABLES[table]}"`);
  await beginWrite(tx);
  for (const chunk of chunked(sorted)) {
    const rows = isPostgres()
      ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${name} WHERE "id" IN (${Prisma.join(chunk)}) ORDER BY "id" FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${name} WHERE "id" IN (${Prisma.join(chunk)})`;
    for (const row of rows) found.add(row.id);
  }
  return found;
}

async function lockAll(tx: Tx, table: LockedTable, ids: Iterable<string>): Promise<void> {
  const wanted = new Set(ids);
  const found = await lockRows(tx, table, wanted);
  if (found.size !== wanted.size) throw new AppError("NOT_FOUND");
}

/** Serializes changes to one subscription (purchase, reduce). NOT_FOUND when it does not exist. */
export async function lockSubscription(tx: Tx, subscriptionId: string): Promise<void> {
  await lockAll(tx, "subscription", [subscriptionId]);
}

/** Serializes seat changes on these products. NOT_FOUND when one does not exist. */
export async function lockProducts(tx: Tx, productIds: Iterable<string>): Promise<void> {
  await lockAll(tx, "product", productIds);
}

/**
 * Locks users' rows: their deletion state and their assignments hold still until the transaction
 * ends. Returns the ids that exist (callers decide whether a missing one is NOT_FOUND).
 */
export async function lockUsers(tx: Tx, userIds: Iterable<string>): Promise<Set<string>> {
  return lockRows(tx, "user", userIds);
}

/**
 * Locks every Global admin role row, so two changes that could each remove a Global admin (two
 * Global admins deleting each other) count the remaining ones one after the other.
 */
export async function lockGlobalAdminRoles(tx: Tx): Promise<void> {
  await beginWrite(tx);
  if (isPostgres()) await tx.$queryRaw`SELECT "userId" FROM "AdminRole" WHERE "role" = 'GlobalAdmin' ORDER BY "userId" FOR UPDATE`;
}
