import "server-only";
import { firstDayOf, HISTORY_DAYS, oldestKeptDay, utcDay } from "@/lib/domain/history";
import { addDays } from "@/lib/domain/lifecycle";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { chunked, transaction } from "../db";
import { aggregateSummaries } from "./totals";

export interface ProductSnapshotRow {
  day: Date;
  valid: number;
  assigned: number;
  expired: number;
  disabled: number;
}

/** Rows per INSERT: seven parameters each, well under SQLite's 999. */
const ROWS_PER_INSERT = 100;

/**
 * Today's snapshot of every product's valid, assigned, expired and disabled licenses (the
 * totals of Billing › Licenses, aggregateSummaries), one row per product for `now`'s UTC day,
 * and the pruning of snapshots past SNAPSHOT_RETENTION_DAYS, in one transaction. Idempotent: the
 * first snapshot of a day stands, and a second call that day (or one from another server
 * instance at the same moment) writes nothing and fails nothing (INSERT … ON CONFLICT DO
 * NOTHING on the primary key). A system job with no actor, run once a day by the scheduler: it
 * writes no audit record, since it changes nothing an admin sees or can change.
 */
export async function recordDailySnapshots(now = new Date()): Promise<{ day: Date; written: number; pruned: number }> {
  const day = utcDay(now);
  return transaction(async (tx) => {
    const summaries = await aggregateSummaries(tx, undefined, now);
    let written = 0;
    for (const part of chunked([...summaries], ROWS_PER_INSERT)) {
      // Dates as parameters, as Prisma itself writes them (ISO text on SQLite): the key compares equal.
      const values = part.map(
        ([productId, s]) => Prisma.sql`(${productId}, ${day}, ${s.valid}, ${s.assigned}, ${s.expired}, ${s.disabled}, ${now})`,
      );
      written +=
        await tx.$executeRaw`INSERT INTO "ProductSnapshot" ("productId", "day", "valid", "assigned", "expired", "disabled", "takenAt")
        VALUES ${Prisma.join(values)} ON CONFLICT ("productId", "day") DO NOTHING`;
    }
    const { count: pruned } = await tx.productSnapshot.deleteMany({ where: { day: { lt: oldestKeptDay(now) } } });
    return { day, written, pruned };
  });
}

/**
 * A product's snapshots of the last `days` UTC days (today's counting), oldest first: one range
 * read of the (productId, day) primary key.
 */
export async function productHistory(
  actor: Actor,
  productId: string,
  days = HISTORY_DAYS,
  now = new Date(),
): Promise<ProductSnapshotRow[]> {
  await authorize(actor, "product.read", productId);
  return transaction((tx) =>
    tx.productSnapshot.findMany({
      where: { productId, day: { gte: firstDayOf(now, days), lt: addDays(utcDay(now), 1) } },
      orderBy: { day: "asc" },
      select: { day: true, valid: true, assigned: true, expired: true, disabled: true },
    }),
  );
}
