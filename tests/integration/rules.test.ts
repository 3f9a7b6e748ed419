/** Business rules of the data layer: each refusal has its code, and a refusal changes nothing. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import type { ErrorCode } from "@/server/errors";
import {
  assignLicenses,
  purchaseLicenses,
  reactivateSubscription,
  reduceQuantity,
  removeLicenses,
  setAutoRenew,
} from "@/server/data/license-changes";
import { createUser, deleteUsers, restoreUser, setUserRoles, updateUser } from "@/server/data/user-changes";
import { assertInvariants } from "../support/invariants";
import {
  auditIds,
  auditSince,
  expectRefusedIn,
  freshOrg,
  listing,
  loadActor,
  productAssignments,
  sleep,
  snapshot,
  type Org,
} from "../support/org";
import { summaryOf as summaryOfProduct } from "@/server/data/totals";
import { transaction } from "@/server/db";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const UNKNOWN_ID = "clunknown0000000000000";

/** Asserts a refusal with `code`: the data are unchanged and no success was audited. */
function expectRefused(call: () => Promise<unknown>, code: ErrorCode) {
  return expectRefusedIn(org, call, code);
}

async function createProduct(sku: string, subscriptions: { quantity: number; endsAt: Date }[]): Promise<string> {
  const product = await org.prisma.product.create({
    data: {
      displayName: `Test ${sku}`,
      skuPartNumber: sku,
      subscriptions: { create: subscriptions.map((s) => ({ ...s, startsAt: addDays(s.endsAt, -365) })) },
    },
    select: { id: true },
  });
  return product.id;
}

describe("assignLicenses", () => {
  it("refuses when not enough licenses are available, naming how many", async () => {
    const userIds = [await org.userId("Allan Deyoung"), await org.userId("Christie Cline"), await org.userId("Debra Berger")];
    const productId = await org.productId("e5");
    const error = await expectRefused(() => assignLicenses(org.actors.LicenseAdmin, { productId, userIds }), "NO_LICENSES_AVAILABLE");
    expect(error.values).toEqual({ available: 2, requested: 3, purchase: "yes" });
    // All or nothing: two of them would have fitted.
    expect(await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: userIds.slice(0, 2) })).toEqual({
      assigned: 2,
      alreadyAssigned: 0,
    });
  });

  it("refuses any assignment on a product in conflict", async () => {
    const error = await expectRefused(
      async () => assignLicenses(org.actors.GlobalAdmin, { productId: await org.productId("e3"), userIds: [await org.userId("Lee Gu")] }),
      "NO_LICENSES_AVAILABLE",
    );
    expect(error.values).toEqual({ available: 0, requested: 1, purchase: "yes" });
  });

  it("refuses when the product only has Disabled subscriptions", async () => {
    const productId = await createProduct("PROJECT_P3", [{ quantity: 5, endsAt: addDays(new Date(), -60) }]);
    await expectRefused(
      () => assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [org.actors.LicenseAdmin.id] }),
      "SUBSCRIPTION_DISABLED",
    );
  });

  it("uses the Active subscription beside a Disabled one", async () => {
    // Visio: 3 Disabled + 3 Active, 2 assigned.
    const productId = await org.productId("visio");
    expect(await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [await org.userId("Lee Gu")] })).toEqual({
      assigned: 1,
      alreadyAssigned: 0,
    });
    await expectRefused(
      () => assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [org.actors.GlobalReader.id] }),
      "NO_LICENSES_AVAILABLE",
    );
  });

  it("refuses users without a usage location, naming them", async () => {
    const userIds = [await org.userId("Lee Gu"), await org.userId("Fatima Noor"), await org.userId("Lars Eriksen")];
    const error = await expectRefused(
      async () => assignLicenses(org.actors.LicenseAdmin, { productId: await org.productId("exo"), userIds }),
      "USAGE_LOCATION_REQUIRED",
    );
    expect(error.values).toEqual({ names: "Fatima Noor, Lars Eriksen", count: 2 });
  });

  it("refuses deleted users", async () => {
    const error = await expectRefused(
      async () =>
        assignLicenses(org.actors.LicenseAdmin, {
          productId: await org.productId("exo"),
          userIds: [await org.userId("Lee Gu"), await org.userId("Ben Walters")],
        }),
      "USER_DELETED",
    );
    expect(error.values).toEqual({ name: "Ben Walters" });
  });

  it("refuses unknown users and unknown products", async () => {
    await expectRefused(
      async () =>
        assignLicenses(org.actors.LicenseAdmin, {
          productId: await org.productId("exo"),
          userIds: [await org.userId("Lee Gu"), UNKNOWN_ID],
        }),
      "NOT_FOUND",
    );
    await expectRefused(
      async () => assignLicenses(org.actors.LicenseAdmin, { productId: UNKNOWN_ID, userIds: [await org.userId("Lee Gu")] }),
      "NOT_FOUND",
    );
  });

  it("skips users who already hold the license and does not claim a seat for them", async () => {
    const productId = await org.productId("e5");
    const result = await assignLicenses(org.actors.LicenseAdmin, {
      productId,
      userIds: [await org.userId("Adele Vance"), await org.userId("Lee Gu"), await org.userId("Lee Gu")],
    });
    expect(result).toEqual({ assigned: 1, alreadyAssigned: 1 });
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: productId } })).assignedCount).toBe(4);
  });
});

