/** Read functions return what the demo seed implies. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { ROLES } from "@/lib/domain/roles";
import { exportAuditEvents, findAuditEvents } from "@/server/data/audit-read";
import { exportProductAssignments, exportUsers } from "@/server/data/exports";
import { purchaseLicenses } from "@/server/data/license-changes";
import { deleteUsers } from "@/server/data/user-changes";
import { findProductSummaries, getProductById, getProductPage, previewReduction } from "@/server/data/licenses";
import { findCutoffs, findOrganizationCutoffs, forgetCutoffs } from "@/server/data/cutoffs";
import { aggregateSummaries } from "@/server/data/totals";
import { adjustSeats } from "@/server/data/seats";
import { MUTATIONS } from "@/server/auth/operations";
import { findDeletedUsers, findUsers, getUserById } from "@/server/data/users";
import { USER_FILTERS } from "@/lib/listing";
import { transaction } from "@/server/db";
import { assertInvariants } from "../support/invariants";
import { mutationScenarios } from "../support/mutations";
import { expectAppError, freshOrg, listing, type Org, productAssignments } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

// The seed assigns in PEOPLE order, three days apart: the last ones are the most recent.
const E3_NEEDS_LICENSE = ["Irvin Sayers", "Johanna Lorenz", "Joni Sherman"];
const BP_NEEDS_LICENSE = ["Lukas Schmidt", "Anna Becker", "Wei Zhang"];
const ADMIN_NAMES = ["Megan Bowen", "Alex Wilber", "Diego Siciliani", "Isaiah Langer", "Lidia Holloway"];

describe("findProductSummaries (Billing › Licenses)", () => {
  it("lists the 6 products with pooled totals and the organization's 2 conflicts", async () => {
    const overview = await findProductSummaries(org.actors.GlobalReader, listing("name"));
    expect(overview.page).toMatchObject({ total: 6, page: 1, pageCount: 1 });
    expect(overview.productsInConflict).toBe(2);
    expect(overview.usersNeedingLicense).toBe(6);

    const bySku = new Map(overview.page.rows.map((row) => [row.skuPartNumber, row.summary]));
    expect(overview.page.rows.map((row) => row.displayName)).toEqual([
      "Exchange Online (Plan 1)",
      "Microsoft 365 Business Premium",
      "Microsoft 365 E5",
      "Office 365 E3",
      "Power BI Pro",
      "Visio Plan 2",
    ]);
    expect(bySku.get("ENTERPRISEPACK")).toMatchObject({ valid: 8, expired: 0, disabled: 0, assigned: 11, available: 0, conflicts: 3 });
    expect(bySku.get("SPB")).toMatchObject({ valid: 10, expired: 4, disabled: 0, assigned: 13, available: 0, conflicts: 3 });
    expect(bySku.get("SPE_E5")).toMatchObject({ valid: 5, assigned: 3, available: 2, conflicts: 0, parts: [] });
    expect(bySku.get("POWER_BI_PRO")).toMatchObject({ valid: 10, assigned: 6, available: 4, conflicts: 0 });
    expect(bySku.get("VISIOCLIENT")).toMatchObject({ valid: 3, disabled: 3, assigned: 2, available: 1, conflicts: 0 });
    expect(bySku.get("EXCHANGESTANDARD")).toMatchObject({ valid: 25, expired: 0, disabled: 0, assigned: 3, available: 22 });
  });

  it("explains each conflict with its cause and deadline; the earliest deadline is Business Premium's grace", async () => {
    const overview = await findProductSummaries(org.actors.GlobalReader, listing("name"));
    const e3Sub = await org.prisma.subscription.findFirstOrThrow({ where: { product: { skuPartNumber: "ENTERPRISEPACK" } } });
    const bpExpired = await org.prisma.subscription.findFirstOrThrow({ where: { product: { skuPartNumber: "SPB" }, quantity: 4 } });
    expect(e3Sub.reducedAt).toBeInstanceOf(Date);
    const e3 = overview.page.rows.find((row) => row.skuPartNumber === "ENTERPRISEPACK")?.summary;
    const bp = overview.page.rows.find((row) => row.skuPartNumber === "SPB")?.summary;
    expect(e3?.parts).toEqual([{ cause: "reduced", users: 3, licenses: 3, deadline: addDays(e3Sub.reducedAt as Date, 90) }]);
    expect(bp?.parts).toEqual([{ cause: "expired", users: 3, licenses: 4, deadline: addDays(bpExpired.endsAt, 30) }]);
    expect(overview.earliestDeadline).toEqual(addDays(bpExpired.endsAt, 30));
  });

  it.each([
    ["a name", "Power", ["Power BI Pro"]],
    ["a SKU in lower case", "spb", ["Microsoft 365 Business Premium"]],
    ["a shared word", "Microsoft 365", ["Microsoft 365 Business Premium", "Microsoft 365 E5"]],
    ["nothing matching", "Dynamics", []],
    // LIKE's wildcards and escape character are searched for as themselves.
    ["a literal underscore", "_", ["Microsoft 365 E5", "Power BI Pro"]],
    ["a literal percent sign", "%", []],
    ["a literal backslash", "\\", []],
  ])("searches by %s; conflicts stay organization-wide", async (_label, q, names) => {
    const overview = await findProductSummaries(org.actors.GlobalReader, listing("name", { q }));
    expect(overview.page.rows.map((row) => row.displayName)).toEqual(names);
    expect(overview.page.total).toBe(names.length);
    expect(overview.productsInConflict).toBe(2);
  });

  it("sorts by assigned count and pages", async () => {
    const byAssigned = await findProductSummaries(org.actors.GlobalReader, listing("assigned", { dir: "desc" }));
    expect(byAssigned.page.rows.map((row) => row.summary.assigned)).toEqual([13, 11, 6, 3, 3, 2]);
    const bySku = await findProductSummaries(org.actors.GlobalReader, listing("sku", { dir: "desc" }));
    expect(bySku.page.rows[0]?.skuPartNumber).toBe("VISIOCLIENT");
    const page2 = await findProductSummaries(org.actors.GlobalReader, listing("name", { page: 2 }));
    expect(page2.page.rows).toEqual([]);
    expect(page2.page.total).toBe(6);
  });
});

describe("getProductById", () => {
  it.each([
    ["e3", ["Active"], 8],
    ["bp", ["Active", "Expired"], 10],
    ["pbi", ["Active", "Active"], 10],
    ["visio", ["Active", "Disabled"], 3],
    // The second Exchange subscription is past its Disabled window: Deleted, not shown.
    ["exo", ["Active"], 25],
  ] as const)("%s: subscriptions %j, %i valid", async (key, states, valid) => {
    const product = await getProductById(org.actors.GlobalReader, await org.productId(key));
    expect(product?.subscriptions.map((s) => s.state)).toEqual(states);
    expect(product?.summary.valid).toBe(valid);
  });

  it("returns the plans and each subscription's next transition", async () => {
    const product = await getProductById(org.actors.GlobalReader, await org.productId("bp"));
    expect(product?.servicePlans).toEqual(["EXCHANGE_S_STANDARD", "INTUNE_A", "AAD_PREMIUM", "TEAMS1"]);
    const [active, expired] = product?.subscriptions ?? [];
    expect(active?.nextTransitionAt).toEqual(active?.endsAt);
    expect(expired?.nextTransitionAt).toEqual(expired ? addDays(expired.endsAt, 30) : undefined);
    expect(expired?.quantity).toBe(4);
  });

  it("returns null for an unknown product", async () => {
    expect(await getProductById(org.actors.GlobalReader, "clunknownproduct00000")).toBeNull();
  });
});

describe("getProductPage (the product page, one snapshot)", () => {
  it.each([
    ["e3", "all"],
    ["e3", "needsLicense"],
    ["bp", "needsLicense"],
    ["visio", "all"],
  ] as const)("%s, %s: the product as getProductById gives it, and as many users as its totals say", async (key, filter) => {
    const productId = await org.productId(key);
    const page = await getProductPage(org.actors.GlobalReader, productId, listing("assignedAt", { dir: "desc" }), filter);
    expect(page?.product).toEqual(await getProductById(org.actors.GlobalReader, productId));
    expect(page?.assignments.total).toBe(filter === "all" ? page?.product.summary.assigned : page?.product.summary.conflicts);
  });

  it("flags exactly as many users as the totals' conflicts", async () => {
    const page = await getProductPage(org.actors.GlobalReader, await org.productId("e3"), listing("name"), "needsLicense");
    expect(page?.assignments.total).toBe(page?.product.summary.conflicts);
    expect(page?.assignments.rows.filter((row) => row.needsValidLicense)).toHaveLength(3);
  });

  it("returns null for an unknown product", async () => {
    expect(await getProductPage(org.actors.GlobalReader, "clunknownproduct00000", listing("name"))).toBeNull();
  });
});

describe("a product's assigned users (getProductPage)", () => {
  it("lists E3's 11 users (not the deleted ones) and flags the 3 most recently assigned", async () => {
    const page = await productAssignments(org.actors.LicenseAdmin, await org.productId("e3"), listing("assignedAt", { dir: "desc" }));
    expect(page.total).toBe(11);
    expect(page.rows.map((r) => r.displayName)).not.toContain("Ben Walters");
    expect(page.rows.slice(0, 3).map((r) => r.needsValidLicense)).toEqual([true, true, true]);
    expect(page.rows.slice(3).some((r) => r.needsValidLicense)).toBe(false);
    expect(
      page.rows
        .filter((r) => r.needsValidLicense)
        .map((r) => r.displayName)
        .sort(),
    ).toEqual([...E3_NEEDS_LICENSE].sort());
    expect(page.rows[0]?.assignedBy).toBe("Megan Bowen");
  });

  it.each([
    ["e3", E3_NEEDS_LICENSE],
    ["bp", BP_NEEDS_LICENSE],
    ["e5", []],
    ["visio", []],
  ] as const)("%s filtered to users needing a valid license: %j", async (key, names) => {
    const page = await productAssignments(org.actors.GlobalReader, await org.productId(key), listing("name"), "needsLicense");
    expect(page.total).toBe(names.length);
    expect(page.rows.map((r) => r.displayName).sort()).toEqual([...names].sort());
    expect(page.rows.every((r) => r.needsValidLicense)).toBe(true);
  });

  it("searches within a product and keeps the flag", async () => {
    const page = await productAssignments(org.actors.GlobalReader, await org.productId("e3"), listing("name", { q: "joni" }));
    expect(page.rows).toEqual([expect.objectContaining({ displayName: "Joni Sherman", needsValidLicense: true })]);
  });
});

describe("findUsers", () => {
  it.each<[(typeof USER_FILTERS)[number], number]>([
    ["all", 40],
    ["licensed", 33],
    ["unlicensed", 7],
    ["needsLicense", 6],
  ])("filter %s → %i users", async (filter, total) => {
    const page = await findUsers(org.actors.GlobalReader, listing("name"), filter);
    expect(page.total).toBe(total);
    expect(page.rows).toHaveLength(total);
    expect(page.rows.map((r) => r.displayName)).not.toContain("Ben Walters");
  });

  it("unlicensed are the admins and the two users without a usage location", async () => {
    const page = await findUsers(org.actors.GlobalReader, listing("name"), "unlicensed");
    expect(page.rows.map((r) => r.displayName).sort()).toEqual([...ADMIN_NAMES, "Fatima Noor", "Lars Eriksen"].sort());
  });

  it("needsLicense returns exactly the 6 flagged users", async () => {
    const page = await findUsers(org.actors.GlobalReader, listing("name"), "needsLicense");
    expect(page.rows.map((r) => r.displayName).sort()).toEqual([...E3_NEEDS_LICENSE, ...BP_NEEDS_LICENSE].sort());
    expect(page.rows.every((r) => r.needsValidLicense)).toBe(true);
    const all = await findUsers(org.actors.GlobalReader, listing("name"), "all");
    expect(all.rows.filter((r) => r.needsValidLicense)).toHaveLength(6);
  });

  it("returns roles and licenses, and searches by name or UPN", async () => {
    const byName = await findUsers(org.actors.GlobalReader, listing("name", { q: "vance" }), "all");
    expect(byName.rows).toEqual([
      expect.objectContaining({ displayName: "Adele Vance", roles: [], licenses: ["Microsoft 365 E5", "Office 365 E3"] }),
    ]);
    const byUpn = await findUsers(org.actors.GlobalReader, listing("upn", { q: "global.admin@" }), "all");
    expect(byUpn.rows).toEqual([expect.objectContaining({ displayName: "Megan Bowen", roles: ["GlobalAdmin"], licenses: [] })]);
  });

  it("sorts by last sign-in with never-signed-in users last", async () => {
    const page = await findUsers(org.actors.GlobalReader, listing("lastSignIn", { dir: "desc" }), "all");
    const times = page.rows.map((r) => r.lastSignInAt);
    const firstNull = times.findIndex((t) => t === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(times.slice(firstNull).every((t) => t === null)).toBe(true);
    const dated = times.slice(0, firstNull).map((t) => t?.getTime() ?? 0);
    expect(dated).toEqual([...dated].sort((a, b) => b - a));
  });
});

describe("getUserById", () => {
  it("a user's licenses, flagged, and the products they could still get with what is available", async () => {
    const joni = await getUserById(org.actors.GlobalReader, await org.userId("Joni Sherman"));
    expect(joni?.licenses).toEqual([expect.objectContaining({ productName: "Office 365 E3", needsValidLicense: true })]);
    const adele = await getUserById(org.actors.GlobalReader, await org.userId("Adele Vance"));
    expect(adele?.licenses.map((l) => [l.productName, l.needsValidLicense])).toEqual([
      ["Office 365 E3", false],
      ["Microsoft 365 E5", false],
    ]);
    expect(adele?.assignable.map((p) => [p.productName, p.available])).toEqual([
      ["Exchange Online (Plan 1)", 22],
      ["Microsoft 365 Business Premium", 0],
      ["Power BI Pro", 4],
      ["Visio Plan 2", 1],
    ]);
  });

  it("a deleted user keeps their licenses, none flagged; an unknown id is null", async () => {
    const ben = await getUserById(org.actors.GlobalReader, await org.userId("Ben Walters"));
    expect(ben?.deletedAt).toBeInstanceOf(Date);
    expect(ben?.licenses).toEqual([expect.objectContaining({ productName: "Office 365 E3", needsValidLicense: false })]);
    expect(await getUserById(org.actors.GlobalReader, "clunknownuser000000000")).toBeNull();
  });
});

describe("CSV exports", () => {
  async function collect<T>(batches: AsyncGenerator<T[]>): Promise<T[]> {
    const rows: T[] = [];
    for await (const batch of batches) rows.push(...batch);
    return rows;
  }

  it("a product's assigned users, with the ones needing a valid license flagged", async () => {
    const rows = await collect(exportProductAssignments(org.actors.GlobalReader, await org.productId("e3")));
    expect(rows).toHaveLength(11);
    expect(
      rows
        .filter((r) => r.needsValidLicense)
        .map((r) => r.displayName)
        .sort(),
    ).toEqual([...E3_NEEDS_LICENSE].sort());
  });

  it.each<[(typeof USER_FILTERS)[number], string, number]>([
    ["all", "", 40],
    ["unlicensed", "", 7],
    ["needsLicense", "", 6],
    ["licensed", "vance", 1],
  ])("the users list with filter %s and search %j", async (filter, q, count) => {
    const rows = await collect(exportUsers(org.actors.GlobalReader, q, filter));
    expect(rows).toHaveLength(count);
    expect(rows.some((r) => "passwordHash" in r || "id" in r)).toBe(false);
  });

  it("the users list keeps each column's type: booleans, sign-in times to the millisecond, no sign-in as null", async () => {
    const signedIn = new Date("2026-11-30T08:15:42.123Z");
    const [vance, sherman] = [await org.userId("Adele Vance"), await org.userId("Joni Sherman")];
    await org.prisma.user.update({ where: { id: vance }, data: { lastSignInAt: signedIn, accountEnabled: false } });
    await org.prisma.user.update({ where: { id: sherman }, data: { lastSignInAt: null } });
    const rows = await collect(exportUsers(org.actors.GlobalReader, "", "all"));
    const adele = rows.find((r) => r.displayName === "Adele Vance");
    expect(adele?.accountEnabled).toBe(false);
    expect(adele?.lastSignInAt).toEqual(signedIn);
    const joni = rows.find((r) => r.displayName === "Joni Sherman");
    expect(joni?.lastSignInAt).toBeNull();
    expect(joni?.accountEnabled).toBe(true);
    expect(joni?.licenses.length).toBeGreaterThan(0);
  });

  it("the users list across several batches: every user once, in id order, with their licenses sorted by name", async () => {
    // More users than one batch (5,000), some of them holding two products.
    const extra = Array.from({ length: 5_100 }, (_, i) => ({
      id: `exportuser${String(i).padStart(6, "0")}`,
      displayName: `Export User ${i}`,
      userPrincipalName: `export.user.${i}@contoso.example`,
    }));
    await org.prisma.user.createMany({ data: extra });
    const [e3, visio] = [await org.productId("e3"), await org.productId("visio")];
    await org.prisma.licenseAssignment.createMany({
      data: extra.filter((_, i) => i % 7 === 0).flatMap((u) => [e3, visio].map((productId) => ({ userId: u.id, productId }))),
    });
    const holders = extra.filter((_, i) => i % 7 === 0).length;
    await org.prisma.product.updateMany({
      where: { id: { in: [e3, visio] } },
      data: { assignedCount: { increment: holders }, holdersVersion: { increment: 1 } },
    });
    const rows = await collect(exportUsers(org.actors.GlobalReader, "", "all"));
    const expected = await org.prisma.user.findMany({
      where: { deletedAt: null },
      orderBy: { id: "asc" },
      select: { userPrincipalName: true, assignments: { select: { product: { select: { displayName: true } } } } },
    });
    expect(rows.map((r) => [r.userPrincipalName, r.licenses])).toEqual(
      expected.map((u) => [u.userPrincipalName, u.assignments.map((a) => a.product.displayName).sort()]),
    );
    expect(rows.find((r) => r.userPrincipalName === "export.user.7@contoso.example")?.licenses).toEqual(["Office 365 E3", "Visio Plan 2"]);
  });
});

describe("findDeletedUsers", () => {
  it("lists the two deleted users, their E3 licenses and that restoring them creates a conflict", async () => {
    const page = await findDeletedUsers(org.actors.GlobalReader, listing("name"));
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => ({ name: r.displayName, licenses: r.licenses, conflicts: r.conflictsOnRestore }))).toEqual([
      { name: "Ben Walters", licenses: ["Office 365 E3"], conflicts: ["Office 365 E3"] },
      { name: "Cameron White", licenses: ["Office 365 E3"], conflicts: ["Office 365 E3"] },
    ]);
    for (const row of page.rows) expect(row.restoreBy).toEqual(addDays(row.deletedAt, 30));
  });

  it("no longer lists users deleted more than 30 days ago", async () => {
    await org.prisma.user.update({ where: { id: await org.userId("Ben Walters") }, data: { deletedAt: addDays(new Date(), -31) } });
    const page = await findDeletedUsers(org.actors.GlobalReader, listing("name"));
    expect(page.rows.map((r) => r.displayName)).toEqual(["Cameron White"]);
  });
});

describe("previewReduction", () => {
  it("E5 from 5 to 2: one user, the most recently assigned, would need a license", async () => {
    const preview = await previewReduction(org.actors.BillingAdmin, await org.activeSubscriptionId("e5"), 2);
    expect(preview).toMatchObject({
      productName: "Microsoft 365 E5",
      currentQuantity: 5,
      newQuantity: 2,
      conflictsBefore: 0,
      conflictsAfter: 1,
    });
    expect(preview.users.map((u) => u.displayName)).toEqual(["Omar Haddad"]);
  });

  it("E3 from 8 to 6: the 5 most recently assigned, newest first", async () => {
    const preview = await previewReduction(org.actors.BillingAdmin, await org.activeSubscriptionId("e3"), 6);
    expect(preview).toMatchObject({ conflictsBefore: 3, conflictsAfter: 5 });
    expect(preview.users.map((u) => u.displayName)).toEqual([
      "Joni Sherman",
      "Johanna Lorenz",
      "Irvin Sayers",
      "Henrietta Mueller",
      "Grady Archie",
    ]);
  });

  it("Exchange from 25 to 20: nobody", async () => {
    const preview = await previewReduction(org.actors.BillingAdmin, await org.activeSubscriptionId("exo"), 20);
    expect(preview).toMatchObject({ conflictsBefore: 0, conflictsAfter: 0, users: [] });
  });

  it("an unknown subscription is NOT_FOUND", async () => {
    await expectAppError(previewReduction(org.actors.BillingAdmin, "clunknownsubscription0", 1), "NOT_FOUND");
  });
});

describe("findAuditEvents", () => {
  it("starts with the seed event and filters by result and text", async () => {
    const initial = await findAuditEvents(org.actors.GlobalReader, listing("at", { dir: "desc" }), "all");
    expect(initial.rows.map((r) => r.action)).toEqual(["organization.seed"]);

    await purchaseLicenses(org.actors.BillingAdmin, {
      subscriptionId: await org.activeSubscriptionId("e5"),
      quantity: 1,
      idempotencyKey: randomUUID(),
    });
    await expectAppError(
      purchaseLicenses(org.actors.LicenseAdmin, {
        subscriptionId: await org.activeSubscriptionId("e5"),
        quantity: 1,
        idempotencyKey: randomUUID(),
      }),
      "FORBIDDEN",
    );

    const all = await findAuditEvents(org.actors.GlobalReader, listing("at", { dir: "desc" }), "all");
    expect(all.total).toBe(3);
    const denied = await findAuditEvents(org.actors.GlobalReader, listing("at"), "denied");
    expect(denied.rows).toEqual([
      expect.objectContaining({ action: "license.purchase", actorName: "license.admin@contoso.example", result: "denied" }),
    ]);
    const success = await findAuditEvents(org.actors.GlobalReader, listing("at"), "success");
    expect(success.rows.map((r) => r.action)).toEqual(["organization.seed", "license.purchase"]);
    const byActor = await findAuditEvents(org.actors.GlobalReader, listing("at", { q: "Billing.Admin" }), "all");
    expect(byActor.rows).toEqual([expect.objectContaining({ action: "license.purchase", result: "success" })]);
    expect(JSON.parse(byActor.rows[0]?.before ?? "null")).toEqual({ quantity: 5 });
    const byTarget = await findAuditEvents(org.actors.GlobalReader, listing("at", { q: await org.activeSubscriptionId("e5") }), "all");
    expect(byTarget.total).toBe(2);
  });
});

describe("sorting users by last sign-in", () => {
  it("oldest first starts with those who never signed in; newest first ends with them", async () => {
    await org.prisma.user.updateMany({ data: { lastSignInAt: new Date("2026-11-01T00:00:00Z") } });
    const never = await org.userId("Lee Gu");
    const recent = await org.userId("Adele Vance");
    await org.prisma.user.update({ where: { id: never }, data: { lastSignInAt: null } });
    await org.prisma.user.update({ where: { id: recent }, data: { lastSignInAt: new Date("2026-11-30T00:00:00Z") } });
    const oldest = await findUsers(org.actors.GlobalReader, listing("lastSignIn", { dir: "asc" }), "all");
    expect(oldest.rows[0]?.displayName).toBe("Lee Gu");
    const newest = await findUsers(org.actors.GlobalReader, listing("lastSignIn", { dir: "desc" }), "all");
    expect(newest.rows[0]?.displayName).toBe("Adele Vance");
    expect(newest.rows.at(-1)?.displayName === "Lee Gu" || newest.total > newest.rows.length).toBe(true);
  });
});

describe("the audit log names its targets, filters by date and exports", () => {
  it("keeps a user's name as it was, after a rename and after the user is deleted", async () => {
    const userId = await org.userId("Grady Archie");
    await deleteUsers(org.actors.UserAdmin, { userIds: [userId] });
    await org.prisma.user.update({ where: { id: userId }, data: { displayName: "Someone Else" } });
    const page = await findAuditEvents(org.actors.GlobalReader, listing("at", { dir: "desc", q: userId }), "all");
    expect(page.rows.map((r) => [r.action, r.targetName])).toEqual([["user.delete", "Grady Archie"]]);
  });

  it("names a product's and a subscription's target; records written without a name show the current one", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 1, idempotencyKey: randomUUID() });
    const [purchase] = (await findAuditEvents(org.actors.GlobalReader, listing("at", { q: subscriptionId }), "all")).rows;
    expect(purchase?.targetName).toBe("Microsoft 365 E5");
    // An event of before the column: no name stored, the product's current one is read.
    const e3 = await org.productId("e3");
    await org.prisma.auditEvent.create({
      data: { actorName: "old@contoso.example", action: "license.assign", targetType: "product", targetId: e3, result: "success" },
    });
    const [old] = (await findAuditEvents(org.actors.GlobalReader, listing("at", { q: e3 }), "all")).rows;
    expect(old).toMatchObject({ targetName: "Office 365 E3", targetId: e3 });
  });

  it("filters by a date range, both ends included, and exports what the page shows", async () => {
    const at = (iso: string) => new Date(iso);
    for (const [iso, actorName] of [
      ["2026-10-31T23:59:59.000Z", "october@contoso.example"],
      ["2026-11-01T00:00:00.000Z", "first@contoso.example"],
      ["2026-11-15T12:00:00.000Z", "middle@contoso.example"],
      ["2026-11-30T23:59:59.999Z", "last@contoso.example"],
      ["2026-12-01T00:00:00.000Z", "december@contoso.example"],
    ] as const) {
      await org.prisma.auditEvent.create({ data: { at: at(iso), actorName, action: "signIn", targetType: "user", result: "success" } });
    }
    const november = { from: at("2026-11-01T00:00:00Z"), to: at("2026-12-01T00:00:00Z") };
    const page = await findAuditEvents(org.actors.GlobalReader, listing("at", { dir: "desc" }), "all", november);
    expect(page.rows.map((r) => r.actorName)).toEqual(["last@contoso.example", "middle@contoso.example", "first@contoso.example"]);
    expect(page.total).toBe(3);
    const exported = [];
    for await (const batch of exportAuditEvents(org.actors.GlobalReader, "", "all", november)) exported.push(...batch);
    expect(exported.map((r) => r.actorName)).toEqual(page.rows.map((r) => r.actorName));
  });

  it("exports every event across batches, newest first, each once", async () => {
    await org.prisma.auditEvent.createMany({
      data: Array.from({ length: 4_500 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 10, 1, 0, 0, Math.floor(i / 3))),
        actorName: `bulk${i}@contoso.example`,
        action: "signIn",
        targetType: "user",
        result: "success",
      })),
    });
    const exported = [];
    for await (const batch of exportAuditEvents(org.actors.GlobalReader, "bulk", "all")) exported.push(...batch);
    expect(exported).toHaveLength(4_500);
    expect(new Set(exported.map((r) => r.id)).size).toBe(4_500);
    const times = exported.map((r) => r.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe("every role reads every page", () => {
  it.each(ROLES)("%s", async (role) => {
    const actor = org.actors[role];
    const e3 = await org.productId("e3");
    expect((await findProductSummaries(actor, listing("name"))).page.total).toBe(6);
    expect((await getProductById(actor, e3))?.skuPartNumber).toBe("ENTERPRISEPACK");
    expect((await productAssignments(actor, e3, listing("name"))).total).toBe(11);
    expect((await getProductPage(actor, e3, listing("name")))?.assignments.total).toBe(11);
    expect((await findUsers(actor, listing("name"), "all")).total).toBe(40);
    expect((await findDeletedUsers(actor, listing("name"))).total).toBe(2);
    expect((await findAuditEvents(actor, listing("at"), "all")).total).toBeGreaterThanOrEqual(1);
    expect((await previewReduction(actor, await org.activeSubscriptionId("e3"), 7)).conflictsAfter).toBe(4);
    // Reads are not audited as denials.
    expect(await org.prisma.auditEvent.count({ where: { result: "denied" } })).toBe(0);
  });
});

describe("conflict cutoffs", () => {
  /** The rule as a per-product query: the conflicts-th most recent assignment of non-deleted users. */
  async function referenceCutoff(productId: string, conflicts: number) {
    return org.prisma.licenseAssignment.findFirst({
      where: { productId, user: { deletedAt: null } },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      skip: conflicts - 1,
      select: { assignedAt: true, id: true },
    });
  }

  it("one statement for every product matches the per-product walk, with equal times and deleted users", async () => {
    const e3 = await org.productId("e3");
    const bp = await org.productId("bp");
    const visio = await org.productId("visio");
    // Three of E3's most recent assignments at the same instant (ties broken by id), and one of
    // its recent users deleted (no longer counts).
    const recent = await org.prisma.licenseAssignment.findMany({ where: { productId: e3 }, orderBy: { assignedAt: "desc" }, take: 4 });
    const instant = recent[0]!.assignedAt;
    await org.prisma.licenseAssignment.updateMany({
      where: { id: { in: recent.slice(1, 4).map((a) => a.id) } },
      data: { assignedAt: instant },
    });
    const deleted = recent[1]!.userId;
    await org.prisma.user.update({ where: { id: deleted }, data: { deletedAt: new Date() } });
    // Keep the maintained counts true to the deletion (the invariants check them after each test).
    for (const { productId } of await org.prisma.licenseAssignment.findMany({ where: { userId: deleted } })) {
      await org.prisma.product.update({
        where: { id: productId },
        data: { assignedCount: { decrement: 1 }, holdersVersion: { increment: 1 } },
      });
    }

    const counts = new Map<string, number>();
    for (const productId of [e3, bp])
      counts.set(productId, await org.prisma.licenseAssignment.count({ where: { productId, user: { deletedAt: null } } }));
    for (let conflicts = 1; conflicts <= counts.get(e3)!; conflicts++) {
      const bpConflicts = Math.min(conflicts, counts.get(bp)!);
      const cutoffs = await transaction((tx) =>
        findCutoffs(
          tx,
          new Map([
            [e3, conflicts],
            [bp, bpConflicts],
            [visio, 0],
          ]),
        ),
      );
      expect(cutoffs.size).toBe(2);
      expect(cutoffs.get(e3)).toEqual(await referenceCutoff(e3, conflicts));
      expect(cutoffs.get(bp)).toEqual(await referenceCutoff(bp, bpConflicts));
    }
  });

  /** Every product's cutoff by the reference query, for its conflicts now. */
  async function referenceCutoffs() {
    const summaries = await transaction((tx) => aggregateSummaries(tx));
    const cutoffs = new Map<string, { assignedAt: Date; id: string }>();
    for (const [productId, summary] of summaries) {
      const cutoff = summary.conflicts > 0 ? await referenceCutoff(productId, summary.conflicts) : null;
      if (cutoff) cutoffs.set(productId, cutoff);
    }
    return cutoffs;
  }

  it.each(MUTATIONS)("remembered cutoffs are never stale: after %s they are those of the data as it is", async (mutation) => {
    // Conflicts on two products, so that there is something to remember, and remembered.
    await org.prisma.subscription.updateMany({ where: { productId: await org.productId("bp") }, data: { quantity: 1 } });
    const before = await referenceCutoffs();
    expect(before.size).toBeGreaterThanOrEqual(2);
    expect(await transaction((tx) => findOrganizationCutoffs(tx))).toEqual(before);
    const scenario = mutationScenarios(org)[mutation];
    await scenario.run(org.actors.GlobalAdmin);
    await scenario.changed(org.actors.GlobalAdmin);
    const after = await referenceCutoffs();
    expect(await transaction((tx) => findOrganizationCutoffs(tx))).toEqual(after);
    // And the same from nothing remembered.
    forgetCutoffs();
    expect(await transaction((tx) => findOrganizationCutoffs(tx))).toEqual(after);
  });

  it("a change of holders that leaves the count as it was still moves the version: the cutoff follows", async () => {
    const e3 = await org.productId("e3");
    const [cutoffBefore] = [...(await transaction((tx) => findOrganizationCutoffs(tx))).entries()].filter(([id]) => id === e3);
    expect(cutoffBefore).toBeDefined();
    // The newest holder gives up the license and a user without one takes it, through seats.ts
    // as every change does: the same count, the same conflicts, another set of holders.
    const newest = await org.prisma.licenseAssignment.findFirstOrThrow({
      where: { productId: e3 },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
    });
    const newcomer = await org.prisma.user.findFirstOrThrow({ where: { deletedAt: null, assignments: { none: { productId: e3 } } } });
    await transaction(async (tx) => {
      await tx.licenseAssignment.delete({ where: { id: newest.id } });
      await adjustSeats(tx, e3, -1);
      await tx.licenseAssignment.create({ data: { productId: e3, userId: newcomer.id, assignedAt: addDays(new Date(), -400) } });
      await adjustSeats(tx, e3, 1);
    });
    const expected = (await referenceCutoffs()).get(e3);
    expect(expected).not.toEqual(cutoffBefore![1]);
    expect((await transaction((tx) => findOrganizationCutoffs(tx))).get(e3)).toEqual(expected);
  });

  it("a second read of unchanged products walks no index: the remembered cutoffs answer", async () => {
    await org.prisma.subscription.updateMany({ where: { productId: await org.productId("bp") }, data: { quantity: 1 } });
    const expected = await referenceCutoffs();
    expect(await transaction((tx) => findOrganizationCutoffs(tx))).toEqual(expected);
    const statements: string[] = [];
    const counted = await transaction(async (tx) => {
      const raw = tx.$queryRaw.bind(tx);
      const spy = ((query: TemplateStringsArray, ...values: unknown[]) => {
        statements.push(query.join("?"));
        return raw(query, ...values);
      }) as typeof tx.$queryRaw;
      return findCutoffs(
        Object.assign(Object.create(tx) as typeof tx, { $queryRaw: spy }),
        new Map([...(await aggregateSummaries(tx))].map(([id, summary]) => [id, summary.conflicts])),
      );
    });
    expect(counted).toEqual(expected);
    expect(statements.filter((sql) => sql.includes("OFFSET"))).toEqual([]);
  });

  it("a product with more conflicts than assignments has no cutoff row, and none in conflict means no query result", async () => {
    const e3 = await org.productId("e3");
    expect(await transaction((tx) => findCutoffs(tx, new Map([[e3, 10_000]])))).toEqual(new Map());
    expect(await transaction((tx) => findCutoffs(tx, new Map([[e3, 0]])))).toEqual(new Map());
  });
});
