/**
 * Users › Active users' bulk actions on the demo organization: replace one product with another,
 * block and allow sign-in for many users, the preview that comes before each, and the list's
 * product filter. Office 365 E3 is held by Adele Vance … Joni Sherman (11, in conflict); Microsoft
 * 365 E5 by Adele Vance, Li Na and Omar Haddad, with 2 of 5 licenses available.
 */
import { subDays } from "date-fns";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ErrorCode } from "@/server/errors";
import { previewBulk, type BulkPreviewInput } from "@/server/data/bulk-preview";
import { removeLicenses, removeLicensesInView, replaceLicenses } from "@/server/data/license-changes";
import { planResolution } from "@/server/data/reclaim";
import { findUpcomingConflicts } from "@/server/data/forecast";
import { addDays } from "@/lib/domain/lifecycle";
import { setSignIn, setUserRoles } from "@/server/data/user-changes";
import { getProductPage } from "@/server/data/licenses";
import { findUsers } from "@/server/data/users";
import { assertInvariants } from "../support/invariants";
import {
  auditIds,
  auditSince,
  expectRefusedIn,
  freshOrg,
  listing,
  loadActor,
  productAssignments,
  snapshot,
  type Org,
} from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const UNKNOWN_ID = "clunknown0000000000000";

async function ids(...names: string[]): Promise<string[]> {
  return Promise.all(names.map((name) => org.userId(name)));
}

async function assigned(key: "e3" | "e5"): Promise<number> {
  return (await org.prisma.product.findUniqueOrThrow({ where: { id: await org.productId(key) } })).assignedCount;
}

/** Asserts a refusal with `code`: the data are unchanged and no success was audited. */
function expectRefused(call: () => Promise<unknown>, code: ErrorCode) {
  return expectRefusedIn(org, call, code);
}

describe("replaceLicenses", () => {
  it("swaps E3 for E5 in one change: holders of E5 only lose E3, users without E3 are left alone; one audit record names them", async () => {
    const [e3, e5] = [await org.productId("e3"), await org.productId("e5")];
    const userIds = await ids("Adele Vance", "Allan Deyoung", "Christie Cline", "Wei Zhang");
    const audit = await auditIds(org.prisma);
    expect(await replaceLicenses(org.actors.LicenseAdmin, { fromProductId: e3, toProductId: e5, userIds })).toEqual({
      replaced: 3,
      alreadyHeld: 1,
      skipped: 1,
    });
    expect([await assigned("e3"), await assigned("e5")]).toEqual([8, 5]);
    for (const id of userIds.slice(0, 3)) {
      const held = await org.prisma.licenseAssignment.findMany({
        where: { userId: id, productId: { in: [e3, e5] } },
        select: { productId: true },
      });
      expect(held).toEqual([{ productId: e5 }]);
    }
    const [event] = await auditSince(org.prisma, audit);
    expect(event).toMatchObject({ action: "license.replace", targetId: e5, result: "success" });
    expect(JSON.parse(event?.before ?? "{}")).toEqual({ product: "Office 365 E3" });
    expect(JSON.parse(event?.after ?? "{}")).toMatchObject({ product: "Microsoft 365 E5", count: 3 });
    const listed = await org.prisma.auditEventUser.findMany({ where: { eventId: event?.id }, select: { userId: true } });
    expect(listed.map((row) => row.userId).sort()).toEqual(userIds.slice(0, 3).sort());
  });

  it("refuses, changing nothing, when the second product lacks licenses for all of them", async () => {
    const [e3, e5] = [await org.productId("e3"), await org.productId("e5")];
    const userIds = await ids("Allan Deyoung", "Christie Cline", "Debra Berger");
    await expectRefused(
      () => replaceLicenses(org.actors.LicenseAdmin, { fromProductId: e3, toProductId: e5, userIds }),
      "NO_LICENSES_AVAILABLE",
    );
  });

  it("refuses the same product twice, a selection holding none of it, deleted and unknown users, and roles that may not assign", async () => {
    const [e3, e5] = [await org.productId("e3"), await org.productId("e5")];
    const admin = org.actors.LicenseAdmin;
    await expectRefused(
      async () => replaceLicenses(admin, { fromProductId: e3, toProductId: e3, userIds: await ids("Allan Deyoung") }),
      "SAME_PRODUCT",
    );
    await expectRefused(
      async () => replaceLicenses(admin, { fromProductId: e3, toProductId: e5, userIds: await ids("Wei Zhang") }),
      "NONE_HOLD_PRODUCT",
    );
    await expectRefused(() => replaceLicenses(admin, { fromProductId: e3, toProductId: e5, userIds: [UNKNOWN_ID] }), "NOT_FOUND");
    await expectRefused(
      async () => replaceLicenses(admin, { fromProductId: e3, toProductId: e5, userIds: await ids("Allan Deyoung", "Ben Walters") }),
      "USER_DELETED",
    );
    await expectRefused(
      async () => replaceLicenses(org.actors.BillingAdmin, { fromProductId: e3, toProductId: e5, userIds: await ids("Allan Deyoung") }),
      "FORBIDDEN",
    );
  });
});