describe("removeLicenses", () => {
  it("removes nothing from users without the license", async () => {
    const before = await snapshot(org.prisma);
    expect(
      await removeLicenses(org.actors.LicenseAdmin, { productId: await org.productId("e5"), userIds: [await org.userId("Lee Gu")] }),
    ).toMatchObject({ removed: 0 });
    expect(await snapshot(org.prisma)).toEqual(before);
  });

  it("removing a deleted user's kept license does not change the product's count", async () => {
    const productId = await org.productId("e3");
    expect(
      await removeLicenses(org.actors.LicenseAdmin, {
        productId,
        userIds: [await org.userId("Ben Walters"), await org.userId("Adele Vance")],
      }),
    ).toMatchObject({ removed: 2 });
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: productId } })).assignedCount).toBe(10);
  });

  it("refuses an unknown product", async () => {
    await expectRefused(
      async () => removeLicenses(org.actors.LicenseAdmin, { productId: UNKNOWN_ID, userIds: [await org.userId("Lee Gu")] }),
      "NOT_FOUND",
    );
  });
});

describe("reduceQuantity", () => {
  it("below what is assigned needs a confirmation naming how many users; nothing changes without it", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const error = await expectRefused(
      () => reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: 1, confirm: false }),
      "CONFIRMATION_REQUIRED",
    );
    expect(error.values).toEqual({ count: 2 });

    expect(await reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: 1, confirm: true })).toEqual({
      quantity: 1,
      conflicts: 2,
    });
    const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(sub.quantity).toBe(1);
    expect(sub.reducedAt).toBeInstanceOf(Date);
  });

  it("lowering E3, already in conflict, further needs a confirmation and restarts the 90 days", async () => {
    const subscriptionId = await org.activeSubscriptionId("e3");
    const seeded = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await expectRefused(
      () => reduceQuantity(org.actors.GlobalAdmin, { subscriptionId, newQuantity: 7, confirm: false }),
      "CONFIRMATION_REQUIRED",
    );
    await reduceQuantity(org.actors.GlobalAdmin, { subscriptionId, newQuantity: 7, confirm: true });
    const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(sub.reducedAt?.getTime()).toBeGreaterThan(seeded.reducedAt?.getTime() ?? Number.POSITIVE_INFINITY);
  });

  it("within what is free needs no confirmation and starts no window", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    expect(await reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: 3, confirm: false })).toEqual({
      quantity: 3,
      conflicts: 0,
    });
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).reducedAt).toBeNull();
  });

  it.each([5, 6, 100])("to %i (not below the current 5) is QUANTITY_NOT_LOWER", async (newQuantity) => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const error = await expectRefused(
      () => reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity, confirm: true }),
      "QUANTITY_NOT_LOWER",
    );
    expect(error.values).toEqual({ current: 5, purchase: "yes" });
  });

  it("refuses an Expired subscription and an unknown one", async () => {
    const expired = await org.prisma.subscription.findFirstOrThrow({ where: { product: { skuPartNumber: "SPB" }, quantity: 4 } });
    await expectRefused(
      () => reduceQuantity(org.actors.BillingAdmin, { subscriptionId: expired.id, newQuantity: 1, confirm: true }),
      "SUBSCRIPTION_NOT_ACTIVE",
    );
    await expectRefused(
      () => reduceQuantity(org.actors.BillingAdmin, { subscriptionId: UNKNOWN_ID, newQuantity: 1, confirm: true }),
      "NOT_FOUND",
    );
  });
});

