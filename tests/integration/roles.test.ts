/**
 * Every data-layer mutation as every role: allowed roles change the data and write exactly one
 * success audit event; denied roles get FORBIDDEN, change nothing and leave one "denied" event.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROLES } from "@/lib/domain/roles";
import { allows, MUTATIONS, OPERATIONS } from "@/server/auth/operations";
import { loadActor } from "@/server/auth/session";
import { purchaseLicenses } from "@/server/data/license-changes";
import { deleteUsers, restoreUser } from "@/server/data/user-changes";
import { assertInvariants } from "../support/invariants";
import { mutationScenarios, sessionOf } from "../support/mutations";
import { auditIds, auditSince, expectAppError, freshOrg, snapshot, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const scenarios = () => mutationScenarios(org);
const matrix = MUTATIONS.flatMap((operation) => ROLES.map((role) => [operation, role] as const));

describe("every mutation of the operations table × every role", () => {
  it("has a scenario for every mutation, and only those", () => {
    expect(Object.keys(mutationScenarios(org)).sort()).toEqual([...MUTATIONS].sort());
    expect(matrix).toHaveLength(MUTATIONS.length * 5);
  });

  it.each(matrix)("%s as %s", async (operation, role) => {
    const scenario = scenarios()[operation];
    const actor = org.actors[role];
    const before = await snapshot(org.prisma);
    const audit = await auditIds(org.prisma);

    if (allows([role], operation)) {
      const targetId = await scenario.run(actor);
      await scenario.changed(actor);
      const events = (await auditSince(org.prisma, audit)).filter((e) => e.action === operation);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ result: "success", actorId: actor.id, targetId, targetType: OPERATIONS[operation].target });
    } else {
      await expectAppError(scenario.run(actor), "FORBIDDEN");
      expect(await snapshot(org.prisma)).toEqual(before);
      const events = await auditSince(org.prisma, audit);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: operation, result: "denied", actorId: actor.id });
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
    expect(events).toEqual([
      expect.objectContaining({ action: "user.delete", result: "denied", actorId: org.actors.UserAdmin.id, targetId: target.id }),
    ]);
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
    expect(await auditSince(org.prisma, audit)).toEqual([
      expect.objectContaining({ action: "user.restore", result: "denied", targetId: target.id }),
    ]);

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
  it("a current admin with a live session is loaded with their roles", async () => {
    const sid = await sessionOf(org.actors.BillingAdmin);
    expect(await loadActor(org.actors.BillingAdmin.id, sid)).toEqual(org.actors.BillingAdmin);
  });

  it("a session names one admin: another admin's id with it is nobody", async () => {
    const sid = await sessionOf(org.actors.BillingAdmin);
    expect(await loadActor(org.actors.GlobalAdmin.id, sid)).toBeNull();
    expect(await loadActor(org.actors.BillingAdmin.id, "no-such-session")).toBeNull();
  });

  it.each<[string, (id: string) => Promise<unknown>]>([
    ["deleted", (id) => org.prisma.user.update({ where: { id }, data: { deletedAt: new Date() } })],
    ["disabled", (id) => org.prisma.user.update({ where: { id }, data: { accountEnabled: false } })],
    ["stripped of every role", (userId) => org.prisma.adminRole.deleteMany({ where: { userId } })],
    ["given another role", (userId) => org.prisma.adminRole.create({ data: { userId, role: "GlobalReader" } })],
    ["given a new password", (id) => org.prisma.user.update({ where: { id }, data: { passwordHash: "changed" } })],
  ])("a %s admin's sessions end", async (_label, change) => {
    const sid = await sessionOf(org.actors.BillingAdmin);
    await change(org.actors.BillingAdmin.id);
    expect(await loadActor(org.actors.BillingAdmin.id, sid)).toBeNull();
  });

  it("a deleted then restored admin's old sessions stay ended; a new sign-in works", async () => {
    const sid = await sessionOf(org.actors.LicenseAdmin);
    await deleteUsers(org.actors.GlobalAdmin, { userIds: [org.actors.LicenseAdmin.id] });
    await restoreUser(org.actors.GlobalAdmin, { userId: org.actors.LicenseAdmin.id });
    expect(await loadActor(org.actors.LicenseAdmin.id, sid)).toBeNull();
    expect(await loadActor(org.actors.LicenseAdmin.id, await sessionOf(org.actors.LicenseAdmin))).toEqual(org.actors.LicenseAdmin);
  });

  it("a disabled then enabled admin's old sessions stay ended", async () => {
    const id = org.actors.UserAdmin.id;
    const sid = await sessionOf(org.actors.UserAdmin);
    await org.prisma.user.update({ where: { id }, data: { accountEnabled: false } });
    await org.prisma.user.update({ where: { id }, data: { accountEnabled: true } });
    expect(await loadActor(id, sid)).toBeNull();
  });

  it("a session past its absolute end, or revoked, is over", async () => {
    const sid = await sessionOf(org.actors.BillingAdmin);
    await org.prisma.adminSession.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadActor(org.actors.BillingAdmin.id, sid)).toBeNull();
    const other = await sessionOf(org.actors.BillingAdmin);
    await org.prisma.adminSession.update({ where: { id: other }, data: { revokedAt: new Date() } });
    expect(await loadActor(org.actors.BillingAdmin.id, other)).toBeNull();
  });

  it("a demoted admin signs in again and gets the new role's access", async () => {
    const id = org.actors.BillingAdmin.id;
    const old = await sessionOf(org.actors.BillingAdmin);
    await org.prisma.adminRole.update({ where: { userId_role: { userId: id, role: "BillingAdmin" } }, data: { role: "GlobalReader" } });
    expect(await loadActor(id, old)).toBeNull();
    const actor = await loadActor(id, await sessionOf(org.actors.BillingAdmin));
    expect(actor?.roles).toEqual(["GlobalReader"]);
    if (!actor) throw new Error("demoted admin not loaded");
    const before = await snapshot(org.prisma);
    await expectAppError(
      purchaseLicenses(actor, { subscriptionId: await org.activeSubscriptionId("e5"), quantity: 1, idempotencyKey: randomUUID() }),
      "FORBIDDEN",
    );
    expect(await snapshot(org.prisma)).toEqual(before);
  });
});