describe("setSignIn", () => {
  it("blocks many users at once, keeping their licenses and ending their sessions; users already blocked are counted, not audited", async () => {
    const userIds = await ids("Lee Gu", "Allan Deyoung", "Enrico Cattaneo");
    const before = await org.prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, securityVersion: true } });
    const licenses = await org.prisma.licenseAssignment.count({ where: { userId: { in: userIds } } });
    const audit = await auditIds(org.prisma);
    expect(await setSignIn(org.actors.UserAdmin, { userIds, accountEnabled: false })).toEqual({ changed: 2, unchanged: 1 });
    const after = await org.prisma.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, accountEnabled: true, securityVersion: true },
    });
    expect(after.every((u) => !u.accountEnabled)).toBe(true);
    for (const id of userIds.slice(0, 2)) {
      expect(after.find((u) => u.id === id)?.securityVersion).toBeGreaterThan(before.find((u) => u.id === id)?.securityVersion ?? Infinity);
    }
    expect(await org.prisma.licenseAssignment.count({ where: { userId: { in: userIds } } })).toBe(licenses);
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, e.targetId, e.before, e.after]).sort()).toEqual(
      userIds
        .slice(0, 2)
        .map((id) => ["user.setSignIn", id, JSON.stringify({ accountEnabled: true }), JSON.stringify({ accountEnabled: false })])
        .sort(),
    );
    expect(await setSignIn(org.actors.UserAdmin, { userIds, accountEnabled: true })).toEqual({ changed: 3, unchanged: 0 });
  });

  it("an admin selected but already in that state is left alone: a User admin's block of the others goes ahead, as its preview said", async () => {
    const diego = org.actors.LicenseAdmin.id;
    await org.prisma.user.update({ where: { id: diego }, data: { accountEnabled: false } });
    const userIds = [...(await ids("Lee Gu")), diego];
    expect((await previewBulk(org.actors.UserAdmin, { action: "block", userIds })).problem).toBeNull();
    expect(await setSignIn(org.actors.UserAdmin, { userIds, accountEnabled: false })).toEqual({ changed: 1, unchanged: 1 });
  });

  it("a User admin can't block an admin among the users (audited as denied); nobody blocks themselves or the last Global admin", async () => {
    const diego = org.actors.LicenseAdmin.id;
    const audit = await auditIds(org.prisma);
    await expectRefused(
      async () => setSignIn(org.actors.UserAdmin, { userIds: [...(await ids("Lee Gu")), diego], accountEnabled: false }),
      "CANNOT_MANAGE_ADMIN",
    );
    expect((await auditSince(org.prisma, audit)).map((e) => [e.action, e.result])).toEqual([["user.setSignIn", "denied"]]);
    const ga = org.actors.GlobalAdmin;
    await expectRefused(
      async () => setSignIn(ga, { userIds: [...(await ids("Lee Gu")), ga.id], accountEnabled: false }),
      "CANNOT_BLOCK_SELF",
    );
    const second = await org.prisma.user.create({
      data: { displayName: "Patti Admin", userPrincipalName: "patti.admin@contoso.example", usageLocation: "US" },
    });
    await setUserRoles(ga, { userId: second.id, roles: ["GlobalAdmin"] });
    const secondActor = await loadActor(org.prisma, second.userPrincipalName);
    await setSignIn(ga, { userIds: [second.id], accountEnabled: false });
    await expectRefused(() => setSignIn(secondActor, { userIds: [ga.id], accountEnabled: false }), "LAST_GLOBAL_ADMIN");
    await expectRefused(
      async () => setSignIn(org.actors.UserAdmin, { userIds: await ids("Ben Walters"), accountEnabled: false }),
      "USER_DELETED",
    );
    await expectRefused(() => setSignIn(org.actors.UserAdmin, { userIds: [UNKNOWN_ID], accountEnabled: false }), "NOT_FOUND");
    await expectRefused(
      async () => setSignIn(org.actors.LicenseAdmin, { userIds: await ids("Lee Gu"), accountEnabled: false }),
      "FORBIDDEN",
    );
  });
});

