/**
 * Reclaim across the organization (issue 14): the licenses of users inactive for more than N days,
 * per product, and their removal in one confirmed step, undone within 30 minutes. On the demo
 * organization the users who never signed in have accounts months old, so they are inactive for
 * any N up to about eight months; every other user signed in within the last 20 days. Inactive
 * for 30 days: two of Business Premium's holders, one of Office 365 E3's, one of Power BI Pro's.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reclaimSchema, undoSchema } from "@/lib/validation";
import { assignLicenses, reclaimInactiveLicenses } from "@/server/data/license-changes";
import { findInactiveLicenses } from "@/server/data/reclaim";
import { summaryOf } from "@/server/data/totals";
import { transaction } from "@/server/db";
import { undoRemoval } from "@/server/data/undo";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, expectRefusedIn, freshOrg, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const DAY = 86_400_000;

async function holdings(productIds: string[]) {
  return org.prisma.licenseAssignment.findMany({
    where: { productId: { in: productIds } },
    orderBy: { id: "asc" },
    select: { id: true, userId: true, productId: true, assignedAt: true, assignedById: true, restoredAt: true },
  });
}

async function products() {
  return { bp: await org.productId("bp"), e3: await org.productId("e3"), e5: await org.productId("e5"), pbi: await org.productId("pbi") };
}

/** Users (not deleted, with a usage location) who don't hold the product: to take its free licenses. */
async function othersThan(productId: string, count: number): Promise<string[]> {
  const users = await org.prisma.user.findMany({
    where: { deletedAt: null, usageLocation: { not: null }, assignments: { none: { productId } } },
    orderBy: { id: "asc" },
    take: count,
    select: { id: true },
  });
  expect(users).toHaveLength(count);
  return users.map((u) => u.id);
}

describe("findInactiveLicenses", () => {
  it("counts per product the licenses of users inactive for more than N days, with their monthly cost, the costliest first", async () => {
    const p = await products();
    const overview = await findInactiveLicenses(org.actors.GlobalReader, 30);
    const prices = new Map(
      (await org.prisma.product.findMany({ select: { id: true, unitPriceCents: true } })).map((row) => [row.id, row.unitPriceCents]),
    );
    expect(overview.products.map((row) => [row.productId, row.licenses])).toEqual([
      [p.bp, 2],
      [p.e3, 1],
      [p.pbi, 1],
    ]);
    for (const row of overview.products) expect(row.monthlyCents).toBe(row.licenses * prices.get(row.productId)!);
    expect(overview.licenses).toBe(4);
    expect(overview.monthlyCents).toBe(overview.products.reduce((sum, row) => sum + row.monthlyCents, 0));
    expect(overview.currency).toBe("USD");
  });

  it("moves with N and with sign-ins; a new account is not inactive yet; deleted users don't count", async () => {
    const p = await products();
    // Everyone else signed in within 20 days: inactive for more than 10 days are more.
    const ten = await findInactiveLicenses(org.actors.GlobalReader, 10);
    expect(ten.licenses).toBeGreaterThan(4);
    const bpHolders = await org.prisma.licenseAssignment.findMany({
      where: { productId: p.bp, user: { lastSignInAt: null } },
      select: { userId: true },
    });
    expect(bpHolders).toHaveLength(2);
    // One signs in; the other's account is made new (created yesterday): neither is inactive now.
    await org.prisma.user.update({ where: { id: bpHolders[0]!.userId }, data: { lastSignInAt: new Date() } });
    await org.prisma.user.update({ where: { id: bpHolders[1]!.userId }, data: { createdAt: new Date(Date.now() - DAY) } });
    const after = await findInactiveLicenses(org.actors.GlobalReader, 30);
    expect(after.products.map((row) => row.productId)).toEqual([p.e3, p.pbi]);
  });
});

