/**
 * Every data-layer mutation as every role: allowed roles change the data and write exactly one
 * success audit event; denied roles get FORBIDDEN, change nothing and leave one "denied" event.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import type { Actor } from "@/server/actor";
import { loadActor } from "@/server/auth/session";
import { assignLicenses, purchaseLicenses, reduceQuantity, removeLicenses } from "@/server/data/license-changes";
import { createUser, deleteUsers, restoreUser } from "@/server/data/user-changes";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, expectAppError, freshOrg, snapshot, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

interface Mutation {
  name: string;
  action: string;
  allowed: Role[];
  /** Runs the mutation; returns the audit target id it should record. */
  run(actor: Actor): Promise<string | null>;
  /** Asserts the change is in the database. */
  changed(): Promise<void>;
}

const mutations = (): Mutation[] => [
  {
    name: "assignLicenses",
    action: "license.assign",
    allowed: ["GlobalAdmin", "LicenseAdmin", "UserAdmin"],
    async run(actor) {
      const productId = await org.productId("e5");
      const result = await assignLicenses(actor, { productId, userIds: [await org.userId("Allan Deyoung")] });
      expect(result).toEqual({ assigned: 1, alreadyAssigned: 0 });
      return productId;
    },
    async changed() {
      const product = await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId("e5") }, select: { assignedCount: true } });
      expect(product.assignedCount).toBe(4);
      expect(await org.prisma.licenseAssignment.count({ where: { productId: await org.productId("e5"), userId: await org.userId("Allan Deyoung") } })).toBe(1);
    },
  },
  {
    name: "removeLicenses",
    action: "license.remove",
    allowed: ["GlobalAdmin", "LicenseAdmin", "UserAdmin"],
    async run(actor) {
      const productId = await org.productId("e5");
      expect(await removeLicenses(actor, { productId, userIds: [await org.userId("Adele Vance")] })).toEqual({ removed: 1 });
      return productId;
    },
    async changed() {
      const product = await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId("e5") }, select: { assignedCount: true } });
      expect(product.assignedCount).toBe(2);
      expect(await org.prisma.licenseAssignment.count({ where: { productId: await org.productId("e5"), userId: await org.userId("Adele Vance") } })).toBe(0);
    },
  },
  {
    name: "purchaseLicenses",
    action: "license.purchase",
    allowed: ["GlobalAdmin", "BillingAdmin"],
    async run(actor) {
      const subscriptionId = await org.activeSubscriptionId("e5");
      const result = await purchaseLicenses(actor, { subscriptionId, quantity: 2, idempotencyKey: randomUUID() });
      expect(result).toMatchObject({ quantity: 7, replayed: false });
      return subscriptionId;
    },
    async changed() {
      const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: await org.activeSubscriptionId("e5") }, select: { quantity: true } });
      expect(sub.quantity).toBe(7);
      expect(await org.prisma.order.count()).toBe(1);
    },
  },
  {
    name: "reduceQuantity",
    action: "subscription.reduce",
    allowed: ["GlobalAdmin", "BillingAdmin"],
    async run(actor) {
      const subscriptionId = await org.activeSubscriptionId("exo");
      expect(await reduceQuantity(actor, { subscriptionId, newQuantity: 20, confirm: false })).toEqual({ quantity: 20, conflicts: 0 });
      return subscriptionId;
    },
    async changed() {
      const sub = await org.prisma.subscription.findUniqueOrThrow({ where: { id: await org.activeSubscriptionId("exo") }, select: { quantity: true, reducedAt: true } });
      // No excess: the 90-day window does not start.
      expect(sub).toEqual({ quantity: 20, reducedAt: null });
    },
  },
  {
    name: "createUser",
    action: "user.create",
    allowed: ["GlobalAdmin", "UserAdmin"],
    async run(actor) {
      const result = await createUser(actor, { displayName: "Nina Novak", userPrincipalName: "nina.novak@contoso.example", usageLocation: "NL", productIds: [] });
      expect(result).toMatchObject({ assigned: [], skipped: [] });
      return result.userId;
    },
    async changed() {
      const user = await org.prisma.user.findUnique({ where: { userPrincipalName: "nina.novak@contoso.example" }, select: { displayName: true, usageLocation: true, deletedAt: true } });
      expect(user).toEqual({ displayName: "Nina Novak", usageLocation: "NL", deletedAt: null });
    },
  },
  {
    name: "deleteUsers",
    action: "user.delete",
    allowed: ["GlobalAdmin", "UserAdmin"],
    async run(actor) {
      const userId = await org.userId("Grady Archie");
      expect(await deleteUsers(actor, { userIds: [userId] })).toEqual({ deleted: 1 });
      return userId;
    },
    async changed() {
      const user = await org.prisma.user.findUniqueOrThrow({ where: { id: await org.userId("Grady Archie") }, select: { deletedAt: true } });
      expect(user.deletedAt).toBeInstanceOf(Date);
      // Their E3 license is freed at once; the assignment is kept for a restore.
      const e3 = await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId("e3") }, select: { assignedCount: true } });
      expect(e3.assignedCount).toBe(10);
      expect(await org.prisma.licenseAssignment.count({ where: { userId: await org.userId("Grady Archie") } })).toBe(1);
    },
  },
  {
    name: "restoreUser",
    action: "user.restore",
    allowed: ["GlobalAdmin", "UserAdmin"],
    async run(actor) {
      const userId = await org.userId("Ben Walters");
      expect(await restoreUser(actor, { userId })).toEqual({ conflicts: [await org.productId("e3")] });
      return userId;
    },
    async changed() {
      const user = await org.prisma.user.findUniqueOrThrow({ where: { id: await org.userId("Ben Walters") }, select: { deletedAt: true } });
      expect(user.deletedAt).toBeNull();
      const e3 = await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId("e3") }, select: { assignedCount: true } });
      expect(e3.assignedCount).toBe(12);
    },
  },
];