describe("previewBulk", () => {
  async function preview(input: Omit<BulkPreviewInput, "userIds"> & { users: string[] }, actor = org.actors.GlobalAdmin) {
    const before = await snapshot(org.prisma);
    const result = await previewBulk(actor, { ...input, userIds: await ids(...input.users) });
    // A preview changes nothing.
    expect(await snapshot(org.prisma)).toEqual(before);
    return result;
  }

  it("assign: users who get it and who have it, licenses needed against available, and over-assigning refused before it is tried", async () => {
    const e5 = await org.productId("e5");
    expect(await preview({ action: "assign", productId: e5, users: ["Adele Vance", "Allan Deyoung", "Christie Cline"] })).toMatchObject({
      selected: 3,
      affected: 2,
      unaffected: 1,
      licensesNeeded: 2,
      available: 2,
      product: "Microsoft 365 E5",
      problem: null,
    });
    const over = await preview({ action: "assign", productId: e5, users: ["Allan Deyoung", "Christie Cline", "Debra Berger"] });
    expect(over).toMatchObject({ affected: 3, licensesNeeded: 3, available: 2 });
    expect(over.problem?.code).toBe("NO_LICENSES_AVAILABLE");
    const noPlace = await preview({ action: "assign", productId: await org.productId("exo"), users: ["Fatima Noor"] });
    expect(noPlace.problem).toEqual({ code: "USAGE_LOCATION_REQUIRED", values: { names: "Fatima Noor", count: 1 } });
  });

  it("remove and replace: licenses freed and needed, as the change then does", async () => {
    const [e3, e5] = [await org.productId("e3"), await org.productId("e5")];
    expect(await preview({ action: "remove", productId: e3, users: ["Adele Vance", "Wei Zhang"] })).toMatchObject({
      affected: 1,
      unaffected: 1,
      licensesFreed: 1,
      problem: null,
    });
    const users = ["Adele Vance", "Allan Deyoung", "Christie Cline", "Wei Zhang"];
    const replace = await preview({ action: "replace", productId: e3, toProductId: e5, users });
    expect(replace).toMatchObject({
      affected: 3,
      unaffected: 1,
      licensesFreed: 3,
      licensesNeeded: 2,
      available: 2,
      toProduct: "Microsoft 365 E5",
      problem: null,
    });
    const done = await replaceLicenses(org.actors.GlobalAdmin, { fromProductId: e3, toProductId: e5, userIds: await ids(...users) });
    expect([done.replaced, done.replaced - done.alreadyHeld, done.skipped]).toEqual([
      replace.affected,
      replace.licensesNeeded,
      replace.unaffected,
    ]);
    expect((await preview({ action: "replace", productId: e3, toProductId: e3, users: ["Allan Deyoung"] })).problem?.code).toBe(
      "SAME_PRODUCT",
    );
  });

  it("block and delete: the role rules, self and the last Global admin are told before confirming", async () => {
    expect(await preview({ action: "block", users: ["Lee Gu", "Enrico Cattaneo"] }, org.actors.UserAdmin)).toMatchObject({
      affected: 1,
      unaffected: 1,
      problem: null,
    });
    const withAdmin = await previewBulk(org.actors.UserAdmin, {
      action: "block",
      userIds: [...(await ids("Lee Gu")), org.actors.LicenseAdmin.id],
    });
    expect(withAdmin.problem).toEqual({ code: "CANNOT_MANAGE_ADMIN", values: { name: "Diego Siciliani" } });
    const self = await previewBulk(org.actors.GlobalAdmin, { action: "delete", userIds: [org.actors.GlobalAdmin.id] });
    expect(self.problem?.code).toBe("CANNOT_DELETE_SELF");
    // Adele holds E3 and E5, Allan E3 and Power BI Pro: 4 licenses freed.
    expect(await preview({ action: "delete", users: ["Adele Vance", "Allan Deyoung"] })).toMatchObject({
      affected: 2,
      licensesFreed: 4,
      problem: null,
    });
    expect(
      (await preview({ action: "assign", productId: await org.productId("e5"), users: ["Lee Gu"] }, org.actors.BillingAdmin)).problem?.code,
    ).toBe("FORBIDDEN");
  });

  it("selected users deleted meanwhile, or gone, come back to be taken off the selection", async () => {
    const ben = await org.userId("Ben Walters");
    const result = await previewBulk(org.actors.GlobalAdmin, { action: "block", userIds: [ben, UNKNOWN_ID, ...(await ids("Lee Gu"))] });
    expect(result.goneIds.sort()).toEqual([ben, UNKNOWN_ID].sort());
    expect(result.problem).toEqual({ code: "SELECTION_GONE", values: { count: 2 } });
  });
});

