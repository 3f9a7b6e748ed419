import "server-only";
import { canAssign, type LicenseSummary } from "@/lib/domain/conflicts";
import { chunked, transaction, type Tx } from "../db";
import { purchaseSelect } from "../cloud";
import { AppError } from "../errors";
import { lockProducts, lockUsers } from "./locks";
import { summaryOf } from "./totals";

/**
 * Seat accounting, in one place. `Product.assignedCount` is the number of assignments of
 * non-deleted users; every change to assignments or to a user's deletion state moves it here, in
 * the same transaction, after taking its locks (server/data/locks.ts), and moves
 * `Product.holdersVersion` with it (the version a remembered conflict cutoff belongs to).
 */

export type ClaimResult = { ok: true } | { ok: false; summary: LicenseSummary };

/**
 * Claims `count` seats of a product if that many valid licenses are free: one guarded UPDATE,
 * so concurrent claims can never over-assign. Call with the product locked.
 */
export async function tryClaimSeats(tx: Tx, productId: string, count: number): Promise<ClaimResult> {
  const summary = await summaryOf(tx, productId);
  if (!canAssign(summary, count)) return { ok: false, summary };
  const claimed = await tx.product.updateMany({
    where: { id: productId, assignedCount: { lte: summary.valid - count } },
    data: { assignedCount: { increment: count }, holdersVersion: { increment: 1 } },
  });
  return claimed.count === 1 ? { ok: true } : { ok: false, summary };
}

/** As tryClaimSeats, refusing with the reason (no free licenses, or only disabled ones). */
export async function claimSeats(tx: Tx, productId: string, count: number): Promise<void> {
  const claim = await tryClaimSeats(tx, productId, count);
  if (claim.ok) return;
  const { summary } = claim;
  if (summary.valid === 0 && summary.disabled > 0) throw new AppError("SUBSCRIPTION_DISABLED");
  throw new AppError("NO_LICENSES_AVAILABLE", { available: summary.available, requested: count, purchase: purchaseSelect() });
}

/** Moves a product's count by `delta` without a limit: frees seats, or takes them back on a restore. */
export async function adjustSeats(tx: Tx, productId: string, delta: number): Promise<void> {
  if (delta === 0) return;
  await tx.product.update({ where: { id: productId }, data: { assignedCount: { increment: delta }, holdersVersion: { increment: 1 } } });
}

/** Assignments held by users, per product (deleted users keep theirs for a restore). */
export async function seatsHeldBy(tx: Tx, userIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const ids of chunked(userIds)) {
    const rows = await tx.licenseAssignment.groupBy({ by: ["productId"], where: { userId: { in: ids } }, _count: { _all: true } });
    for (const row of rows) counts.set(row.productId, (counts.get(row.productId) ?? 0) + row._count._all);
  }
  return counts;
}

const MAX_LOCK_ROUNDS = 5;

/**
 * Runs `change` in a transaction holding the locks of the users and of every product they hold,
 * in the global order (products, then users). Which products they hold is only known by reading,
 * so the products are locked from a first read, then the users, then their holdings are read
 * again: when a concurrent assignment added a product in between, the transaction ends without
 * a change and starts again with that product locked too.
 */
export async function withUsersAndTheirProductsLocked<T>(
  userIds: readonly string[],
  change: (tx: Tx, held: Map<string, number>, found: Set<string>) => Promise<T>,
): Promise<T> {
  let known = new Set<string>();
  for (let round = 1; round <= MAX_LOCK_ROUNDS; round++) {
    const outcome = await transaction(async (tx): Promise<{ done: true; value: T } | { done: false; products: Set<string> }> => {
      const products = new Set([...known, ...(await seatsHeldBy(tx, userIds)).keys()]);
      await lockProducts(tx, products);
      const found = await lockUsers(tx, userIds);
      const held = await seatsHeldBy(tx, userIds);
      if ([...held.keys()].some((id) => !products.has(id))) return { done: false, products: new Set([...products, ...held.keys()]) };
      return { done: true, value: await change(tx, held, found) };
    });
    if (outcome.done) return outcome.value;
    known = outcome.products;
  }
  throw new AppError("TEMPORARILY_UNAVAILABLE");
}