describe("purchaseLicenses", () => {
  it("refuses to buy into an Expired subscription", async () => {
    const expired = await org.prisma.subscription.findFirstOrThrow({ where: { product: { skuPartNumber: "SPB" }, quantity: 4 } });
    await expectRefused(
      () => purchaseLicenses(org.actors.BillingAdmin, { subscriptionId: expired.id, quantity: 3, idempotencyKey: randomUUID() }),
      "SUBSCRIPTION_NOT_ACTIVE",
    );
  });

  it("refuses to buy into a Disabled subscription and an unknown one", async () => {
    const disabled = await org.prisma.subscription.findFirstOrThrow({
      where: { product: { skuPartNumber: "VISIOCLIENT" } },
      orderBy: { endsAt: "asc" },
    });
    await expectRefused(
      () => purchaseLicenses(org.actors.BillingAdmin, { subscriptionId: disabled.id, quantity: 3, idempotencyKey: randomUUID() }),
      "SUBSCRIPTION_NOT_ACTIVE",
    );
    await expectRefused(
      () => purchaseLicenses(org.actors.BillingAdmin, { subscriptionId: UNKNOWN_ID, quantity: 3, idempotencyKey: randomUUID() }),
      "NOT_FOUND",
    );
  });

  it("records the order and the quantities before and after", async () => {
    const subscriptionId = await org.activeSubscriptionId("pbi");
    const audit = await auditIds(org.prisma);
    const result = await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 4, idempotencyKey: randomUUID() });
    expect(result).toMatchObject({ quantity: 8, replayed: false });
    const order = await org.prisma.order.findUniqueOrThrow({ where: { id: result.orderId } });
    expect(order).toMatchObject({
      subscriptionId,
      quantity: 4,
      actorId: org.actors.BillingAdmin.id,
      productId: await org.productId("pbi"),
    });
    const [event] = await auditSince(org.prisma, audit);
    expect(JSON.parse(event?.before ?? "null")).toEqual({ quantity: 4 });
    expect(JSON.parse(event?.after ?? "null")).toEqual({ quantity: 8, orderId: result.orderId });
  });
});

