/**
 * Product history (issue 14): the daily snapshot of every product's license counts, its
 * idempotence (a second run that day, or a second server instance at the same moment, writes
 * nothing), its 400-day retention, and the product page's read of the last 90 days.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { firstDayOf, utcDay } from "@/lib/domain/history";
import { addDays } from "@/lib/domain/lifecycle";
import { productHistory, recordDailySnapshots } from "@/server/data/history";
import { aggregateSummaries } from "@/server/data/totals";
import { transaction } from "@/server/db";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, expectAppError, freshOrg, loadActor, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const now = new Date();
const today = utcDay(now);

/** A product of 2 valid, 3 expired and 1 disabled licenses held by 4 users: 2 of them need a valid license. */
async function conflictedProduct(): Promise<string> {
  const users = await org.prisma.user.findMany({ where: { deletedAt: null }, take: 4, orderBy: { id: "asc" }, select: { id: true } });
  const product = await org.prisma.product.create({
    data: {
      displayName: "History test",
      skuPartNumber: "HISTORY_TEST",
      assignedCount: users.length,
      holdersVersion: 1,
      subscriptions: {
        create: [
          { quantity: 2, startsAt: addDays(now, -30), endsAt: addDays(now, 335) },
          { quantity: 3, startsAt: addDays(now, -370), endsAt: addDays(now, -5), autoRenew: false },
          { quantity: 1, startsAt: addDays(now, -400), endsAt: addDays(now, -40), autoRenew: false },
        ],
      },
      assignments: { create: users.map((u) => ({ userId: u.id })) },
    },
    select: { id: true },
  });
  return product.id;
}

async function snapshotsOn(day: Date) {
  return org.prisma.productSnapshot.findMany({
    where: { day },
    orderBy: { productId: "asc" },
    select: { productId: true, valid: true, assigned: true, expired: true, disabled: true, takenAt: true },
  });
}

function row(productId: string, day: Date, counts: { valid: number; assigned: number; expired?: number; disabled?: number }) {
  return { productId, day, expired: 0, disabled: 0, ...counts, takenAt: addDays(day, 0.1) };
}

describe("recordDailySnapshots", () => {
  it("writes one row per product for today's UTC day with its valid, assigned, expired and disabled licenses, no audit record", async () => {
    const productId = await conflictedProduct();
    const e3 = await org.productId("e3");
    const audit = await auditIds(org.prisma);
    const result = await recordDailySnapshots(now);
    const products = await org.prisma.product.count();
    expect(result).toEqual({ day: today, written: products, pruned: 0 });

    const rows = await snapshotsOn(today);
    expect(rows).toHaveLength(products);
    expect(rows.find((r) => r.productId === productId)).toEqual({
      productId,
      valid: 2,
      assigned: 4,
      expired: 3,
      disabled: 1,
      takenAt: now,
    });
    // Every product's counts are those of Billing › Licenses (the demo's E3 and Business Premium conflicts among them).
    const summaries = await transaction((tx) => aggregateSummaries(tx, undefined, now));
    for (const r of rows) {
      const s = summaries.get(r.productId)!;
      expect(r).toMatchObject({ valid: s.valid, assigned: s.assigned, expired: s.expired, disabled: s.disabled });
    }
    expect(rows.find((r) => r.productId === e3)).toMatchObject({ valid: 8, assigned: 11, expired: 0 });
    expect(await auditSince(org.prisma, audit)).toEqual([]);
  });

  it("is idempotent: a second run the same day writes nothing and keeps the first run's counts", async () => {
    const productId = await conflictedProduct();
    await recordDailySnapshots(now);
    const first = await snapshotsOn(today);
    // A license removed since does not change today's snapshot.
    const removed = await org.prisma.licenseAssignment.findFirstOrThrow({ where: { productId }, select: { id: true } });
    await org.prisma.$transaction([
      org.prisma.licenseAssignment.delete({ where: { id: removed.id } }),
      org.prisma.product.update({ where: { id: productId }, data: { assignedCount: 3, holdersVersion: { increment: 1 } } }),
    ]);
    const later = new Date(Math.min(now.getTime() + 60_000, addDays(today, 1).getTime() - 1));
    expect(await recordDailySnapshots(later)).toEqual({ day: today, written: 0, pruned: 0 });
    expect(await snapshotsOn(today)).toEqual(first);
  });

  it("two instances at the same moment: one row per product, both succeed", async () => {
    const results = await Promise.all([recordDailySnapshots(now), recordDailySnapshots(now)]);
    const products = await org.prisma.product.count();
    expect(results.map((r) => r.written).sort((a, b) => a - b)).toEqual([0, products]);
    expect(await snapshotsOn(today)).toHaveLength(products);
    expect(await org.prisma.productSnapshot.count({ where: { day: { gte: today } } })).toBe(products);
  });

  it("keeps 400 days counting today: prunes day 400 and older, keeps day 399", async () => {
    const productId = await org.productId("e5");
    const other = await org.productId("visio");
    await org.prisma.productSnapshot.createMany({
      data: [
        row(productId, addDays(today, -399), { valid: 5, assigned: 3 }),
        row(productId, addDays(today, -400), { valid: 5, assigned: 2 }),
        row(other, addDays(today, -401), { valid: 3, assigned: 2 }),
        row(other, addDays(today, -700), { valid: 3, assigned: 1 }),
      ],
    });
    const before = await org.prisma.productSnapshot.count();
    expect((await recordDailySnapshots(now)).pruned).toBe(3);
    const kept = await org.prisma.productSnapshot.findMany({
      where: { day: { lt: addDays(today, -300) } },
      select: { productId: true, day: true },
    });
    expect(kept).toEqual([{ productId, day: addDays(today, -399) }]);
    expect(await org.prisma.productSnapshot.count()).toBe(before - 3 + (await org.prisma.product.count()));
  });
});

