/** Simultaneous requests: never over-assign, and a double-submitted purchase buys once. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { AppError } from "@/server/errors";
import { assignLicenses, purchaseLicenses, removeLicenses } from "@/server/data/license-changes";
import { createUser } from "@/server/data/user-changes";
import { assertInvariants } from "../support/invariants";
import { expectAppError, freshOrg, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

/** A new product with one Active subscription of `quantity` and nobody assigned. */
async function productWith(quantity: number): Promise<string> {
  const now = new Date();
  const product = await org.prisma.product.create({
    data: {
      displayName: "Teams Premium",
      skuPartNumber: "TEAMS_PREMIUM",
      subscriptions: { create: [{ quantity, startsAt: addDays(now, -10), endsAt: addDays(now, 355) }] },
    },
    select: { id: true },
  });
  return product.id;
}

async function assignableUsers(count: number): Promise<string[]> {
  const users = await org.prisma.user.findMany({
    where: { deletedAt: null, usageLocation: { not: null } },
    orderBy: { id: "asc" },
    take: count,
    select: { id: true },
  });
  expect(users).toHaveLength(count);
  return users.map((u) => u.id);
}

function outcome(results: PromiseSettledResult<unknown>[]) {
  const fulfilled = results.filter((r) => r.status === "fulfilled").length;
  const codes = results.flatMap((r) => (r.status === "rejected" ? [r.reason instanceof AppError ? r.reason.code : String(r.reason)] : []));
  return { fulfilled, codes };
}

function isCreateResult(value: unknown): value is { assigned: string[] } {
  return typeof value === "object" && value !== null && "assigned" in value && Array.isArray(value.assigned);
}

async function seatsOf(productId: string) {
  const product = await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } });
  const rows = await org.prisma.licenseAssignment.count({ where: { productId, user: { deletedAt: null } } });
  return { assignedCount: product.assignedCount, rows };
}

describe("simultaneous assignments", () => {
  it("24 admins assigning 5 free licenses at once: exactly 5 succeed", async () => {
    const productId = await productWith(5);
    const users = await assignableUsers(24);
    const actors = [org.actors.GlobalAdmin, org.actors.LicenseAdmin, org.actors.UserAdmin];
    const results = await Promise.allSettled(
      users.map((userId, i) => assignLicenses(actors[i % actors.length] ?? org.actors.GlobalAdmin, { productId, userIds: [userId] })),
    );
    const { fulfilled, codes } = outcome(results);
    expect(fulfilled).toBe(5);
    expect(codes).toEqual(Array.from({ length: 19 }, () => "NO_LICENSES_AVAILABLE"));
    expect(await seatsOf(productId)).toEqual({ assignedCount: 5, rows: 5 });
    expect(await org.prisma.auditEvent.count({ where: { action: "license.assign", targetId: productId, result: "success" } })).toBe(5);
  });

  it("bulk requests are all or nothing: 10 requests of 2 users for 5 licenses → 2 succeed, 4 seats taken", async () => {
    const productId = await productWith(5);
    const users = await assignableUsers(20);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => assignLicenses(org.actors.LicenseAdmin, { productId, userIds: users.slice(i * 2, i * 2 + 2) })),
    );
    expect(outcome(results).fulfilled).toBe(2);
    expect(await seatsOf(productId)).toEqual({ assignedCount: 4, rows: 4 });
  });

  it("two admins assigning Visio's last license at the same moment: one wins", async () => {
    const productId = await org.productId("visio");
    const results = await Promise.allSettled([
      assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [await org.userId("Lee Gu")] }),
      assignLicenses(org.actors.UserAdmin, { productId, userIds: [await org.userId("Raul Razo")] }),
    ]);
    expect(outcome(results)).toEqual({ fulfilled: 1, codes: ["NO_LICENSES_AVAILABLE"] });
    expect(await seatsOf(productId)).toEqual({ assignedCount: 3, rows: 3 });
  });

  it("assigns, removals and new users with licenses racing on one product never exceed the valid licenses", async () => {
    const productId = await productWith(5);
    const users = await assignableUsers(12);
    const first = users.slice(0, 4);
    await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: first });
    const calls: Promise<unknown>[] = [
      removeLicenses(org.actors.LicenseAdmin, { productId, userIds: first.slice(0, 2) }),
      ...users.slice(4).map((userId) => assignLicenses(org.actors.UserAdmin, { productId, userIds: [userId] })),
      ...Array.from({ length: 4 }, (_, i) =>
        createUser(org.actors.UserAdmin, {
          displayName: `Racer ${i}`,
          userPrincipalName: `racer.${i}@contoso.example`,
          usageLocation: "NL",
          productIds: [productId],
        }),
      ),
    ];
    const results = await Promise.allSettled(calls);
    const seats = await seatsOf(productId);
    expect(seats.assignedCount).toBe(seats.rows);
    expect(seats.assignedCount).toBeLessThanOrEqual(5);
    // Every acknowledged claim holds a seat: 4 − 2 removed + each assign and each new user's license.
    const claims = results
      .slice(1)
      .filter((r) => r.status === "fulfilled" && (!isCreateResult(r.value) || r.value.assigned.length === 1)).length;
    expect(results[0]?.status).toBe("fulfilled");
    expect(seats.assignedCount).toBe(2 + claims);
  });
});

describe("idempotent purchase", () => {
  it("10 simultaneous submits with one key buy once", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const idempotencyKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 3, idempotencyKey })),
    );
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.quantity === 8)).toBe(true);
    expect(await org.prisma.order.count({ where: { idempotencyKey } })).toBe(1);
    expect(await org.prisma.order.count()).toBe(1);
    expect(await org.prisma.auditEvent.count({ where: { action: "license.purchase", result: "success" } })).toBe(1);
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).quantity).toBe(8);
  });

  it("a later replay answers with the same order and buys nothing", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const idempotencyKey = randomUUID();
    const first = await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 3, idempotencyKey });
    const again = await purchaseLicenses(org.actors.GlobalAdmin, { subscriptionId, quantity: 3, idempotencyKey });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).quantity).toBe(8);
  });

  it("the same key with a different quantity or subscription is IDEMPOTENCY_MISMATCH", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const idempotencyKey = randomUUID();
    await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 3, idempotencyKey });
    await expectAppError(
      purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 4, idempotencyKey }),
      "IDEMPOTENCY_MISMATCH",
    );
    await expectAppError(
      purchaseLicenses(org.actors.BillingAdmin, { subscriptionId: await org.activeSubscriptionId("pbi"), quantity: 3, idempotencyKey }),
      "IDEMPOTENCY_MISMATCH",
    );
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).quantity).toBe(8);
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: await org.activeSubscriptionId("pbi") } })).quantity).toBe(4);
    expect(await org.prisma.order.count()).toBe(1);
  });

  it("simultaneous purchases with different keys all count", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    await Promise.all(
      Array.from({ length: 10 }, () =>
        purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 1, idempotencyKey: randomUUID() }),
      ),
    );
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).quantity).toBe(15);
    expect(await org.prisma.order.count()).toBe(10);
  });
});
