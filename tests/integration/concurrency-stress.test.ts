/**
 * License accounting under load, on whichever database the run uses (TEST_DATABASE=postgres runs
 * it on PostgreSQL, where the requests really overlap on separate connections).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { assignLicenses, removeLicenses } from "@/server/data/license-changes";
import { deleteUsers, restoreUser } from "@/server/data/user-changes";
import { AppError } from "@/server/errors";
import { assertInvariants } from "../support/invariants";
import { freshOrg, type Org } from "../support/org";

let org: Org;
let users: string[];

beforeAll(async () => {
  org = await freshOrg();
  await org.prisma.user.createMany({
    data: Array.from({ length: 50 }, (_, i) => ({
      displayName: `Load User ${i}`,
      userPrincipalName: `load.user.${i}@contoso.example`,
      usageLocation: "NL",
    })),
  });
  users = (await org.prisma.user.findMany({ where: { displayName: { startsWith: "Load User" } }, select: { id: true } })).map((u) => u.id);
});
afterAll(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function productWith(quantity: number, sku: string): Promise<string> {
  const now = new Date();
  const product = await org.prisma.product.create({
    data: {
      displayName: sku,
      skuPartNumber: sku,
      subscriptions: { create: [{ quantity, startsAt: addDays(now, -1), endsAt: addDays(now, 30) }] },
    },
    select: { id: true },
  });
  return product.id;
}

describe("50 simultaneous assigns for 5 free licenses", () => {
  it.each(Array.from({ length: 20 }, (_, round) => round + 1))(
    "round %i: exactly 5 succeed, the rest are told no licenses are available",
    async (round) => {
      const productId = await productWith(5, `LOAD_${round}`);
      const results = await Promise.allSettled(
        users.map((userId) => assignLicenses(org.actors.LicenseAdmin, { productId, userIds: [userId] })),
      );
      const succeeded = results.filter((r) => r.status === "fulfilled").length;
      const refusals = results.flatMap((r) =>
        r.status === "rejected" ? [r.reason instanceof AppError ? r.reason.code : String(r.reason)] : [],
      );
      expect(succeeded).toBe(5);
      expect(new Set(refusals)).toEqual(new Set(["NO_LICENSES_AVAILABLE"]));
      const product = await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } });
      expect(product.assignedCount).toBe(5);
      expect(await org.prisma.licenseAssignment.count({ where: { productId } })).toBe(5);
    },
  );
});

describe("simultaneous remove, assign, delete and restore on one product", () => {
  it("keeps every invariant", async () => {
    const productId = await productWith(30, "MIXED");
    const [first, second, third] = [users.slice(0, 10), users.slice(10, 20), users.slice(20, 30)];
    await assignLicenses(org.actors.GlobalAdmin, { productId, userIds: [...first, ...second] });
    await deleteUsers(org.actors.GlobalAdmin, { userIds: second.slice(0, 5) });
    const operations: Promise<unknown>[] = [
      removeLicenses(org.actors.LicenseAdmin, { productId, userIds: first.slice(0, 5) }),
      assignLicenses(org.actors.LicenseAdmin, { productId, userIds: third }),
      deleteUsers(org.actors.UserAdmin, { userIds: first.slice(5, 10) }),
      ...second.slice(0, 5).map((userId) => restoreUser(org.actors.UserAdmin, { userId })),
      removeLicenses(org.actors.GlobalAdmin, { productId, userIds: second.slice(5, 10) }),
      assignLicenses(org.actors.GlobalAdmin, { productId, userIds: first.slice(0, 5) }),
    ];
    const results = await Promise.allSettled(operations);
    // Any refusal must be an expected, translated one, never a raw database error.
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(AppError);
    await assertInvariants(org.prisma);
    const product = await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } });
    expect(product.assignedCount).toBeLessThanOrEqual(30);
  });
});
