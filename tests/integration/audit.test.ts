/** The audit log is append-only, and a failed change leaves no success event. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignLicenses, purchaseLicenses, reduceQuantity, removeLicenses } from "@/server/data/license-changes";
import { createUser, deleteUsers, restoreUser } from "@/server/data/user-changes";
import { assertInvariants } from "../support/invariants";
import { freshOrg, snapshot, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
  await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId: await org.activeSubscriptionId("e5"), quantity: 1, idempotencyKey: randomUUID() });
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function latestEvent() {
  return org.prisma.auditEvent.findFirstOrThrow({ where: { action: "license.purchase" } });
}

describe("AuditEvent is append-only", () => {
  // The migration's triggers RAISE(ABORT, 'AuditEvent is append-only'). The SQLite adapter reports
  // a trigger abort on a model call as a constraint violation (P2003); raw SQL keeps the message.
  it.each<[string, (id: string) => Promise<unknown>, Record<string, unknown>]>([
    ["update", (id) => org.prisma.auditEvent.update({ where: { id }, data: { result: "denied" } }), { code: "P2003" }],
    ["updateMany", () => org.prisma.auditEvent.updateMany({ data: { actorName: "someone else" } }), { code: "P2003" }],
    [
      "upsert of an existing event",
      (id) => org.prisma.auditEvent.upsert({ where: { id }, create: { actorName: "x", action: "x", targetType: "x", result: "success" }, update: { detail: "edited" } }),
      { code: "P2003" },
    ],
    ["delete", (id) => org.prisma.auditEvent.delete({ where: { id } }), { code: "P2003" }],
    ["deleteMany", () => org.prisma.auditEvent.deleteMany({}), { code: "P2003" }],
    ["raw UPDATE", (id) => org.prisma.$executeRaw`UPDATE "AuditEvent" SET "result" = 'denied' WHERE "id" = ${id}`, { message: expect.stringContaining("append-only") }],
    ["raw DELETE", () => org.prisma.$executeRaw`DELETE FROM "AuditEvent"`, { message: expect.stringContaining("append-only") }],
  ])("%s fails and changes nothing", async (_label, attempt, failure) => {
    const event = await latestEvent();
    const count = await org.prisma.auditEvent.count();
    await expect(attempt(event.id)).rejects.toMatchObject(failure);
    expect(await latestEvent()).toEqual(event);
    expect(await org.prisma.auditEvent.count()).toBe(count);
  });

  it("inserting still works", async () => {
    const count = await org.prisma.auditEvent.count();
    await org.prisma.auditEvent.create({ data: { actorName: "test", action: "test.append", targetType: "test", result: "success" } });
    expect(await org.prisma.auditEvent.count()).toBe(count + 1);
  });
});

describe("a change and its audit event commit together", () => {
  // A test-only trigger makes writing a success event fail, as a full disk or a bug would.
  const BLOCK = `CREATE TRIGGER "test_block_success_audit" BEFORE INSERT ON "AuditEvent" WHEN NEW."result" = 'success'
    BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`;

  it.each<[string, () => Promise<unknown>]>([
    ["assignLicenses", async () => assignLicenses(org.actors.GlobalAdmin, { productId: await org.productId("e5"), userIds: [await org.userId("Lee Gu")] })],
    ["removeLicenses", async () => removeLicenses(org.actors.GlobalAdmin, { productId: await org.productId("e5"), userIds: [await org.userId("Adele Vance")] })],
    ["purchaseLicenses", async () => purchaseLicenses(org.actors.GlobalAdmin, { subscriptionId: await org.activeSubscriptionId("e5"), quantity: 2, idempotencyKey: randomUUID() })],
    ["reduceQuantity", async () => reduceQuantity(org.actors.GlobalAdmin, { subscriptionId: await org.activeSubscriptionId("e5"), newQuantity: 1, confirm: true })],
    ["createUser", async () => createUser(org.actors.GlobalAdmin, { displayName: "Nina Novak", userPrincipalName: "nina.novak@contoso.example", usageLocation: "NL", productIds: [await org.productId("e5")] })],
    ["deleteUsers", async () => deleteUsers(org.actors.GlobalAdmin, { userIds: [await org.userId("Adele Vance")] })],
    ["restoreUser", async () => restoreUser(org.actors.GlobalAdmin, { userId: await org.userId("Ben Walters") })],
  ])("%s changes nothing when its audit event cannot be written", async (_label, mutate) => {
    const before = await snapshot(org.prisma);
    const events = await org.prisma.auditEvent.count();
    await org.prisma.$executeRawUnsafe(BLOCK);
    try {
      // The adapter reports a trigger abort as a constraint violation (P2003).
      await expect(mutate()).rejects.toMatchObject({ code: "P2003" });
    } finally {
      await org.prisma.$executeRawUnsafe(`DROP TRIGGER "test_block_success_audit"`);
    }
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await org.prisma.user.count({ where: { userPrincipalName: "nina.novak@contoso.example" } })).toBe(0);
    expect(await org.prisma.auditEvent.count()).toBe(events);
  });
});
