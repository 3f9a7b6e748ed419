/**
 * A server killed with SIGKILL in the middle of removing 5,000 licenses: afterwards the removal
 * happened entirely or not at all, the audit log agrees, and repeating the request completes it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/lifecycle";
import { removeLicenses } from "@/server/data/license-changes";
import { assertInvariants } from "../support/invariants";
import { freshOrg, type Org } from "../support/org";

const root = path.resolve(import.meta.dirname, "../..");
const COUNT = 5_000;
let org: Org;
let dir: string;

beforeAll(async () => {
  org = await freshOrg();
  dir = mkdtempSync(path.join(tmpdir(), "lc-faults-"));
});
afterAll(async () => {
  await org.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A product with COUNT assigned users, created with bulk inserts. */
async function bigProduct(sku: string): Promise<{ productId: string; userIds: string[] }> {
  const now = new Date();
  const product = await org.prisma.product.create({
    data: {
      displayName: sku,
      skuPartNumber: sku,
      assignedCount: COUNT,
      subscriptions: { create: [{ quantity: COUNT, startsAt: addDays(now, -1), endsAt: addDays(now, 300) }] },
    },
    select: { id: true },
  });
  await org.prisma.user.createMany({
    data: Array.from({ length: COUNT }, (_, i) => ({
      displayName: `${sku} user ${i}`,
      userPrincipalName: `${sku.toLowerCase()}.${i}@contoso.example`,
      usageLocation: "DE",
    })),
  });
  const users = await org.prisma.user.findMany({ where: { displayName: { startsWith: `${sku} user` } }, select: { id: true } });
  await org.prisma.licenseAssignment.createMany({ data: users.map((u) => ({ userId: u.id, productId: product.id })) });
  return { productId: product.id, userIds: users.map((u) => u.id) };
}

/** Runs the removal in another process and kills it `delayMs` after it starts working. */
function removeAndKill(productId: string, userIds: string[], delayMs: number): Promise<string> {
  const idsFile = path.join(dir, `${productId}.json`);
  writeFileSync(idsFile, JSON.stringify(userIds));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "tests/support/remove-worker.ts",
        productId,
        "license.admin@contoso.example",
        idsFile,
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("started") && !child.killed) setTimeout(() => child.kill("SIGKILL"), delayMs);
    });
    child.on("error", reject);
    child.on("exit", () => resolve(output));
  });
}

describe("a server killed in the middle of removing 5,000 licenses", () => {
  it.each([0, 40, 150, 3000])(
    "killed %i ms into the request: all or nothing, the audit log agrees, a retry completes it",
    async (delayMs) => {
      const { productId, userIds } = await bigProduct(`KILL${delayMs}`);
      const output = await removeAndKill(productId, userIds, delayMs);

      const remaining = await org.prisma.licenseAssignment.count({ where: { productId } });
      const audited = await org.prisma.auditEvent.count({ where: { action: "license.remove", targetId: productId, result: "success" } });
      const { assignedCount } = await org.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { assignedCount: true } });
      console.info(`killed after ${delayMs} ms: ${remaining === 0 ? "the removal had committed" : "the removal was rolled back"}`);
      expect([0, COUNT]).toContain(remaining);
      expect(assignedCount).toBe(remaining);
      expect(audited).toBe(remaining === 0 ? 1 : 0);
      if (output.includes("removed")) expect(remaining).toBe(0);

      const retry = await removeLicenses(org.actors.LicenseAdmin, { productId, userIds });
      expect(retry.removed).toBe(remaining);
      expect(await org.prisma.licenseAssignment.count({ where: { productId } })).toBe(0);
      expect(await org.prisma.auditEvent.count({ where: { action: "license.remove", targetId: productId, result: "success" } })).toBe(1);
      await assertInvariants(org.prisma);
    },
  );
});