const NAMES = mutations().map((m) => m.name);
const matrix = NAMES.flatMap((name) => ROLES.map((role) => [name, role] as const));

describe("every mutation × every role", () => {
  it("covers 7 mutations × 5 roles", () => {
    expect(matrix).toHaveLength(35);
  });

  it.each(matrix)("%s as %s", async (name, role) => {
    const mutation = mutations().find((m) => m.name === name);
    if (!mutation) throw new Error(name);
    const actor = org.actors[role];
    const before = await snapshot(org.prisma);
    const audit = await auditIds(org.prisma);

    if (mutation.allowed.includes(role)) {
      const targetId = await mutation.run(actor);
      await mutation.changed();
      const events = await auditSince(org.prisma, audit);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: mutation.action, result: "success", actorId: actor.id, targetId });
    } else {
      await expectAppError(mutation.run(actor), "FORBIDDEN");
      expect(await snapshot(org.prisma)).toEqual(before);
      const events = await auditSince(org.prisma, audit);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: mutation.action, result: "denied", actorId: actor.id });
      expect(events.filter((e) => e.result === "success")).toEqual([]);
    }
  });
});

describe("user admins cannot manage admins", () => {
  it.each(["GlobalAdmin", "BillingAdmin", "LicenseAdmin", "GlobalReader"] as const)("a User admin cannot delete the %s", async (role) => {
    const before = await snapshot(org.prisma);
    const audit = await auditIds(org.prisma);
    const target = org.actors[role];
    const error = await expectAppError(deleteUsers(org.actors.UserAdmin, { userIds: [target.id] }), "CANNOT_MANAGE_ADMIN");
    expect(error.values).toEqual({ name: target.displayName });
    expect(await snapshot(org.prisma)).toEqual(before);
    const events = await auditSince(org.prisma, audit);
    expect(events).toEqual([expect.objectContaining({ action: "user.delete", result: "denied", actorId: org.actors.UserAdmin.id, targetId: target.id })]);
  });

  it("a User admin cannot delete an admin hidden among other users, and nobody is deleted", async () => {
    const before = await snapshot(org.prisma);
    const userIds = [await org.userId("Adele Vance"), org.actors.BillingAdmin.id, await org.userId("Lee Gu")];
    await expectAppError(deleteUsers(org.actors.UserAdmin, { userIds }), "CANNOT_MANAGE_ADMIN");
    expect(await snapshot(org.prisma)).toEqual(before);
  });

  it("a User admin cannot restore a deleted admin; a Global admin can", async () => {
    const target = org.actors.LicenseAdmin;
    await org.prisma.user.update({ where: { id: target.id }, data: { deletedAt: new Date(Date.now() - 24 * 60 * 60 * 1000) } });
    const before = await snapshot(org.prisma);
    const audit = await auditIds(org.prisma);
    await expectAppError(restoreUser(org.actors.UserAdmin, { userId: target.id }), "CANNOT_MANAGE_ADMIN");
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await auditSince(org.prisma, audit)).toEqual([expect.objectContaining({ action: "user.restore", result: "denied", targetId: target.id })]);

    expect(await restoreUser(org.actors.GlobalAdmin, { userId: target.id })).toEqual({ conflicts: [] });
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).deletedAt).toBeNull();
  });

  it("a Global admin can delete another admin", async () => {
    const target = org.actors.BillingAdmin;
    expect(await deleteUsers(org.actors.GlobalAdmin, { userIds: [target.id] })).toEqual({ deleted: 1 });
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).deletedAt).toBeInstanceOf(Date);
  });
});

describe("an admin's standing is re-read from the database on every request", () => {
  it("a current admin is loaded with their roles", async () => {
    expect(await loadActor(org.actors.BillingAdmin.id)).toEqual(org.actors.BillingAdmin);
  });

  it.each<[string, (id: string) => Promise<unknown>]>([
    ["deleted", (id) => org.prisma.user.update({ where: { id }, data: { deletedAt: new Date() } })],
    ["disabled", (id) => org.prisma.user.update({ where: { id }, data: { accountEnabled: false } })],
    ["stripped of every role", (userId) => org.prisma.adminRole.deleteMany({ where: { userId } })],
  ])("a %s admin is no longer an actor", async (_label, change) => {
    await change(org.actors.BillingAdmin.id);
    expect(await loadActor(org.actors.BillingAdmin.id)).toBeNull();
  });

  it("a demoted admin gets the new role's access at once", async () => {
    const id = org.actors.BillingAdmin.id;
    await org.prisma.adminRole.update({ where: { userId_role: { userId: id, role: "BillingAdmin" } }, data: { role: "GlobalReader" } });
    const actor = await loadActor(id);
    expect(actor?.roles).toEqual(["GlobalReader"]);
    if (!actor) throw new Error("demoted admin not loaded");
    const before = await snapshot(org.prisma);
    await expectAppError(purchaseLicenses(actor, { subscriptionId: await org.activeSubscriptionId("e5"), quantity: 1, idempotencyKey: randomUUID() }), "FORBIDDEN");
    expect(await snapshot(org.prisma)).toEqual(before);
  });
});