describe("deleteUsers", () => {
  it("an admin cannot delete themselves", async () => {
    for (const actor of [org.actors.GlobalAdmin, org.actors.UserAdmin]) {
      await expectRefused(() => deleteUsers(actor, { userIds: [actor.id] }), "CANNOT_DELETE_SELF");
    }
    await expectRefused(
      async () => deleteUsers(org.actors.GlobalAdmin, { userIds: [await org.userId("Lee Gu"), org.actors.GlobalAdmin.id] }),
      "CANNOT_DELETE_SELF",
    );
  });

  it("the last Global admin cannot be deleted", async () => {
    // A second Global admin deletes the first; the first's session still names them.
    const second = await org.prisma.user.create({
      data: {
        displayName: "Patti Admin",
        userPrincipalName: "patti.admin@contoso.example",
        usageLocation: "US",
        roles: { create: [{ role: "GlobalAdmin" }] },
      },
    });
    const secondActor = await loadActor(org.prisma, second.userPrincipalName);
    expect(await deleteUsers(org.actors.GlobalAdmin, { userIds: [second.id] })).toEqual({ deleted: 1 });
    // The deleted admin's stale actor tries to delete the only Global admin left.
    const error = await expectRefused(() => deleteUsers(secondActor, { userIds: [org.actors.GlobalAdmin.id] }), "LAST_GLOBAL_ADMIN");
    expect(error.values).toEqual({});
    expect(await org.prisma.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null } } })).toBe(1);
  });

  it("two Global admins deleting each other at once: exactly one succeeds", async () => {
    const second = await org.prisma.user.create({
      data: {
        displayName: "Patti Admin",
        userPrincipalName: "patti.admin@contoso.example",
        usageLocation: "US",
        roles: { create: [{ role: "GlobalAdmin" }] },
      },
    });
    const secondActor = await loadActor(org.prisma, second.userPrincipalName);
    const results = await Promise.allSettled([
      deleteUsers(org.actors.GlobalAdmin, { userIds: [second.id] }),
      deleteUsers(secondActor, { userIds: [org.actors.GlobalAdmin.id] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "LAST_GLOBAL_ADMIN" });
    expect(await org.prisma.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null } } })).toBe(1);
  });

  it("a disabled Global admin does not count: two enabled ones deleting each other beside it, one is refused", async () => {
    const create = (name: string, accountEnabled: boolean) =>
      org.prisma.user.create({
        data: {
          displayName: name,
          userPrincipalName: `${name.toLowerCase().replace(" ", ".")}@contoso.example`,
          usageLocation: "US",
          accountEnabled,
          roles: { create: [{ role: "GlobalAdmin" }] },
        },
      });
    const second = await create("Patti Admin", true);
    await create("Dormant Admin", false);
    const secondActor = await loadActor(org.prisma, second.userPrincipalName);
    const results = await Promise.allSettled([
      deleteUsers(org.actors.GlobalAdmin, { userIds: [second.id] }),
      deleteUsers(secondActor, { userIds: [org.actors.GlobalAdmin.id] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({ code: "LAST_GLOBAL_ADMIN" });
    expect(await org.prisma.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } } })).toBe(1);
  });

  it("each deleted user's audit record names the licenses that user freed, not the batch's", async () => {
    const lee = await org.userId("Lee Gu");
    const adele = await org.userId("Adele Vance");
    const held = async (userId: string) => org.prisma.licenseAssignment.count({ where: { userId } });
    expect([await held(lee), await held(adele)]).toEqual([1, 2]);
    const audit = await auditIds(org.prisma);
    await deleteUsers(org.actors.UserAdmin, { userIds: [lee, adele] });
    const freed = Object.fromEntries((await auditSince(org.prisma, audit)).map((e) => [e.targetId, JSON.parse(e.after ?? "{}")]));
    expect(freed).toEqual({ [lee]: { licensesFreed: 1 }, [adele]: { licensesFreed: 2 } });
  });

  it("refuses a user already deleted and unknown users", async () => {
    const error = await expectRefused(
      async () => deleteUsers(org.actors.UserAdmin, { userIds: [await org.userId("Ben Walters")] }),
      "USER_DELETED",
    );
    expect(error.values).toEqual({ name: "Ben Walters" });
    await expectRefused(async () => deleteUsers(org.actors.UserAdmin, { userIds: [await org.userId("Lee Gu"), UNKNOWN_ID] }), "NOT_FOUND");
  });

  it("deletes many users in one transaction with one audit event each", async () => {
    const userIds = [await org.userId("Lee Gu"), await org.userId("Adele Vance"), await org.userId("Nestor Wilke")];
    const audit = await auditIds(org.prisma);
    expect(await deleteUsers(org.actors.UserAdmin, { userIds })).toEqual({ deleted: 3 });
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => e.targetId).sort()).toEqual([...userIds].sort());
    expect(events.every((e) => e.action === "user.delete" && e.result === "success")).toBe(true);
  });
});