describe("the users list by product", () => {
  it("licensed with a product, or without it, combined with the other filters and the search", async () => {
    const e5 = await org.productId("e5");
    const withE5 = await findUsers(org.actors.GlobalReader, listing("name"), "all", { productId: e5, has: true });
    expect(withE5.rows.map((u) => u.displayName)).toEqual(["Adele Vance", "Li Na", "Omar Haddad"]);
    const all = await findUsers(org.actors.GlobalReader, listing("name"), "all");
    const withoutE5 = await findUsers(org.actors.GlobalReader, listing("name"), "all", { productId: e5, has: false });
    expect(withoutE5.total).toBe(all.total - 3);
    expect(withoutE5.rows.some((u) => u.displayName === "Adele Vance")).toBe(false);
    const searched = await findUsers(org.actors.GlobalReader, listing("name", { q: "li" }), "licensed", { productId: e5, has: true });
    expect(searched.rows.map((u) => u.displayName)).toEqual(["Li Na"]);
  });

  it("inactive for more than N days, never signed in, sign-in blocked", async () => {
    const names = async (filter: "inactive" | "neverSignedIn" | "blocked", days?: number) =>
      (await findUsers(org.actors.GlobalReader, listing("name"), filter, null, days)).rows.map((u) => u.displayName);
    // The demo's people signed in within 20 days, except every seventh, who never did.
    const never = ["Fleur Bakker", "Grady Archie", "Lars Eriksen", "Miriam Graham", "Noah Peeters"];
    expect((await names("neverSignedIn")).filter((n) => never.includes(n))).toEqual(never);
    expect(await names("inactive", 15)).not.toContain("Adele Vance");
    expect(await names("inactive", 30)).toEqual(expect.arrayContaining(never));
    await org.prisma.user.update({ where: { id: await org.userId("Adele Vance") }, data: { lastSignInAt: subDays(new Date(), 45) } });
    expect(await names("inactive", 30)).toContain("Adele Vance");
    expect(await names("inactive", 60)).not.toContain("Adele Vance");
    expect(await names("blocked")).toEqual(expect.arrayContaining(["Enrico Cattaneo", "Pradeep Gupta"]));
  });
});

