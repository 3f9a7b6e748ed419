/**
 * Every pair of the changes that move seats, raced on the same users, 20 times each: whatever the
 * interleaving, every product's maintained assigned count equals the assignments of its
 * non-deleted users, and no product ends up with more users than it had before the race allowed.
 * On PostgreSQL the calls really overlap (separate connections, READ COMMITTED); on SQLite they
 * serialize, and the test checks the same invariants.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { isTransientError } from "@/server/db";
import {
  assignLicenses,
  purchaseLicenses,
  reduceQuantity,
  removeLicenses,
  removeLicensesInView,
  replaceLicenses,
} from "@/server/data/license-changes";
import { deleteUsers, restoreUser } from "@/server/data/user-changes";
import { previewUserImport, runUserImport } from "@/server/data/user-import";
import { AppError } from "@/server/errors";
import { assertInvariants, assertSeatCounts } from "../support/invariants";
import { auditIds, auditSince, freshOrg, type Org } from "../support/org";

const USERS = 10;
const REPETITIONS = 20;
/**
 * An import previews and runs a file for every user of every repetition (about ten times the
 * cost of the other changes): its pairs race 5 times each, which kept each pair's interleavings
 * varied without adding 85 s to the PostgreSQL run.
 */
const IMPORT_REPETITIONS = 5;
const repetitionsOf = (a: string, b: string) => (a === "import" || b === "import" ? IMPORT_REPETITIONS : REPETITIONS);
const SEATS = 8;

let org: Org;
let productId: string;
/** Every user holds it (plenty of seats): replacing it with the raced product claims that one's seats. */
let otherProductId: string;
let subscriptionId: string;
let users: { id: string; name: string }[];

beforeAll(async () => {
  org = await freshOrg();
  const now = new Date();
  const product = await org.prisma.product.create({
    data: {
      displayName: "Race Product",
      skuPartNumber: "RACE_PRODUCT",
      subscriptions: { create: [{ quantity: SEATS, startsAt: addDays(now, -10), endsAt: addDays(now, 300) }] },
    },
    select: { id: true, subscriptions: { select: { id: true } } },
  });
  productId = product.id;
  subscriptionId = product.subscriptions[0]!.id;
  otherProductId = (
    await org.prisma.product.create({
      data: {
        displayName: "Race Other Product",
        skuPartNumber: "RACE_OTHER",
        subscriptions: { create: [{ quantity: 100, startsAt: addDays(now, -10), endsAt: addDays(now, 300) }] },
      },
      select: { id: true },
    })
  ).id;
  await org.prisma.user.createMany({
    data: Array.from({ length: USERS }, (_, i) => ({
      displayName: `Racer ${i} Quinn`,
      userPrincipalName: `racer.${i}@contoso.example`,
      usageLocation: "NL",
    })),
  });
  users = await org.prisma.user
    .findMany({
      where: { displayName: { startsWith: "Racer " } },
      orderBy: { displayName: "asc" },
      select: { id: true, displayName: true },
    })
    .then((rows) => rows.map((u) => ({ id: u.id, name: u.displayName })));
});
afterAll(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

/**
 * The starting point of every repetition, written directly: users 0–5 hold the product, every
 * user holds the other product, every third user is deleted (keeping their assignments for a
 * restore), the subscription has SEATS.
 */
async function reset(): Promise<void> {
  const deleted = new Set(users.filter((_, i) => i % 3 === 0).map((u) => u.id));
  const holders = users.filter((_, i) => i < 6).map((u) => u.id);
  await org.prisma.$transaction(async (tx) => {
    await tx.licenseAssignment.deleteMany({ where: { productId: { in: [productId, otherProductId] } } });
    await tx.user.updateMany({ where: { id: { in: users.map((u) => u.id) } }, data: { deletedAt: null } });
    await tx.user.updateMany({ where: { id: { in: [...deleted] } }, data: { deletedAt: addDays(new Date(), -1) } });
    await tx.licenseAssignment.createMany({ data: holders.map((userId) => ({ userId, productId, assignedAt: addDays(new Date(), -2) })) });
    await tx.licenseAssignment.createMany({
      data: users.map((u) => ({ userId: u.id, productId: otherProductId, assignedAt: addDays(new Date(), -3) })),
    });
    await tx.product.update({
      where: { id: otherProductId },
      data: { assignedCount: users.length - deleted.size, holdersVersion: { increment: 1 } },
    });
    await tx.subscription.update({ where: { id: subscriptionId }, data: { quantity: SEATS, reducedAt: null } });
    await tx.product.update({
      where: { id: productId },
      data: { assignedCount: holders.filter((id) => !deleted.has(id)).length, holdersVersion: { increment: 1 } },
    });
  });
  await assertSeatCounts(org.prisma);
}

type Change = (user: { id: string; name: string }) => Promise<unknown>;

const CHANGES: Record<string, Change> = {
  assign: (u) => assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [u.id] }),
  remove: (u) => removeLicenses(org.actors.GlobalAdmin, { productId, userIds: [u.id] }),
  replace: (u) => replaceLicenses(org.actors.LicenseAdmin, { fromProductId: otherProductId, toProductId: productId, userIds: [u.id] }),
  removeInView: (u) => removeLicensesInView(org.actors.LicenseAdmin, { productId, q: u.name, filter: "all", expected: 1 }),
  delete: (u) => deleteUsers(org.actors.UserAdmin, { userIds: [u.id] }),
  restore: (u) => restoreUser(org.actors.GlobalAdmin, { userId: u.id }),
  reduce: async () => {
    const { quantity } = await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, select: { quantity: true } });
    return reduceQuantity(org.actors.BillingAdmin, { subscriptionId, newQuantity: Math.max(1, quantity - 1), confirm: true });
  },
  buy: () => purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 1, idempotencyKey: randomUUID() }),
  // Add multiple users: a file giving this user the product (a deleted user's row is an error, skipped).
  import: async (u) => {
    const upn = `racer.${u.name.split(" ")[1]}@contoso.example`;
    const csv = `User Name,Display Name,Licenses\n${upn},${u.name},RACE_PRODUCT\n`;
    const { importId } = await previewUserImport(org.actors.UserAdmin, { fileName: "race.csv", bytes: new TextEncoder().encode(csv) });
    return runUserImport(org.actors.UserAdmin, { importId });
  },
};