describe("restoreUser", () => {
  it("refuses after the 30-day window", async () => {
    const userId = await org.userId("Ben Walters");
    await org.prisma.user.update({ where: { id: userId }, data: { deletedAt: addDays(new Date(), -30) } });
    const error = await expectRefused(() => restoreUser(org.actors.UserAdmin, { userId }), "RESTORE_WINDOW_PASSED");
    expect(error.values).toEqual({ name: "Ben Walters" });
  });

  it("accepts a user deleted 29 days ago", async () => {
    const userId = await org.userId("Ben Walters");
    await org.prisma.user.update({ where: { id: userId }, data: { deletedAt: addDays(new Date(), -29) } });
    await restoreUser(org.actors.UserAdmin, { userId });
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id: userId } })).deletedAt).toBeNull();
  });

  /** E3 full (8 of 8) after its reduction: the 3 users who needed a valid license lose theirs. */
  async function fillE3(): Promise<string> {
    const e3 = await org.productId("e3");
    const userIds = await Promise.all(["Irvin Sayers", "Johanna Lorenz", "Joni Sherman"].map((name) => org.userId(name)));
    await removeLicenses(org.actors.LicenseAdmin, { productId: e3, userIds });
    expect((await summaryOf(e3)).conflicts).toBe(0);
    return e3;
  }
  const summaryOf = (productId: string) => transaction((tx) => summaryOfProduct(tx, productId));
  const needingLicense = async (productId: string) =>
    (await productAssignments(org.actors.GlobalReader, productId, listing("name"), "needsLicense")).rows.map((r) => r.displayName);

  it("a user restored while no license is free is the one who needs a valid license, for that reason", async () => {
    const e3 = await fillE3();
    await restoreUser(org.actors.UserAdmin, { userId: await org.userId("Ben Walters") });
    const summary = await summaryOf(e3);
    expect(summary.conflicts).toBe(1);
    // Not "quantity reduced", though E3 was reduced earlier: the restore made this conflict.
    expect(summary.parts).toEqual([{ cause: "restored", users: 1, licenses: 1, deadline: null }]);
    expect(await needingLicense(e3)).toEqual(["Ben Walters"]);
  });

  it("a restore with a license free takes it without a conflict or a restored mark", async () => {
    const e3 = await fillE3();
    await purchaseLicenses(org.actors.BillingAdmin, {
      subscriptionId: await org.activeSubscriptionId("e3"),
      quantity: 1,
      idempotencyKey: randomUUID(),
    });
    const userId = await org.userId("Ben Walters");
    await restoreUser(org.actors.UserAdmin, { userId });
    expect((await summaryOf(e3)).conflicts).toBe(0);
    const assignment = await org.prisma.licenseAssignment.findUniqueOrThrow({ where: { userId_productId: { userId, productId: e3 } } });
    expect(assignment.restoredAt).toBeNull();
  });

  it("a reduction after a restored user got a seat is the cause of the new conflict, not the restore", async () => {
    const e3 = await fillE3();
    await restoreUser(org.actors.UserAdmin, { userId: await org.userId("Ben Walters") });
    const subscriptionId = await org.activeSubscriptionId("e3");
    await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 1, idempotencyKey: randomUUID() });
    expect((await summaryOf(e3)).conflicts).toBe(0);
    // restoredAt and reducedAt are compared: make the reduction come strictly later.
    await sleep(5);
    const { quantity } = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: quantity - 1, confirm: true });
    expect((await summaryOf(e3)).parts.map((p) => p.cause)).toEqual(["reduced"]);
  });

  it("refuses a user who is not deleted, and an unknown one", async () => {
    await expectRefused(async () => restoreUser(org.actors.UserAdmin, { userId: await org.userId("Lee Gu") }), "NOT_DELETED");
    await expectRefused(() => restoreUser(org.actors.UserAdmin, { userId: UNKNOWN_ID }), "NOT_FOUND");
  });
});