describe("a product page's inactive and blocked filters (reclaiming licenses)", () => {
  it("list who hasn't signed in for 30 days or never, and who is blocked; remove-in-view reclaims exactly those", async () => {
    const e3 = await org.productId("e3");
    const names = async (filter: "inactive" | "blocked") =>
      (await productAssignments(org.actors.GlobalReader, e3, listing("name"), filter)).rows.map((r) => r.displayName);
    // Grady Archie never signed in; everyone else holding E3 did within 20 days. Enrico Cattaneo is blocked.
    expect(await names("inactive")).toEqual(["Grady Archie"]);
    expect(await names("blocked")).toEqual(["Enrico Cattaneo"]);
    await org.prisma.user.update({ where: { id: await org.userId("Debra Berger") }, data: { lastSignInAt: subDays(new Date(), 31) } });
    await org.prisma.user.update({ where: { id: await org.userId("Emily Braun") }, data: { lastSignInAt: subDays(new Date(), 29) } });
    expect(await names("inactive")).toEqual(["Debra Berger", "Grady Archie"]);

    // The page counts the filtered users (not the product's assigned total).
    expect((await productAssignments(org.actors.GlobalReader, e3, listing("name"), "inactive")).total).toBe(2);
    const days = async (n: number) =>
      (await getProductPage(org.actors.GlobalReader, e3, listing("name"), "inactive", n))?.assignments.rows.map((r) => r.displayName);
    expect(await days(28)).toEqual(["Debra Berger", "Emily Braun", "Grady Archie"]);
    expect(await days(60)).toEqual(["Grady Archie"]);
    // Never signed in, but only since yesterday: not inactive yet, though never signed in.
    await org.prisma.user.update({ where: { id: await org.userId("Grady Archie") }, data: { createdAt: subDays(new Date(), 1) } });
    expect(await days(30)).toEqual(["Debra Berger"]);
    expect(
      (await productAssignments(org.actors.GlobalReader, e3, listing("name"), "neverSignedIn")).rows.map((r) => r.displayName),
    ).toEqual(["Grady Archie"]);
    await org.prisma.user.update({ where: { id: await org.userId("Grady Archie") }, data: { createdAt: subDays(new Date(), 294) } });
    expect(
      await removeLicensesInView(org.actors.LicenseAdmin, { productId: e3, q: "", filter: "inactive", days: 30, expected: 2 }),
    ).toMatchObject({
      removed: 2,
    });
    expect(await names("inactive")).toEqual([]);
    expect(await assigned("e3")).toBe(9);
    expect(await org.prisma.licenseAssignment.count({ where: { productId: e3, userId: await org.userId("Emily Braun") } })).toBe(1);
  });
});

describe("the resolution planner", () => {
  it("proposes exactly as many as end the conflict, blocked first, then never signed in, then the longest inactive; removing them ends it", async () => {
    const e3 = await org.productId("e3");
    const plan = await planResolution(org.actors.GlobalReader, e3);
    expect(plan?.conflicts).toBe(3);
    // Enrico Cattaneo is blocked; Grady Archie never signed in; then the longest inactive of E3's holders.
    expect(plan?.candidates.slice(0, 2).map((c) => [c.displayName, c.reason])).toEqual([
      ["Enrico Cattaneo", "blocked"],
      ["Grady Archie", "neverSignedIn"],
    ]);
    const idle = plan!.candidates.slice(2).map((c) => c.idleDays);
    expect(idle).toEqual([...idle].sort((a, b) => b - a));
    expect(plan?.candidates).toHaveLength(11);
    expect(plan?.buy).toEqual({ quantity: 3, monthlyCents: expect.any(Number), currency: "USD" });
    const proposed = plan!.candidates.slice(0, plan!.conflicts).map((c) => c.userId);
    await removeLicenses(org.actors.LicenseAdmin, { productId: e3, userIds: proposed });
    expect((await planResolution(org.actors.GlobalReader, e3))?.conflicts).toBe(0);
    expect((await planResolution(org.actors.GlobalReader, e3))?.candidates).toEqual([]);
  });
});

describe("upcoming conflicts", () => {
  it("a term ending without renewal, with more users assigned than licenses left, is foreseen with its date and the users affected", async () => {
    const e5 = await org.productId("e5");
    const [subscription] = await org.prisma.subscription.findMany({ where: { productId: e5 }, select: { id: true } });
    const endsAt = addDays(new Date(), 20);
    await org.prisma.subscription.update({ where: { id: subscription!.id }, data: { endsAt, autoRenew: false } });
    await org.prisma.subscription.create({
      data: { productId: e5, quantity: 1, startsAt: addDays(new Date(), -10), endsAt: addDays(new Date(), 300) },
    });
    // 6 valid, 3 assigned: when the 5 expire, 1 is left for 3 users.
    const upcoming = (await findUpcomingConflicts(org.actors.GlobalReader)).filter((e) => e.productId === e5);
    expect(upcoming).toEqual([
      expect.objectContaining({ subscriptionId: subscription!.id, date: endsAt, licenses: 5, usersNeedingLicense: 2, newlyAffected: 2 }),
    ]);
    // Set to renew, it makes no conflict.
    await org.prisma.subscription.update({ where: { id: subscription!.id }, data: { autoRenew: true } });
    expect((await findUpcomingConflicts(org.actors.GlobalReader)).filter((e) => e.productId === e5)).toEqual([]);
  });
});
