/**
 * @sqlite-only — a regression test for a trap of Prisma's better-sqlite3 driver adapter (6.19
 * and 7.10 alike), which PostgreSQL does not have: the adapter runs every query of one client on
 * one connection, so while one request's interactive transaction is open, a plain
 * `prisma.x.create()` issued by another request runs inside it, reports success, and vanishes if
 * that transaction rolls back (other requests also read its uncommitted rows). Interactive
 * transactions wait for the adapter's lock and are safe, so every data-layer read and write goes
 * through `transaction()`: an acknowledged write must survive another request's rollback.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, transaction } from "@/server/db";
import { purchaseLicenses } from "@/server/data/license-changes";
import { createUser } from "@/server/data/user-changes";
import { findUsers } from "@/server/data/users";
import { assertInvariants } from "../support/invariants";
import { expectAppError, freshOrg, listing, sleep, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

/** Another request: writes a user, holds its transaction open for 200 ms, then rolls back. */
function rollingBackRequest(): Promise<void> {
  return transaction(async (tx) => {
    await tx.user.create({ data: { displayName: "Rolled Back", userPrincipalName: "rolled.back@contoso.example" } });
    await sleep(200);
    throw new Error("rollback");
  }).then(
    () => {
      throw new Error("the request was meant to roll back");
    },
    (error: unknown) => {
      expect((error as Error).message).toBe("rollback");
    },
  );
}

describe("acknowledged writes survive another request's rollback", () => {
  it("the setup reproduces the trap: a plain write issued meanwhile is lost", async () => {
    const other = rollingBackRequest();
    await sleep(50);
    await db().user.create({ data: { displayName: "Plain Write", userPrincipalName: "plain.write@contoso.example" } });
    await other;
    // If this starts failing, the adapter no longer shares the open transaction: the trap is fixed upstream.
    expect(await org.prisma.user.count({ where: { userPrincipalName: "plain.write@contoso.example" } })).toBe(0);
  });

  it("createUser", async () => {
    const other = rollingBackRequest();
    await sleep(50);
    const created = await createUser(org.actors.UserAdmin, {
      displayName: "Kept User",
      userPrincipalName: "kept.user@contoso.example",
      usageLocation: "NL",
      productIds: [await org.productId("e5")],
    });
    await other;
    const user = await org.prisma.user.findUnique({
      where: { id: created.userId },
      select: { userPrincipalName: true, assignments: { select: { productId: true } } },
    });
    expect(user).toEqual({ userPrincipalName: "kept.user@contoso.example", assignments: [{ productId: await org.productId("e5") }] });
    expect(await org.prisma.auditEvent.count({ where: { action: "user.create", targetId: created.userId, result: "success" } })).toBe(1);
    expect(await org.prisma.user.count({ where: { userPrincipalName: "rolled.back@contoso.example" } })).toBe(0);
  });

  it("purchaseLicenses", async () => {
    const subscriptionId = await org.activeSubscriptionId("e5");
    const other = rollingBackRequest();
    await sleep(50);
    const result = await purchaseLicenses(org.actors.BillingAdmin, { subscriptionId, quantity: 2, idempotencyKey: randomUUID() });
    await other;
    expect(result.quantity).toBe(7);
    expect((await org.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).quantity).toBe(7);
    expect(await org.prisma.order.findUnique({ where: { id: result.orderId } })).not.toBeNull();
  });

  it("a denied attempt's audit event", async () => {
    const other = rollingBackRequest();
    await sleep(50);
    await expectAppError(
      createUser(org.actors.GlobalReader, {
        displayName: "Nope",
        userPrincipalName: "nope@contoso.example",
        usageLocation: "NL",
        productIds: [],
      }),
      "FORBIDDEN",
    );
    await other;
    expect(
      await org.prisma.auditEvent.count({ where: { action: "user.create", result: "denied", actorId: org.actors.GlobalReader.id } }),
    ).toBe(1);
  });

  it("reads do not see another request's uncommitted rows", async () => {
    const other = rollingBackRequest();
    await sleep(50);
    const page = await findUsers(org.actors.GlobalReader, listing("name", { q: "rolled" }), "all");
    await other;
    expect(page.total).toBe(0);
  });
});
