/**
 * Undo a removal of licenses (issue 14), on the demo organization: Microsoft 365 E5 has 5 licenses,
 * held by Adele Vance, Li Na and Omar Haddad.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assignLicenses, removeLicenses, removeLicensesInView } from "@/server/data/license-changes";
import { undoRemoval, UNDO_MINUTES } from "@/server/data/undo";
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

async function e5Holders() {
  return org.prisma.licenseAssignment.findMany({
    where: { productId: await org.productId("e5") },
    orderBy: { id: "asc" },
    select: { id: true, userId: true, assignedAt: true, assignedById: true },
  });
}

async function removeTwo(actor = org.actors.LicenseAdmin) {
  const productId = await org.productId("e5");
  const userIds = [await org.userId("Adele Vance"), await org.userId("Li Na")];
  const { eventId } = await removeLicenses(actor, { productId, userIds });
  return { productId, userIds, eventId: eventId! };
}

describe("undoRemoval", () => {
  it("gives the licenses back exactly as they were (same assignment, place in the queue, assigner), once, audited", async () => {
    const before = await e5Holders();
    const { eventId } = await removeTwo();
    expect(await e5Holders()).toHaveLength(1);
    const audit = await auditIds(org.prisma);
    expect(await undoRemoval(org.actors.LicenseAdmin, { eventId })).toEqual({ restored: 2, skipped: 0, conflicts: 0 });
    expect(await e5Holders()).toEqual(before);
    expect(await org.prisma.removedAssignment.count({ where: { eventId } })).toBe(0);
    expect((await auditSince(org.prisma, audit)).map((e) => [e.action, e.targetType, e.targetId, e.result])).toEqual([
      ["license.undoRemove", "audit", eventId, "success"],
    ]);
    // A double submit: the second is told, and changes nothing.
    const snap = await snapshot(org.prisma);
    await expectAppError(undoRemoval(org.actors.LicenseAdmin, { eventId }), "UNDO_DONE");
    expect(await snapshot(org.prisma)).toEqual(snap);
  });

  it("only by the admin who removed, or a Global admin; only for 30 minutes; only a removal", async () => {
    const { eventId } = await removeTwo();
    const snap = await snapshot(org.prisma);
    const audit = await auditIds(org.prisma);
    await expectAppError(undoRemoval(org.actors.UserAdmin, { eventId }), "UNDO_NOT_YOURS");
    // Refused as another admin's: audited as denied, as every refusal is.
    expect((await auditSince(org.prisma, audit)).map((e) => [e.action, e.result, e.actorId, e.targetId])).toEqual([
      ["license.undoRemove", "denied", org.actors.UserAdmin.id, eventId],
    ]);
    await expectAppError(undoRemoval(org.actors.BillingAdmin, { eventId }), "FORBIDDEN");
    const later = new Date(Date.now() + (UNDO_MINUTES + 1) * 60_000);
    await expectAppError(undoRemoval(org.actors.LicenseAdmin, { eventId }, later), "UNDO_EXPIRED");
    const assignEvent = await org.prisma.auditEvent.findFirstOrThrow({ where: { action: "organization.seed" }, select: { id: true } });
    await expectAppError(undoRemoval(org.actors.GlobalAdmin, { eventId: assignEvent.id }), "NOT_FOUND");
    expect(await snapshot(org.prisma)).toEqual(snap);
    expect(await undoRemoval(org.actors.GlobalAdmin, { eventId })).toEqual({ restored: 2, skipped: 0, conflicts: 0 });
  });

  it("leaves users licensed again or deleted as they are, and refuses, changing nothing, when the licenses are gone", async () => {
    const { productId, userIds, eventId } = await removeTwo();
    await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [userIds[1]!] });
    expect(await undoRemoval(org.actors.LicenseAdmin, { eventId })).toEqual({ restored: 1, skipped: 1, conflicts: 0 });

    const second = await removeTwo();
    // Four others take the four free licenses: none is left to give back.
    const others = await Promise.all(["Allan Deyoung", "Christie Cline", "Debra Berger", "Emily Braun"].map((n) => org.userId(n)));
    await assignLicenses(org.actors.LicenseAdmin, { productId, userIds: others });
    const snap = await snapshot(org.prisma);
    await expectAppError(undoRemoval(org.actors.LicenseAdmin, { eventId: second.eventId }), "UNDO_WOULD_CONFLICT");
    expect(await snapshot(org.prisma)).toEqual(snap);
  });

  it("undoes a removal from everyone in a view; kept removals past the window are forgotten by the next removal", async () => {
    const productId = await org.productId("e5");
    const { eventId } = await removeLicensesInView(org.actors.LicenseAdmin, { productId, q: "Adele", filter: "all", expected: 1 });
    expect(await org.prisma.removedAssignment.count({ where: { eventId } })).toBe(1);
    expect(await undoRemoval(org.actors.LicenseAdmin, { eventId })).toEqual({ restored: 1, skipped: 0, conflicts: 0 });

    const old = await removeTwo();
    await org.prisma.removedAssignment.updateMany({
      where: { eventId: old.eventId },
      data: { removedAt: new Date(Date.now() - 31 * 60_000) },
    });
    await removeLicenses(org.actors.LicenseAdmin, { productId, userIds: [await org.userId("Omar Haddad")] });
    expect(await org.prisma.removedAssignment.count({ where: { eventId: old.eventId } })).toBe(0);
  });
});
