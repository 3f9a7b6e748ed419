/**
 * The three ways to resolve a conflict (buy, remove licenses, delete users), and the ways one
 * arises (restore a deleted user, reduce the quantity), through the data layer on the demo seed.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LicenseSummary } from "@/lib/domain/conflicts";
import { purchaseLicenses, reduceQuantity, removeLicenses } from "@/server/data/license-changes";
import { findProductSummaries, getProductById } from "@/server/data/licenses";
import { deleteUsers, restoreUser } from "@/server/data/user-changes";
import { findDeletedUsers, findUsers } from "@/server/data/users";
import { assertInvariants } from "../support/invariants";
import { freshOrg, listing, type Org, type ProductKey, productAssignments } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function summary(key: ProductKey): Promise<LicenseSummary> {
  const product = await getProductById(org.actors.GlobalReader, await org.productId(key));
  if (!product) throw new Error(key);
  return product.summary;
}

async function flagged(key: ProductKey): Promise<string[]> {
  const page = await productAssignments(org.actors.GlobalReader, await org.productId(key), listing("name"), "needsLicense");
  return page.rows.map((row) => row.userId);
}

async function overview() {
  const { productsInConflict, usersNeedingLicense, earliestDeadline } = await findProductSummaries(
    org.actors.GlobalReader,
    listing("name"),
  );
  return { productsInConflict, usersNeedingLicense, earliestDeadline };
}

describe("conflicts arise", () => {
  it("restoring a deleted E3 user increases E3's conflicts by 1 and reports the product", async () => {
    expect((await summary("e3")).conflicts).toBe(3);
    const result = await restoreUser(org.actors.UserAdmin, { userId: await org.userId("Ben Walters") });
    expect(result.conflicts).toEqual([await org.productId("e3")]);
    expect(await summary("e3")).toMatchObject({ assigned: 12, conflicts: 4 });
    expect((await overview()).usersNeedingLicense).toBe(7);
    expect((await findDeletedUsers(org.actors.GlobalReader, listing("name"))).rows.map((r) => r.displayName)).toEqual(["Cameron White"]);
    // The restored user's license goes to the back of the queue: Ben is one of those who need a
    // valid license, for the restore; the reduction keeps its three.
    expect(await flagged("e3")).toContain(await org.userId("Ben Walters"));
    expect((await summary("e3")).parts.map((p) => [p.cause, p.users])).toEqual([
      ["restored", 1],
      ["reduced", 3],
    ]);
  });

  it("restoring a user whose licenses are free reports no conflict", async () => {
    const userId = await org.userId("Yuki Tanaka"); // holds only Exchange Online, 22 free
    await deleteUsers(org.actors.GlobalAdmin, { userIds: [userId] });
    expect((await summary("exo")).assigned).toBe(2);
    expect(await restoreUser(org.actors.GlobalAdmin, { userId })).toEqual({ conflicts: [] });
    expect(await summary("exo")).toMatchObject({ assigned: 3, conflicts: 0 });
  });

  it("reducing E5 below what is assigned, confirmed, flags the most recent user with a 90-day deadline", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    expect(await reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: 2, confirm: true })).toEqual({
      quantity: 2,
      conflicts: 1,
    });
    const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(sub.reducedAt).toBeInstanceOf(Date);
    expect(Math.abs((sub.reducedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(10_000);
    const e5 = await summary("e5");
    expect(e5).toMatchObject({ valid: 2, assigned: 3, conflicts: 1 });
    expect(e5.parts).toEqual([
      { cause: "reduced", users: 1, licenses: 1, deadline: new Date((sub.reducedAt?.getTime() ?? 0) + 90 * 86_400_000) },
    ]);
    expect(await flagged("e5")).toEqual([await org.userId("Omar Haddad")]);
    expect(await overview()).toMatchObject({ productsInConflict: 3, usersNeedingLicense: 7 });
  });
});

describe("resolving conflicts", () => {
  it("buying 3 licenses into E3's active subscription resolves E3", async () => {
    await purchaseLicenses(org.actors.BillingAdmin, {
      subscriptionId: await org.activeSubscriptionId("e3"),
      quantity: 3,
      idempotencyKey: randomUUID(),
    });
    expect(await summary("e3")).toMatchObject({ valid: 11, assigned: 11, available: 0, conflicts: 0, parts: [] });
    expect(await flagged("e3")).toEqual([]);
    expect(await overview()).toMatchObject({ productsInConflict: 1, usersNeedingLicense: 3 });
  });

  it("buying 2 of the 3 leaves one E3 user needing a license: the most recently assigned", async () => {
    await purchaseLicenses(org.actors.GlobalAdmin, {
      subscriptionId: await org.activeSubscriptionId("e3"),
      quantity: 2,
      idempotencyKey: randomUUID(),
    });
    expect((await summary("e3")).conflicts).toBe(1);
    expect(await flagged("e3")).toEqual([await org.userId("Joni Sherman")]);
  });

  it("removing licenses from the 3 flagged Business Premium users resolves BP", async () => {
    const users = await flagged("bp");
    expect(users).toHaveLength(3);
    expect(await removeLicenses(org.actors.LicenseAdmin, { productId: await org.productId("bp"), userIds: users })).toMatchObject({
      removed: 3,
    });
    expect(await summary("bp")).toMatchObject({ valid: 10, assigned: 10, conflicts: 0, parts: [] });
    expect(await org.prisma.licenseAssignment.count({ where: { userId: { in: users }, productId: await org.productId("bp") } })).toBe(0);
    expect(await overview()).toMatchObject({ productsInConflict: 1, usersNeedingLicense: 3 });
  });

  it("deleting a user with an E3 license decreases E3's conflicts", async () => {
    await deleteUsers(org.actors.UserAdmin, { userIds: [await org.userId("Adele Vance")] });
    expect(await summary("e3")).toMatchObject({ assigned: 10, conflicts: 2 });
    // Her E5 license is freed too.
    expect(await summary("e5")).toMatchObject({ assigned: 2, available: 3 });
    expect((await findUsers(org.actors.GlobalReader, listing("name"), "needsLicense")).total).toBe(5);
  });

  it("deleting the 3 flagged E3 users resolves E3", async () => {
    await deleteUsers(org.actors.GlobalAdmin, { userIds: await flagged("e3") });
    expect(await summary("e3")).toMatchObject({ assigned: 8, conflicts: 0 });
    expect(await overview()).toMatchObject({ productsInConflict: 1, usersNeedingLicense: 3 });
  });

  it("after resolving both, nothing is in conflict: no Status column, no warning, no deadline", async () => {
    await purchaseLicenses(org.actors.BillingAdmin, {
      subscriptionId: await org.activeSubscriptionId("e3"),
      quantity: 3,
      idempotencyKey: randomUUID(),
    });
    await removeLicenses(org.actors.UserAdmin, { productId: await org.productId("bp"), userIds: await flagged("bp") });
    expect(await overview()).toEqual({ productsInConflict: 0, usersNeedingLicense: 0, earliestDeadline: null });
    expect((await findUsers(org.actors.GlobalReader, listing("name"), "needsLicense")).total).toBe(0);
  });
});