describe("reclaimInactiveLicenses", () => {
  it("removes exactly the inactive users' licenses of the products ticked, in one audited, undoable step", async () => {
    const p = await products();
    // Power BI Pro has licenses free: its removal can be undone as it stands.
    const before = await holdings([p.bp, p.e3, p.pbi, p.e5]);
    const counts = async () =>
      (await org.prisma.product.findMany({ where: { id: { in: [p.bp, p.e3, p.pbi] } }, orderBy: { id: "asc" } })).map((row) => [
        row.id,
        row.assignedCount,
      ]);
    const countsBefore = await counts();
    const audit = await auditIds(org.prisma);
    const result = await reclaimInactiveLicenses(org.actors.LicenseAdmin, { days: 30, productIds: [p.bp, p.pbi], expected: 3 });
    expect(result).toMatchObject({ removed: 3, products: 2 });
    const after = await holdings([p.bp, p.e3, p.pbi, p.e5]);
    expect(before.length - after.length).toBe(3);
    // Office 365 E3 was not ticked: its inactive holder keeps the license.
    expect(after.filter((a) => a.productId === p.e3)).toEqual(before.filter((a) => a.productId === p.e3));
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, e.result, e.targetType, e.targetId])).toEqual([
      ["license.reclaimInactive", "success", "organization", null],
    ]);
    expect(JSON.parse(events[0]!.after!)).toEqual({
      days: 30,
      count: 3,
      products: [
        { name: "Microsoft 365 Business Premium", count: 2 },
        { name: "Power BI Pro", count: 1 },
      ],
    });
    const event = await org.prisma.auditEvent.findUniqueOrThrow({ where: { id: result.eventId }, select: { userCount: true } });
    expect(event.userCount).toBe(await org.prisma.auditEventUser.count({ where: { eventId: result.eventId } }));
    expect(await org.prisma.removedAssignment.count({ where: { eventId: result.eventId } })).toBe(3);
    // Business Premium was in conflict (13 assigned, 10 valid): removing two left it at 11.
    expect((await transaction((tx) => summaryOf(tx, p.bp))).conflicts).toBe(1);

    // Undone: Business Premium had no license free, so the undo asks first and changes nothing.
    await expectRefusedIn(org, () => undoRemoval(org.actors.LicenseAdmin, { eventId: result.eventId }), "UNDO_WOULD_CONFLICT");
    // Confirmed: Power BI Pro's license comes back as it was; Business Premium's two at the end of
    // the queue, restored without a seat (the conflict they left is back, as those two).
    expect(await undoRemoval(org.actors.LicenseAdmin, { eventId: result.eventId, allowConflict: true })).toEqual({
      restored: 3,
      skipped: 0,
      conflicts: 2,
    });
    const back = await holdings([p.bp, p.e3, p.pbi, p.e5]);
    expect(back.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(back.filter((a) => a.productId !== p.bp)).toEqual(before.filter((a) => a.productId !== p.bp));
    expect(back.filter((a) => a.productId === p.bp && a.restoredAt !== null)).toHaveLength(2);
    expect(await counts()).toEqual(countsBefore);
    expect((await transaction((tx) => summaryOf(tx, p.bp))).conflicts).toBe(3);
  });

  it("removes nothing when the number confirmed is no longer right, or a product is unknown", async () => {
    const p = await products();
    const changed = await expectRefusedIn(
      org,
      () => reclaimInactiveLicenses(org.actors.GlobalAdmin, { days: 30, productIds: [p.bp, p.e3, p.pbi], expected: 5 }),
      "RECLAIM_CHANGED",
    );
    expect(changed.values).toEqual({ count: 4 });
    await expectRefusedIn(
      org,
      () => reclaimInactiveLicenses(org.actors.GlobalAdmin, { days: 30, productIds: [p.bp, "clnotaproduct00000000000"], expected: 2 }),
      "NOT_FOUND",
    );
    // A product without inactive holders, alone: nothing to confirm.
    await expectRefusedIn(
      org,
      () => reclaimInactiveLicenses(org.actors.GlobalAdmin, { days: 30, productIds: [p.e5], expected: 1 }),
      "RECLAIM_CHANGED",
    );
    await expectRefusedIn(
      org,
      () => reclaimInactiveLicenses(org.actors.BillingAdmin, { days: 30, productIds: [p.bp], expected: 2 }),
      "FORBIDDEN",
    );
  });

  it("validates its input: days, at least one product, a number confirmed", () => {
    const id = "clnotaproduct00000000000";
    expect(reclaimSchema.safeParse({ days: "30", productIds: [id], expected: "2" }).success).toBe(true);
    for (const bad of [
      { days: "0", productIds: [id], expected: "2" },
      { days: "3651", productIds: [id], expected: "2" },
      { days: "30", productIds: [], expected: "2" },
      { days: "30", productIds: ["<script>"], expected: "2" },
      { days: "30", productIds: [id], expected: "0" },
      { days: "30", productIds: [id] },
    ])
      expect(reclaimSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(undoSchema.parse({ eventId: id })).toEqual({ eventId: id, allowConflict: false });
    expect(undoSchema.parse({ eventId: id, allowConflict: "on" })).toEqual({ eventId: id, allowConflict: true });
    expect(undoSchema.safeParse({ eventId: id, allowConflict: "yes" }).success).toBe(false);
  });
});