const NAMES = Object.keys(CHANGES);
const PAIRS = NAMES.flatMap((a, i) => NAMES.slice(i).map((b) => [a, b] as const));

/** A refusal is fine (the other call won); a raw database error or a bug is not. */
function expectOnlyRefusals(results: PromiseSettledResult<unknown>[]): void {
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    const reason: unknown = result.reason;
    if (reason instanceof AppError || isTransientError(reason)) continue;
    throw reason;
  }
}

describe("each pair of seat-moving changes, raced on the same users", () => {
  it(`covers ${NAMES.length} changes in ${PAIRS.length} pairs (each with itself too)`, () => {
    expect(NAMES).toEqual(["assign", "remove", "replace", "removeInView", "delete", "restore", "reduce", "buy", "import"]);
    expect(PAIRS).toHaveLength(45);
  });

  it.each(PAIRS.map(([a, b]) => [a, b, repetitionsOf(a, b)] as const))("%s × %s, %i repetitions", async (a, b, repetitions) => {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      await reset();
      const calls = users.flatMap((user) => [CHANGES[a]!(user), CHANGES[b]!(user)]);
      expectOnlyRefusals(await Promise.allSettled(calls));
      await assertSeatCounts(org.prisma);
    }
  });
});

describe("the same user deleted or restored twice at once", () => {
  it("a double delete deletes once, frees the seat once and audits once", async () => {
    await reset();
    const user = users[1]!;
    const audit = await auditIds(org.prisma);
    const before = (await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } }))
      .assignedCount;
    const results = await Promise.allSettled([
      deleteUsers(org.actors.GlobalAdmin, { userIds: [user.id] }),
      deleteUsers(org.actors.UserAdmin, { userIds: [user.id] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof AppError && refused.reason.code).toBe("USER_DELETED");
    const after = (await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } })).assignedCount;
    expect(after).toBe(before - 1);
    expect((await auditSince(org.prisma, audit)).filter((e) => e.result === "success")).toEqual([
      expect.objectContaining({ action: "user.delete", targetId: user.id }),
    ]);
    await assertInvariants(org.prisma);
  });

  it("a double restore restores once, takes the seat once and audits once", async () => {
    await reset();
    const user = users[3]!;
    const audit = await auditIds(org.prisma);
    const before = (await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } }))
      .assignedCount;
    const results = await Promise.allSettled([
      restoreUser(org.actors.GlobalAdmin, { userId: user.id }),
      restoreUser(org.actors.UserAdmin, { userId: user.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof AppError && refused.reason.code).toBe("NOT_DELETED");
    const after = (await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } })).assignedCount;
    expect(after).toBe(before + 1);
    expect((await auditSince(org.prisma, audit)).filter((e) => e.result === "success")).toEqual([
      expect.objectContaining({ action: "user.restore", targetId: user.id }),
    ]);
    await assertInvariants(org.prisma);
  });
});
