/** Removing a license from every user a product view lists: its search and its filter decide who. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeLicenses, removeLicensesInView } from "@/server/data/license-changes";
import { countLicensesInView, findProductSummaries } from "@/server/data/licenses";
import { repairSeatCounts } from "@/server/maintenance/invariants";
import { assertInvariants } from "../support/invariants";
import { expectAppError, freshOrg, listing, snapshot, type Org, productAssignments } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function holders(productId: string): Promise<string[]> {
  const rows = await org.prisma.licenseAssignment.findMany({
    where: { productId, user: { deletedAt: null } },
    select: { user: { select: { displayName: true } } },
  });
  return rows.map((r) => r.user.displayName).sort();
}

describe("removeLicensesInView", () => {
  it("the 'needs a valid license' view: removes exactly the flagged users and resolves the conflict", async () => {
    const e3 = await org.productId("e3");
    const flagged = (await productAssignments(org.actors.GlobalReader, e3, listing("assignedAt"), "needsLicense")).rows.map(
      (r) => r.displayName,
    );
    expect(flagged).toHaveLength(3);
    const result = await removeLicensesInView(org.actors.LicenseAdmin, { productId: e3, q: "", filter: "needsLicense", expected: 3 });
    expect(result).toMatchObject({ removed: 3 });
    expect(await holders(e3)).not.toEqual(expect.arrayContaining(["Irvin Sayers"]));
    expect(await holders(e3)).toHaveLength(8);
    const overview = await findProductSummaries(org.actors.GlobalReader, listing("name"));
    expect(overview.page.rows.find((r) => r.id === e3)?.summary.conflicts).toBe(0);
    const audit = await org.prisma.auditEvent.findMany({
      where: { action: "license.removeInView", targetId: e3 },
      select: { id: true, result: true, after: true, userCount: true },
    });
    expect(audit).toEqual([
      {
        id: expect.any(String),
        result: "success",
        after: JSON.stringify({ count: 3, view: { q: "", filter: "needsLicense" } }),
        userCount: 3,
      },
    ]);
    // The record names its users beside it, exactly those whose license went.
    const listed = await org.prisma.auditEventUser.findMany({ where: { eventId: audit[0]!.id }, select: { userId: true } });
    const removed = await org.prisma.user.findMany({ where: { id: { in: listed.map((l) => l.userId) } }, select: { displayName: true } });
    expect(removed.map((u) => u.displayName).sort()).toEqual(flagged.sort());
  });

  it("a search narrows it to the matching users only", async () => {
    const e3 = await org.productId("e3");
    expect(await removeLicensesInView(org.actors.GlobalAdmin, { productId: e3, q: "JOHANNA", filter: "all", expected: 1 })).toMatchObject({
      removed: 1,
    });
    expect(await holders(e3)).not.toContain("Johanna Lorenz");
    expect(await holders(e3)).toHaveLength(10);
  });

  it("takes % and _ in the search literally: nobody's name holds them, so nobody is counted or loses a license", async () => {
    const e3 = await org.productId("e3");
    for (const q of ["_", "%", "\\", "a_e", "%a"]) {
      expect(await countLicensesInView(org.actors.GlobalReader, { productId: e3, q, filter: "all" }), q).toEqual({ count: 0 });
      await expectAppError(removeLicensesInView(org.actors.GlobalAdmin, { productId: e3, q, filter: "all", expected: 1 }), "VIEW_CHANGED");
    }
    expect(await holders(e3)).toHaveLength(11);
  });

  it("a view with no conflicts counts nobody; removing from it is refused, changes nothing and audits nothing", async () => {
    const e5 = await org.productId("e5");
    expect(await countLicensesInView(org.actors.LicenseAdmin, { productId: e5, q: "", filter: "needsLicense" })).toEqual({ count: 0 });
    const before = await snapshot(org.prisma);
    const refused = await expectAppError(
      removeLicensesInView(org.actors.LicenseAdmin, { productId: e5, q: "", filter: "needsLicense", expected: 2 }),
      "VIEW_CHANGED",
    );
    expect(refused.values).toEqual({ count: 0 });
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await org.prisma.auditEvent.count({ where: { action: { startsWith: "license.remove" } } })).toBe(0);
  });

  it("when the view changed after the admin confirmed its count, nothing is removed and the new count is told", async () => {
    const e3 = await org.productId("e3");
    const { count } = await countLicensesInView(org.actors.LicenseAdmin, { productId: e3, q: "", filter: "all" });
    expect(count).toBe(11);
    // Another admin removes one of them in between.
    await removeLicenses(org.actors.GlobalAdmin, { productId: e3, userIds: [await org.userId("Johanna Lorenz")] });
    const before = await snapshot(org.prisma);
    const refused = await expectAppError(
      removeLicensesInView(org.actors.LicenseAdmin, { productId: e3, q: "", filter: "all", expected: count }),
      "VIEW_CHANGED",
    );
    expect(refused.values).toEqual({ count: 10 });
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await org.prisma.auditEvent.count({ where: { action: "license.removeInView" } })).toBe(0);
    expect(await removeLicensesInView(org.actors.LicenseAdmin, { productId: e3, q: "", filter: "all", expected: 10 })).toMatchObject({
      removed: 10,
    });
  });

  it("is refused to a Billing admin, changing nothing, audited as denied", async () => {
    const e3 = await org.productId("e3");
    const before = await snapshot(org.prisma);
    await expectAppError(removeLicensesInView(org.actors.BillingAdmin, { productId: e3, q: "", filter: "all", expected: 11 }), "FORBIDDEN");
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await org.prisma.auditEvent.count({ where: { action: "license.removeInView", result: "denied" } })).toBe(1);
  });

  it("a removal larger than one part tells its progress after each part, ending at the total, in one audit record", async () => {
    const e5 = await org.productId("e5");
    const many = 12_000;
    const tag = "Progress Tester";
    await org.prisma.user.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        displayName: `${tag} ${i}`,
        userPrincipalName: `progress.${i}@contoso.example`,
        usageLocation: "US",
      })),
    });
    const created = await org.prisma.user.findMany({ where: { displayName: { startsWith: tag } }, select: { id: true } });
    await org.prisma.licenseAssignment.createMany({ data: created.map((u) => ({ userId: u.id, productId: e5 })) });
    await org.prisma.$transaction((tx) => repairSeatCounts(tx));
    const others = (await holders(e5)).length - many;
    const reports: [number, number][] = [];
    // Past the page's capped count, the confirmation's count is exact.
    expect(await countLicensesInView(org.actors.GlobalReader, { productId: e5, q: tag, filter: "all" })).toEqual({ count: many });
    const result = await removeLicensesInView(
      org.actors.LicenseAdmin,
      { productId: e5, q: tag, filter: "all", expected: many },
      (removed, total) => reports.push([removed, total]),
    );
    expect(result).toMatchObject({ removed: many });
    expect(reports).toEqual([
      [0, many],
      [5_000, many],
      [10_000, many],
      [many, many],
    ]);
    expect(await holders(e5)).toHaveLength(others);
    const audit = await org.prisma.auditEvent.findMany({ where: { action: "license.removeInView" }, select: { userCount: true } });
    expect(audit).toEqual([{ userCount: many }]);
  });
});
