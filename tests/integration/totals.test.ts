/**
 * The conflict deadlines of a product with more than one subscription: the database groups the
 * subscriptions, the domain rule picks the deadline. The expired licenses' users lose access when
 * the earliest expired subscription's grace ends; a reduction's window runs from the latest one.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays, EXPIRED_GRACE_DAYS, REDUCTION_GRACE_DAYS } from "@/lib/domain/lifecycle";
import { aggregateSummaries } from "@/server/data/totals";
import { transaction } from "@/server/db";
import { assertInvariants } from "../support/invariants";
import { freshOrg, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const now = new Date();

async function productHeldBy(
  sku: string,
  subscriptions: { quantity: number; endsAt: Date; reducedAt?: Date }[],
  holders: number,
): Promise<string> {
  const users = await org.prisma.user.findMany({ where: { deletedAt: null }, take: holders, orderBy: { id: "asc" }, select: { id: true } });
  const product = await org.prisma.product.create({
    data: {
      displayName: sku,
      skuPartNumber: sku,
      assignedCount: holders,
      subscriptions: {
        create: subscriptions.map((s) => ({
          quantity: s.quantity,
          startsAt: addDays(s.endsAt, -365),
          endsAt: s.endsAt,
          reducedAt: s.reducedAt ?? null,
        })),
      },
      assignments: { create: users.map((u) => ({ userId: u.id })) },
    },
    select: { id: true },
  });
  return product.id;
}

async function summaryOf(productId: string) {
  return (await transaction((tx) => aggregateSummaries(tx, [productId], now))).get(productId)!;
}

describe("deadlines with two subscriptions of one product", () => {
  it.each([
    ["the earlier first", [-20, -5]],
    ["the later first", [-5, -20]],
  ])("two expired subscriptions (%s): the deadline is the earliest lapse plus the grace", async (_label, [a, b]) => {
    const productId = await productHeldBy(
      "TWO_EXPIRED",
      [
        { quantity: 2, endsAt: addDays(now, 200) },
        { quantity: 3, endsAt: addDays(now, a!) },
        { quantity: 3, endsAt: addDays(now, b!) },
      ],
      8,
    );
    const summary = await summaryOf(productId);
    expect(summary).toMatchObject({ valid: 2, expired: 6, conflicts: 6 });
    expect(summary.parts).toEqual([{ cause: "expired", users: 6, licenses: 6, deadline: addDays(addDays(now, -20), EXPIRED_GRACE_DAYS) }]);
    expect(summary.deadline).toEqual(addDays(addDays(now, -20), EXPIRED_GRACE_DAYS));
  });

  it.each([
    ["the earlier first", [-30, -5]],
    ["the later first", [-5, -30]],
  ])("two reduced active subscriptions (%s): the window runs from the latest reduction", async (_label, [a, b]) => {
    const productId = await productHeldBy(
      "TWO_REDUCED",
      [
        { quantity: 2, endsAt: addDays(now, 100), reducedAt: addDays(now, a!) },
        { quantity: 2, endsAt: addDays(now, 300), reducedAt: addDays(now, b!) },
      ],
      6,
    );
    const summary = await summaryOf(productId);
    expect(summary).toMatchObject({ valid: 4, conflicts: 2 });
    expect(summary.parts).toEqual([{ cause: "reduced", users: 2, licenses: 2, deadline: addDays(addDays(now, -5), REDUCTION_GRACE_DAYS) }]);
  });

  it("two reductions of subscriptions that end on the same day are grouped, the latest kept", async () => {
    const endsAt = addDays(now, 150);
    const productId = await productHeldBy(
      "SAME_END",
      [
        { quantity: 1, endsAt, reducedAt: addDays(now, -40) },
        { quantity: 1, endsAt, reducedAt: addDays(now, -3) },
      ],
      3,
    );
    expect((await summaryOf(productId)).deadline).toEqual(addDays(addDays(now, -3), REDUCTION_GRACE_DAYS));
  });
});
