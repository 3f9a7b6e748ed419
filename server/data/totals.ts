import "server-only";
import { summarizeLicenses, type LicenseSummary, type ProductTotals } from "@/lib/domain/conflicts";
import { lifecycleWindows } from "@/lib/domain/lifecycle";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { AppError } from "../errors";

/**
 * License totals per product, aggregated by the database: three GROUP BYs over subscriptions by
 * lifecycle window plus each product's maintained assignment count. Never loads assignments.
 */
export async function aggregateSummaries(tx: Tx, productIds?: string[], now = new Date()): Promise<Map<string, LicenseSummary>> {
  const { expiredSince, disabledSince } = lifecycleWindows(now);
  const scope: Prisma.SubscriptionWhereInput = productIds ? { productId: { in: productIds } } : {};
  const active = await tx.subscription.groupBy({
    by: ["productId"],
    where: { ...scope, endsAt: { gt: now } },
    _sum: { quantity: true },
    _max: { reducedAt: true },
  });
  const expired = await tx.subscription.groupBy({
    by: ["productId"],
    where: { ...scope, endsAt: { lte: now, gt: expiredSince } },
    _sum: { quantity: true },
    _min: { endsAt: true },
  });
  const disabled = await tx.subscription.groupBy({
    by: ["productId"],
    where: { ...scope, endsAt: { lte: expiredSince, gt: disabledSince } },
    _sum: { quantity: true },
  });
  const products = await tx.product.findMany({
    where: productIds ? { id: { in: productIds } } : {},
    select: { id: true, assignedCount: true },
  });

  const activeBy = new Map(active.map((row) => [row.productId, row]));
  const expiredBy = new Map(expired.map((row) => [row.productId, row]));
  const disabledBy = new Map(disabled.map((row) => [row.productId, row]));
  const result = new Map<string, LicenseSummary>();
  for (const product of products) {
    const a = activeBy.get(product.id);
    const e = expiredBy.get(product.id);
    const totals: ProductTotals = {
      valid: a?._sum.quantity ?? 0,
      expired: e?._sum.quantity ?? 0,
      disabled: disabledBy.get(product.id)?._sum.quantity ?? 0,
      assigned: product.assignedCount,
      earliestExpiredLapse: e?._min.endsAt ?? null,
      latestReduction: a?._max.reducedAt ?? null,
    };
    result.set(product.id, summarizeLicenses(totals));
  }
  return result;
}

export async function summaryOf(tx: Tx, productId: string, now = new Date()): Promise<LicenseSummary> {
  const summary = (await aggregateSummaries(tx, [productId], now)).get(productId);
  if (!summary) throw new AppError("NOT_FOUND");
  return summary;
}

/**
 * Takes the product's row lock with a no-op write as the transaction's first statement, so
 * concurrent seat claims on one product serialize (PostgreSQL row lock; SQLite write lock taken
 * up front, avoiding SQLITE_BUSY_SNAPSHOT).
 */
export async function lockProduct(tx: Tx, productId: string): Promise<void> {
  const { count } = await tx.product.updateMany({ where: { id: productId }, data: { assignedCount: { increment: 0 } } });
  if (count !== 1) throw new AppError("NOT_FOUND");
}

export interface AssignmentCursor {
  assignedAt: Date;
  id: string;
}

/**
 * The users who need a valid license are the `conflicts` most recently assigned users of the
 * product. Returns the oldest of those assignments: every assignment at or after it is flagged.
 */
export async function conflictCutoff(tx: Tx, productId: string, conflicts: number): Promise<AssignmentCursor | null> {
  if (conflicts <= 0) return null;
  const row = await tx.licenseAssignment.findFirst({
    where: { productId, user: { deletedAt: null } },
    orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
    skip: conflicts - 1,
    select: { assignedAt: true, id: true },
  });
  return row;
}

/** Prisma filter for assignments at or after a cutoff (newest first ordering). */
export function atOrAfter(cutoff: AssignmentCursor): Prisma.LicenseAssignmentWhereInput {
  return {
    OR: [{ assignedAt: { gt: cutoff.assignedAt } }, { assignedAt: cutoff.assignedAt, id: { gte: cutoff.id } }],
  };
}

export function isAtOrAfter(row: AssignmentCursor, cutoff: AssignmentCursor | null): boolean {
  if (!cutoff) return false;
  const diff = row.assignedAt.getTime() - cutoff.assignedAt.getTime();
  return diff > 0 || (diff === 0 && row.id >= cutoff.id);
}