describe("productHistory", () => {
  it("returns the product's snapshots of the last 90 days (today's counting) in date order, and no other product's", async () => {
    const productId = await conflictedProduct();
    const other = await org.productId("e5");
    const days = [-2, 0, -89, -90, -45, -120];
    await org.prisma.productSnapshot.createMany({
      data: [
        ...days.map((d, i) => row(productId, addDays(today, d), { valid: 2, assigned: 10 + i, expired: i % 2 })),
        row(other, today, { valid: 5, assigned: 3 }),
      ],
    });
    const history = await productHistory(org.actors.GlobalReader, productId, 90, now);
    expect(history).toEqual([
      { day: addDays(today, -89), valid: 2, assigned: 12, expired: 0, disabled: 0 },
      { day: addDays(today, -45), valid: 2, assigned: 14, expired: 0, disabled: 0 },
      { day: addDays(today, -2), valid: 2, assigned: 10, expired: 0, disabled: 0 },
      { day: today, valid: 2, assigned: 11, expired: 1, disabled: 0 },
    ]);
    expect(history[0]!.day).toEqual(firstDayOf(now, 90));
    expect((await productHistory(org.actors.LicenseAdmin, productId, 3, now)).map((h) => h.assigned)).toEqual([10, 11]);
  });

  it("the demo organization starts with 120 days of history up to yesterday", async () => {
    const e3 = await org.productId("e3");
    const history = await productHistory(org.actors.GlobalAdmin, e3, 400, now);
    expect(history).toHaveLength(120);
    expect(history[0]!.day).toEqual(addDays(today, -120));
    expect(history.at(-1)).toMatchObject({ day: addDays(today, -1), valid: 8, assigned: 11 });
    // Before the reduction ten days ago, 12 licenses were valid.
    expect(history.find((h) => h.day.getTime() === addDays(today, -20).getTime())).toMatchObject({ valid: 12 });
  });

  it("is refused, and the refusal audited, for a user with no admin role", async () => {
    const productId = await org.productId("e3");
    const nobody = await loadActor(
      org.prisma,
      (await org.prisma.user.findFirstOrThrow({ where: { displayName: "Adele Vance" } })).userPrincipalName,
    );
    expect(nobody.roles).toEqual([]);
    const audit = await auditIds(org.prisma);
    await expectAppError(productHistory(nobody, productId), "FORBIDDEN");
    expect(await auditSince(org.prisma, audit)).toEqual([
      expect.objectContaining({ actorId: nobody.id, action: "product.read", targetId: productId, result: "denied" }),
    ]);
  });
});
