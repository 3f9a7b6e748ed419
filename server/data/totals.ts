import "server-only";
import { summarizeLicenses, type LicenseSummary, type ProductTotals } from "@/lib/domain/conflicts";
import { lifecycleState, lifecycleWindows } from "@/lib/domain/lifecycle";
import type { Tx } from "../db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "../errors";

/**
 * License totals per product, aggregated by the database in one statement: every product (or
 * those given) with its maintained assignment count, joined to a GROUP BY of its subscriptions
 * by term end (few rows: one per distinct end date). Each group is then placed in its lifecycle
 * state by the domain rule. Never loads assignments. Raw SQL: through Prisma this was a groupBy
 * and a findMany, each compiled per call (docs/benchmarks.md).
 */
export async function aggregateSummaries(tx: Tx, productIds?: readonly string[], now = new Date()): Promise<Map<string, LicenseSummary>> {
  const { disabledSince } = lifecycleWindows(now);
  if (productIds && productIds.length === 0) return new Map();
  // Deleted subscriptions (past their Disabled window) count for nothing.
  const rows = await tx.$queryRaw<SummaryRow[]>`
    SELECT p."id" AS "productId", p."assignedCount" AS "assignedCount", g."endsAt" AS "endsAt", g."quantity" AS "quantity", g."reducedAt" AS "reducedAt",
      (${restoredWithoutSeatSql(now)}) AS "restoredWithoutSeat"
    FROM "Product" p
    LEFT JOIN (
      SELECT s."productId" AS "productId", s."endsAt" AS "endsAt", SUM(s."quantity") AS "quantity", MAX(s."reducedAt") AS "reducedAt"
      FROM "Subscription" s
      WHERE s."endsAt" > ${disabledSince}${productIds ? Prisma.sql` AND s."productId" IN (${Prisma.join(productIds)})` : Prisma.empty}
      GROUP BY s."productId", s."endsAt"
    ) g ON g."productId" = p."id"${
      productIds
        ? Prisma.sql`
    WHERE p."id" IN (${Prisma.join(productIds)})`
        : Prisma.empty
    }`;

  const totals = new Map<string, ProductTotals>();
  for (const row of rows) {
    let entry = totals.get(row.productId);
    if (!entry) {
      entry = {
        valid: 0,
        expired: 0,
        disabled: 0,
        assigned: Number(row.assignedCount),
        earliestExpiredLapse: null,
        latestReduction: null,
        restoredWithoutSeat: Number(row.restoredWithoutSeat),
      };
      totals.set(row.productId, entry);
    }
    if (row.endsAt === null) continue;
    // SQLite hands raw DATETIME values back as ISO text, PostgreSQL as Date; SUM is a bigint there.
    const endsAt = new Date(row.endsAt);
    const quantity = Number(row.quantity ?? 0);
    switch (lifecycleState({ endsAt }, now)) {
      case "Active": {
        entry.valid += quantity;
        const reduced = row.reducedAt === null ? null : new Date(row.reducedAt);
        if (reduced && (!entry.latestReduction || reduced > entry.latestReduction)) entry.latestReduction = reduced;
        break;
      }
      case "Expired":
        entry.expired += quantity;
        if (!entry.earliestExpiredLapse || endsAt < entry.earliestExpiredLapse) entry.earliestExpiredLapse = endsAt;
        break;
      case "Disabled":
        entry.disabled += quantity;
        break;
      case "Deleted":
        break;
    }
  }
  return new Map([...totals].map(([id, t]) => [id, summarizeLicenses(t)]));
}

interface SummaryRow {
  productId: string;
  assignedCount: number | bigint;
  endsAt: Date | string | null;
  quantity: number | bigint | null;
  reducedAt: Date | string | null;
  restoredWithoutSeat: number | bigint;
}

/**
 * Product `p`'s licenses restored while none was free (LicenseAssignment.restoredAt) to users
 * still there, and restored after every reduction and lapse of its subscriptions: a change
 * since then made the conflict anew, and that change is its cause. Read from the
 * (productId, restoredAt) index, which holds none for most products.
 */
function restoredWithoutSeatSql(now: Date): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) FROM "LicenseAssignment" r JOIN "User" ru ON ru."id" = r."userId"
      WHERE r."productId" = p."id" AND r."restoredAt" IS NOT NULL AND ru."deletedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "Subscription" rs WHERE rs."productId" = p."id"
          AND (rs."reducedAt" >= r."restoredAt" OR (rs."endsAt" <= ${now} AND rs."endsAt" >= r."restoredAt")))`;
}

export async function summaryOf(tx: Tx, productId: string, now = new Date()): Promise<LicenseSummary> {
  const summary = (await aggregateSummaries(tx, [productId], now)).get(productId);
  if (!summary) throw new AppError("NOT_FOUND");
  return summary;
}