describe("createUser", () => {
  it.each(["adele.vance@contoso.example", "Adele.Vance@Contoso.Example"])("refuses a taken UPN (%s)", async (userPrincipalName) => {
    const error = await expectRefused(
      () => createUser(org.actors.UserAdmin, { displayName: "Another Adele", userPrincipalName, usageLocation: "US", productIds: [] }),
      "UPN_TAKEN",
    );
    expect(error.values).toEqual({ upn: userPrincipalName });
  });

  it("a deleted user's UPN is still taken while they can be restored", async () => {
    await expectRefused(
      () =>
        createUser(org.actors.UserAdmin, {
          displayName: "Ben Again",
          userPrincipalName: "ben.walters@contoso.example",
          usageLocation: "US",
          productIds: [],
        }),
      "UPN_TAKEN",
    );
  });

  it("assigns a requested license only when one is available; the others are skipped", async () => {
    const [e3, e5] = [await org.productId("e3"), await org.productId("e5")];
    const result = await createUser(org.actors.UserAdmin, {
      displayName: "Nina Novak",
      userPrincipalName: "nina.novak@contoso.example",
      usageLocation: "NL",
      productIds: [e3, e5],
    });
    expect(result).toMatchObject({ assigned: [e5], skipped: [e3], skippedNames: ["Office 365 E3"] });
    const user = await org.prisma.user.findUniqueOrThrow({
      where: { id: result.userId },
      select: { assignments: { select: { productId: true, assignedById: true } } },
    });
    expect(user.assignments).toEqual([{ productId: e5, assignedById: org.actors.UserAdmin.id }]);
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: e3 } })).assignedCount).toBe(11);
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: e5 } })).assignedCount).toBe(4);
  });

  it("refuses an unknown product without creating the user", async () => {
    await expectRefused(
      () =>
        createUser(org.actors.UserAdmin, {
          displayName: "Nina Novak",
          userPrincipalName: "nina.novak@contoso.example",
          usageLocation: "NL",
          productIds: [UNKNOWN_ID],
        }),
      "NOT_FOUND",
    );
  });
});

