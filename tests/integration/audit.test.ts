/** The audit log is append-only, and a failed change leaves no success event. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MUTATIONS } from "@/server/auth/operations";
import { assignLicenses, purchaseLicenses, removeLicenses } from "@/server/data/license-changes";
import { exportAuditEventUsers, findAuditEventUsers } from "@/server/data/audit-read";
import { AUDIT_SAMPLE } from "@/server/data/audit-write";
import { assertInvariants } from "../support/invariants";
import { mutationScenarios } from "../support/mutations";
import { freshOrg, isPostgresRun, snapshot, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
  await purchaseLicenses(org.actors.BillingAdmin, {
    subscriptionId: await org.activeSubscriptionId("e5"),
    quantity: 1,
    idempotencyKey: randomUUID(),
  });
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function latestEvent() {
  return org.prisma.auditEvent.findFirstOrThrow({ where: { action: "license.purchase" } });
}

describe("AuditEvent is append-only", () => {
  // SQLite: the migration's triggers RAISE(ABORT, 'AuditEvent is append-only'), which the adapter
  // reports on a model call as a constraint violation (P2003); raw SQL keeps the message.
  // PostgreSQL: rules replace the change with a failing cast whose text says append-only (a model
  // call, which asks for RETURNING, is refused before that, with the driver's own words).
  const refused = (modelCall: boolean) =>
    !modelCall ? { message: expect.stringContaining("append-only") } : isPostgresRun ? {} : { code: "P2003" };
  it.each<[string, (id: string) => Promise<unknown>, boolean]>([
    ["update", (id) => org.prisma.auditEvent.update({ where: { id }, data: { result: "denied" } }), true],
    ["updateMany", () => org.prisma.auditEvent.updateMany({ data: { actorName: "someone else" } }), true],
    [
      "upsert of an existing event",
      (id) =>
        org.prisma.auditEvent.upsert({
          where: { id },
          create: { actorName: "x", action: "x", targetType: "x", result: "success" },
          update: { detail: "edited" },
        }),
      true,
    ],
    ["delete", (id) => org.prisma.auditEvent.delete({ where: { id } }), true],
    ["deleteMany", () => org.prisma.auditEvent.deleteMany({}), true],
    ["raw UPDATE", (id) => org.prisma.$executeRaw`UPDATE "AuditEvent" SET "result" = 'denied' WHERE "id" = ${id}`, false],
    ["raw DELETE", () => org.prisma.$executeRaw`DELETE FROM "AuditEvent"`, false],
  ])("%s fails and changes nothing", async (_label, attempt, modelCall) => {
    const event = await latestEvent();
    const count = await org.prisma.auditEvent.count();
    await expect(attempt(event.id)).rejects.toMatchObject(refused(modelCall));
    expect(await latestEvent()).toEqual(event);
    expect(await org.prisma.auditEvent.count()).toBe(count);
  });

  it("the users a bulk change affected cannot be edited or removed either", async () => {
    await removeLicenses(org.actors.GlobalAdmin, {
      productId: await org.productId("e3"),
      userIds: [await org.userId("Adele Vance"), await org.userId("Lee Gu")],
    });
    const listed = await org.prisma.auditEventUser.count();
    expect(listed).toBe(1);
    await expect(org.prisma.$executeRaw`DELETE FROM "AuditEventUser"`).rejects.toMatchObject({
      message: expect.stringContaining("append-only"),
    });
    await expect(org.prisma.$executeRaw`UPDATE "AuditEventUser" SET "userId" = 'someone'`).rejects.toMatchObject({
      message: expect.stringContaining("append-only"),
    });
    expect(await org.prisma.auditEventUser.count()).toBe(listed);
  });

  it("inserting still works", async () => {
    const count = await org.prisma.auditEvent.count();
    await org.prisma.auditEvent.create({ data: { actorName: "test", action: "test.append", targetType: "test", result: "success" } });
    expect(await org.prisma.auditEvent.count()).toBe(count + 1);
  });
});

describe("a change and its audit event commit together", () => {
  // A test-only trigger makes writing a success event fail, as a full disk or a bug would.
  const BLOCK = isPostgresRun
    ? [
        `CREATE FUNCTION "test_block_success_audit"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."result" = 'success' THEN RAISE EXCEPTION 'audit unavailable'; END IF; RETURN NEW; END $$`,
        `CREATE TRIGGER "test_block_success_audit" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "test_block_success_audit"()`,
      ]
    : [
        `CREATE TRIGGER "test_block_success_audit" BEFORE INSERT ON "AuditEvent" WHEN NEW."result" = 'success' BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`,
      ];
  const UNBLOCK = isPostgresRun
    ? [`DROP TRIGGER "test_block_success_audit" ON "AuditEvent"`, `DROP FUNCTION "test_block_success_audit"()`]
    : [`DROP TRIGGER "test_block_success_audit"`];

  it.each(MUTATIONS)("%s changes nothing when its audit event cannot be written", async (operation) => {
    const scenario = mutationScenarios(org)[operation];
    const before = await snapshot(org.prisma);
    const sessions = await org.prisma.adminSession.findMany({ orderBy: { id: "asc" } });
    const locales = await org.prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, preferredLocale: true } });
    const events = await org.prisma.auditEvent.count();
    for (const statement of BLOCK) await org.prisma.$executeRawUnsafe(statement);
    try {
      await expect(scenario.run(org.actors.GlobalAdmin)).rejects.toThrow();
    } finally {
      for (const statement of UNBLOCK) await org.prisma.$executeRawUnsafe(statement);
    }
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await org.prisma.user.count({ where: { userPrincipalName: "nina.novak@contoso.example" } })).toBe(0);
    expect(await org.prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, preferredLocale: true } })).toEqual(locales);
    // The scenario opens sessions of its own before it signs out everywhere: only those are new, none was ended.
    const after = await org.prisma.adminSession.findMany({ orderBy: { id: "asc" } });
    expect(after.filter((s) => s.revokedAt !== null)).toEqual(sessions.filter((s) => s.revokedAt !== null));
    expect(await org.prisma.auditEvent.count()).toBe(events);
  });
});

describe("a bulk change's audit record", () => {
  it("keeps a count and a sample; every affected user is listed beside it, and exported", async () => {
    const productId = await org.productId("exo");
    const users = await org.prisma.user.findMany({
      where: { deletedAt: null, usageLocation: { not: null }, assignments: { none: { productId } } },
      take: 20,
      select: { id: true },
    });
    expect(users).toHaveLength(20);
    await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: users.map((u) => u.id) });
    const event = await org.prisma.auditEvent.findFirstOrThrow({
      where: { action: "license.assign", targetId: productId },
      select: { id: true, after: true, userCount: true },
    });
    const after = JSON.parse(event.after ?? "{}") as { count: number; sample: string[] };
    expect(after.count).toBe(20);
    expect(after.sample).toHaveLength(AUDIT_SAMPLE);
    expect(event.after!.length).toBeLessThan(400);
    expect(event.userCount).toBe(20);
    const listed = (await org.prisma.auditEventUser.findMany({ where: { eventId: event.id }, select: { userId: true } })).map(
      (u) => u.userId,
    );
    expect(listed.sort()).toEqual(users.map((u) => u.id).sort());

    const page = await findAuditEventUsers(org.actors.GlobalReader, event.id, { q: "", page: 1, sort: "name", dir: "asc" });
    expect(page.total).toBe(20);
    const exported: string[] = [];
    for await (const batch of exportAuditEventUsers(org.actors.GlobalReader, event.id)) exported.push(...batch.map((u) => u.userId));
    expect(exported.sort()).toEqual(users.map((u) => u.id).sort());
  });
});