describe("undo when the licenses were assigned since", () => {
  it("asks first (nothing changes), then, confirmed, gives back with a conflict: those past the free licenses at the end of the queue", async () => {
    const p = await products();
    // A second Power BI Pro holder last signed in 100 days ago: two of its licenses to reclaim.
    const holder = await org.prisma.licenseAssignment.findFirstOrThrow({
      where: { productId: p.pbi, user: { lastSignInAt: { not: null } } },
      orderBy: { id: "asc" },
      select: { userId: true },
    });
    await org.prisma.user.update({ where: { id: holder.userId }, data: { lastSignInAt: new Date(Date.now() - 100 * DAY) } });
    const { eventId } = await reclaimInactiveLicenses(org.actors.LicenseAdmin, { days: 30, productIds: [p.pbi], expected: 2 });
    // Its free licenses go to others, all but one: one of the two can come back.
    const free = (await transaction((tx) => summaryOf(tx, p.pbi))).available;
    await assignLicenses(org.actors.LicenseAdmin, { productId: p.pbi, userIds: await othersThan(p.pbi, free - 1) });

    const refused = await expectRefusedIn(org, () => undoRemoval(org.actors.LicenseAdmin, { eventId }), "UNDO_WOULD_CONFLICT");
    expect(refused.values).toEqual({ count: 1 });
    expect(await org.prisma.removedAssignment.count({ where: { eventId } })).toBe(2);

    const kept = await org.prisma.removedAssignment.findMany({ where: { eventId }, orderBy: [{ assignedAt: "asc" }, { id: "asc" }] });
    const audit = await auditIds(org.prisma);
    expect(await undoRemoval(org.actors.LicenseAdmin, { eventId, allowConflict: true })).toEqual({ restored: 2, skipped: 0, conflicts: 1 });
    const back = await holdings([p.pbi]);
    // The earlier assignment keeps its place; the later one comes back last, restored without a seat.
    expect(back.find((a) => a.id === kept[0]!.id)).toMatchObject({ assignedAt: kept[0]!.assignedAt, restoredAt: null });
    const last = back.find((a) => a.id === kept[1]!.id)!;
    expect(last.restoredAt).not.toBeNull();
    expect(Math.max(...back.map((a) => a.assignedAt.getTime()))).toBe(last.assignedAt.getTime());
    const summary = await transaction((tx) => summaryOf(tx, p.pbi));
    expect(summary.conflicts).toBe(1);
    expect(summary.parts).toEqual([expect.objectContaining({ cause: "restored", users: 1 })]);
    expect(JSON.parse((await auditSince(org.prisma, audit))[0]!.after!)).toEqual({ restored: 2, left: 0, conflicts: 1 });
  });
});