describe("updateUser and setUserRoles (Users › a user › Edit)", () => {
  const edit = (overrides: Partial<{ displayName: string; usageLocation: string; accountEnabled: boolean }> = {}) => ({
    displayName: "Lee Gu",
    usageLocation: "US",
    accountEnabled: true,
    ...overrides,
  });

  it("sets a usage location a user lacked, which lets a license be assigned", async () => {
    const user = await org.prisma.user.create({ data: { displayName: "No Place", userPrincipalName: "no.place@contoso.example" } });
    const productId = await org.productId("e5");
    await expectRefused(() => assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [user.id] }), "USAGE_LOCATION_REQUIRED");
    const audit = await auditIds(org.prisma);
    expect(
      await updateUser(org.actors.UserAdmin, { userId: user.id, displayName: "No Place", usageLocation: "NL", accountEnabled: true }),
    ).toEqual({
      changed: ["usageLocation"],
    });
    const [event] = await auditSince(org.prisma, audit);
    expect(event).toMatchObject({ action: "user.update", targetId: user.id, result: "success" });
    expect(JSON.parse(event!.before ?? "{}")).toEqual({ usageLocation: null });
    expect(JSON.parse(event!.after ?? "{}")).toEqual({ usageLocation: "NL" });
    expect(await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [user.id] })).toMatchObject({ assigned: 1 });
  });

  it("changes nothing and audits nothing when nothing differs", async () => {
    const userId = await org.userId("Lee Gu");
    const current = await org.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const audit = await auditIds(org.prisma);
    const result = await updateUser(org.actors.UserAdmin, {
      userId,
      displayName: current.displayName,
      usageLocation: current.usageLocation ?? "US",
      accountEnabled: current.accountEnabled,
    });
    expect(result).toEqual({ changed: current.usageLocation === null ? ["usageLocation"] : [] });
    if (current.usageLocation !== null) expect(await auditSince(org.prisma, audit)).toEqual([]);
  });

  it("a User admin can't edit an admin, and the refusal is audited; a Global admin can", async () => {
    const target = org.actors.BillingAdmin;
    const before = await snapshot(org.prisma);
    await expectRefused(
      () => updateUser(org.actors.UserAdmin, { userId: target.id, ...edit({ displayName: "Renamed Admin" }) }),
      "CANNOT_MANAGE_ADMIN",
    );
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(
      await org.prisma.auditEvent.count({ where: { actorId: org.actors.UserAdmin.id, action: "user.update", result: "denied" } }),
    ).toBe(1);
    await updateUser(org.actors.GlobalAdmin, { userId: target.id, ...edit({ displayName: "Renamed Admin" }) });
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).displayName).toBe("Renamed Admin");
  });

  it("blocking sign-in keeps the licenses, ends the sessions; admins can't block themselves", async () => {
    const userId = await org.userId("Lee Gu");
    const licenses = await org.prisma.licenseAssignment.count({ where: { userId } });
    const { securityVersion } = await org.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    await updateUser(org.actors.UserAdmin, { userId, ...edit({ accountEnabled: false }) });
    const after = await org.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(after.accountEnabled).toBe(false);
    expect(after.securityVersion).toBeGreaterThan(securityVersion);
    expect(await org.prisma.licenseAssignment.count({ where: { userId } })).toBe(licenses);
    const self = org.actors.GlobalAdmin;
    const me = await org.prisma.user.findUniqueOrThrow({ where: { id: self.id } });
    await expectRefused(
      () =>
        updateUser(self, { userId: self.id, displayName: me.displayName, usageLocation: me.usageLocation ?? "US", accountEnabled: false }),
      "CANNOT_BLOCK_SELF",
    );
  });

  it("never leaves the organization without an enabled Global admin", async () => {
    const ga = org.actors.GlobalAdmin;
    // The only Global admin can't take the role from themselves.
    await expectRefused(() => setUserRoles(ga, { userId: ga.id, roles: ["GlobalReader"] }), "LAST_GLOBAL_ADMIN");
    expect(await org.prisma.adminRole.count({ where: { userId: ga.id, role: "GlobalAdmin" } })).toBe(1);
    // With a second Global admin, the second may be blocked by the first, but then not the first by the second's stale actor.
    const second = await org.prisma.user.create({
      data: { displayName: "Patti Admin", userPrincipalName: "patti.admin@contoso.example", usageLocation: "US" },
    });
    expect(await setUserRoles(ga, { userId: second.id, roles: ["GlobalAdmin", "GlobalAdmin"] })).toEqual({
      added: ["GlobalAdmin"],
      removed: [],
    });
    const secondActor = await loadActor(org.prisma, second.userPrincipalName);
    await updateUser(ga, { userId: second.id, displayName: "Patti Admin", usageLocation: "US", accountEnabled: false });
    const gaUser = await org.prisma.user.findUniqueOrThrow({ where: { id: ga.id } });
    await expectRefused(
      () =>
        updateUser(secondActor, {
          userId: ga.id,
          displayName: gaUser.displayName,
          usageLocation: gaUser.usageLocation ?? "US",
          accountEnabled: false,
        }),
      "LAST_GLOBAL_ADMIN",
    );
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id: ga.id } })).accountEnabled).toBe(true);
  });

  it("only a Global admin sets roles; the roles given are the roles after it, audited before → after", async () => {
    const userId = await org.userId("Lee Gu");
    await expectRefused(() => setUserRoles(org.actors.UserAdmin, { userId, roles: ["GlobalAdmin"] }), "FORBIDDEN");
    const audit = await auditIds(org.prisma);
    expect(await setUserRoles(org.actors.GlobalAdmin, { userId, roles: ["UserAdmin", "BillingAdmin"] })).toEqual({
      added: ["UserAdmin", "BillingAdmin"],
      removed: [],
    });
    expect(await setUserRoles(org.actors.GlobalAdmin, { userId, roles: ["BillingAdmin"] })).toEqual({ added: [], removed: ["UserAdmin"] });
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, JSON.parse(e.after ?? "{}")])).toEqual([
      ["user.setRoles", { roles: ["BillingAdmin", "UserAdmin"] }],
      ["user.setRoles", { roles: ["BillingAdmin"] }],
    ]);
  });

  it("refuses a deleted user and an unknown one", async () => {
    const deleted = await org.userId("Ben Walters");
    await expectRefused(() => updateUser(org.actors.UserAdmin, { userId: deleted, ...edit() }), "USER_DELETED");
    await expectRefused(() => setUserRoles(org.actors.GlobalAdmin, { userId: deleted, roles: [] }), "USER_DELETED");
    await expectRefused(() => updateUser(org.actors.UserAdmin, { userId: UNKNOWN_ID, ...edit() }), "NOT_FOUND");
  });
});

