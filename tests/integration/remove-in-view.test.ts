/** Removing a license from every user a product view lists: its search and its filter decide who. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeLicensesInView } from "@/server/data/license-changes";
import { findProductSummaries } from "@/server/data/licenses";
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
    const result = await removeLicensesInView(org.actors.LicenseAdmin, { productId: e3, q: "", filter: "needsLicense" });
    expect(result).toEqual({ removed: 3 });
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
    expect(await removeLicensesInView(org.actors.GlobalAdmin, { productId: e3, q: "JOHANNA", filter: "all" })).toEqual({ removed: 1 });
    expect(await holders(e3)).not.toContain("Johanna Lorenz");
    expect(await holders(e3)).toHaveLength(10);
  });

  it("takes % and _ in the search literally: nobody's name holds them, so nobody loses a license", async () => {
    const e3 = await org.productId("e3");
    for (const q of ["_", "%", "\\", "a_e", "%a"]) {
      expect(await removeLicensesInView(org.actors.GlobalAdmin, { productId: e3, q, filter: "all" }), q).toEqual({ removed: 0 });
    }
    expect(await holders(e3)).toHaveLength(11);
  });

  it("a view with no conflicts removes nothing and audits nothing", async () => {
    const e5 = await org.productId("e5");
    expect(await removeLicensesInView(org.actors.LicenseAdmin, { productId: e5, q: "", filter: "needsLicense" })).toEqual({ removed: 0 });
    expect(await org.prisma.auditEvent.count({ where: { action: { startsWith: "license.remove" } } })).toBe(0);
  });

  it("is refused to a Billing admin, changing nothing, audited as denied", async () => {
    const e3 = await org.productId("e3");
    const before = await snapshot(org.prisma);
    await expectAppError(removeLicensesInView(org.actors.BillingAdmin, { productId: e3, q: "", filter: "all" }), "FORBIDDEN");
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await org.prisma.auditEvent.count({ where: { action: "license.removeInView", result: "denied" } })).toBe(1);
  });
});
