/** npm run db:check: finds a drifted seat count, repairs it in one audited transaction, and says so. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assertInvariants } from "../support/invariants";
import { freshOrg, type Org } from "../support/org";

const root = path.resolve(import.meta.dirname, "../..");
let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function dbCheck(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "-s", "db:check", "--", ...args], {
      cwd: root,
      env: { ...process.env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("npm run db:check", () => {
  it("passes on a sound database", async () => {
    expect(await dbCheck()).toEqual({ code: 0, out: expect.stringContaining("every invariant holds") });
  });

  it("finds a corrupted seat count, repairs it with --repair and an audit record, then passes", async () => {
    const e3 = await org.productId("e3");
    await org.prisma.product.update({ where: { id: e3 }, data: { assignedCount: 4 } });

    const found = await dbCheck();
    expect(found.code).toBe(1);
    expect(found.out).toContain(`product ENTERPRISEPACK (${e3}): assignedCount is 4, but 11 non-deleted users hold it`);
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: e3 } })).assignedCount).toBe(4);

    const repaired = await dbCheck("--repair");
    expect(repaired.code).toBe(0);
    expect(repaired.out).toContain("repaired: product ENTERPRISEPACK");
    expect(repaired.out).toContain("every invariant holds");
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: e3 } })).assignedCount).toBe(11);
    const audit = await org.prisma.auditEvent.findMany({
      where: { action: "organization.repair" },
      select: { actorName: true, before: true, after: true },
    });
    expect(audit).toEqual([
      {
        actorName: "anonymous",
        before: JSON.stringify([{ productId: e3, sku: "ENTERPRISEPACK", assignedCount: 4 }]),
        after: JSON.stringify([{ productId: e3, sku: "ENTERPRISEPACK", assignedCount: 11 }]),
      },
    ]);
    expect((await dbCheck()).code).toBe(0);
  });

  it("reports what it cannot repair: a bulk audit record whose user list is short", async () => {
    const event = await org.prisma.auditEvent.create({
      data: { actorName: "x", action: "license.remove", targetType: "product", result: "success", userCount: 3 },
    });
    const found = await dbCheck("--repair");
    expect(found.code).toBe(1);
    expect(found.out).toContain(`audit event ${event.id} says it affected 3 users but lists 0`);
    expect(found.out).toContain("repair: no seat count needed fixing");
    // Append-only: the test cannot take it back, so the invariant check after it would fail too.
    await org.prisma.auditEventUser.createMany({ data: ["a", "b", "c"].map((userId) => ({ eventId: event.id, userId })) });
  });

  it("says how to use it", async () => {
    expect(await dbCheck("--help")).toEqual({ code: 0, out: expect.stringContaining("Usage: npm run db:check") });
    const bad = await dbCheck("--repiar");
    expect(bad.code).toBe(2);
    expect(bad.out).toContain("Unknown option '--repiar'");
  });
});