describe("reactivateSubscription and setAutoRenew", () => {
  const expiredPremium = () => org.prisma.subscription.findFirstOrThrow({ where: { product: { skuPartNumber: "SPB" }, quantity: 4 } });

  it("reactivating Business Premium's expired subscription starts a new yearly term and ends its conflict", async () => {
    const sub = await expiredPremium();
    const before = Date.now();
    const { endsAt } = await reactivateSubscription(org.actors.BillingAdmin, { subscriptionId: sub.id });
    const year = 365 * 24 * 60 * 60 * 1000;
    expect(endsAt.getTime()).toBeGreaterThanOrEqual(before + year - 1000);
    expect(endsAt.getTime()).toBeLessThanOrEqual(Date.now() + 366 * 24 * 60 * 60 * 1000);
    const productId = (await org.prisma.product.findUniqueOrThrow({ where: { skuPartNumber: "SPB" } })).id;
    expect(await transaction((tx) => summaryOfProduct(tx, productId))).toMatchObject({ expired: 0, conflicts: 0, valid: 14 });
    const [event] = await org.prisma.auditEvent.findMany({ where: { action: "subscription.reactivate" } });
    expect(JSON.parse(event!.before ?? "{}")).toMatchObject({ state: "Expired" });
    expect(event!.targetName).toBe("Microsoft 365 Business Premium");
  });

  it("refuses an Active subscription, a role that can't buy, and an unknown subscription", async () => {
    const active = await org.activeSubscriptionId("e5");
    const error = await expectRefused(
      () => reactivateSubscription(org.actors.BillingAdmin, { subscriptionId: active }),
      "SUBSCRIPTION_NOT_LAPSED",
    );
    expect(error.values).toEqual({ state: "Active" });
    const sub = await expiredPremium();
    await expectRefused(() => reactivateSubscription(org.actors.LicenseAdmin, { subscriptionId: sub.id }), "FORBIDDEN");
    await expectRefused(() => reactivateSubscription(org.actors.GlobalAdmin, { subscriptionId: UNKNOWN_ID }), "NOT_FOUND");
  });

  it("turns automatic renewal off and on, audits each change once, and refuses a lapsed subscription", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    expect(await setAutoRenew(org.actors.GlobalAdmin, { subscriptionId, autoRenew: false })).toEqual({ autoRenew: false });
    expect(await setAutoRenew(org.actors.GlobalAdmin, { subscriptionId, autoRenew: false })).toEqual({ autoRenew: false });
    expect(await org.prisma.auditEvent.count({ where: { action: "subscription.setAutoRenew" } })).toBe(1);
    expect(await setAutoRenew(org.actors.BillingAdmin, { subscriptionId, autoRenew: true })).toEqual({ autoRenew: true });
    const sub = await expiredPremium();
    await expectRefused(() => setAutoRenew(org.actors.GlobalAdmin, { subscriptionId: sub.id, autoRenew: true }), "SUBSCRIPTION_NOT_ACTIVE");
  });
});
