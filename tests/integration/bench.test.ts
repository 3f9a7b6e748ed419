/**
 * The benchmark on a tiny organization: `npm run bench:seed`'s generator fills a temp SQLite file
 * and the organization holds the invariants the app relies on; the in-process measurement of the
 * Licenses page's aggregate SQL runs. No Next server and no timing assertions (npm run bench
 * measures; docs/benchmarks.md has the figures).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { lifecycleState } from "@/lib/domain/lifecycle";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_ADMINS } from "@/prisma/demo-data";
import { measureAggregate } from "@/scripts/bench/in-process";
import { seedBenchOrg, type BenchOrgSummary } from "@/scripts/bench/org";
import { createTestDatabase } from "../support/database";

const USERS = 300;
const PRODUCTS = 3;

describe("benchmark organization (tiny)", () => {
  let prisma: PrismaClient;
  let summary: BenchOrgSummary;
  const now = new Date();

  beforeAll(async () => {
    const { url } = createTestDatabase();
    summary = await seedBenchOrg(url, { users: USERS, products: PRODUCTS, now });
    prisma = createPrismaClient(url);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it("has the requested users, the demo admins and about 1.5 assignments per user", async () => {
    expect(await prisma.user.count()).toBe(USERS + DEMO_ADMINS.length);
    expect(await prisma.product.count()).toBe(PRODUCTS);
    const admins = await prisma.user.findMany({
      where: { passwordHash: { not: null } },
      select: { userPrincipalName: true, roles: { select: { role: true } } },
    });
    expect(admins.map((a) => [a.userPrincipalName, a.roles.map((r) => r.role)]).sort()).toEqual(
      DEMO_ADMINS.map((a) => [a.upn, [a.role]]).sort(),
    );
    const assignments = await prisma.licenseAssignment.count();
    expect(assignments).toBe(summary.assignments);
    expect(assignments).toBeGreaterThan(USERS * 1.3);
    expect(assignments).toBeLessThan(USERS * 1.7);
    expect(await prisma.user.count({ where: { deletedAt: { not: null } } })).toBeGreaterThan(0);
  });

  it("keeps each product's assignedCount equal to its assignments of non-deleted users", async () => {
    const products = await prisma.product.findMany({ select: { id: true, assignedCount: true } });
    const counted = await prisma.licenseAssignment.groupBy({
      by: ["productId"],
      where: { user: { deletedAt: null } },
      _count: { _all: true },
    });
    const countedBy = new Map(counted.map((row) => [row.productId, row._count._all]));
    for (const product of products) expect(product.assignedCount).toBe(countedBy.get(product.id) ?? 0);
    // The largest product is held by nearly every user (the product page of the benchmark).
    expect(summary.largestProduct.assignedCount).toBeGreaterThan(USERS * 0.9);
  });

  it("stores dates the way Prisma reads them back", async () => {
    const user = await prisma.user.findFirstOrThrow({ where: { deletedAt: { not: null } }, select: { deletedAt: true, createdAt: true } });
    expect(user.deletedAt).toBeInstanceOf(Date);
    expect(user.deletedAt!.getTime()).toBeLessThan(now.getTime());
    expect(user.createdAt.getTime()).toBeLessThan(user.deletedAt!.getTime());
    // Prisma's own date filters see the seeded values.
    expect(await prisma.subscription.count({ where: { endsAt: { gt: now } } })).toBe(summary.subscriptionsByState.Active);
  });

  it("has subscriptions in every lifecycle state", async () => {
    const subscriptions = await prisma.subscription.findMany({ select: { endsAt: true } });
    const states = new Set(subscriptions.map((s) => lifecycleState(s, now)));
    expect([...states].sort()).toEqual(["Active", "Deleted", "Disabled", "Expired"]);
  });

  it("has a product in conflict, as the data layer computes it", async () => {
    const { transaction } = await import("@/server/db");
    const { aggregateSummaries } = await import("@/server/data/totals");
    const summaries = await transaction((tx) => aggregateSummaries(tx));
    const inConflict = [...summaries.values()].filter((s) => s.conflicts > 0);
    expect(inConflict.length).toBeGreaterThan(0);
    expect(inConflict.length).toBe(summary.productsInConflict);
  });

  it("runs the measurement of the Licenses page's aggregate SQL", async () => {
    const result = await measureAggregate(3);
    expect(result.count).toBe(3);
    expect(result.products).toBe(PRODUCTS);
    expect(result.p50).toBeGreaterThan(0);
  });

  it("refuses to seed a database that is not empty", async () => {
    await expect(seedBenchOrg(process.env.DATABASE_URL!, { users: USERS, products: PRODUCTS })).rejects.toThrow(/not empty/);
  });
});

describe("npm run bench:seed on the command line", () => {
  const run = (...args: string[]) =>
    promisify(execFile)("npx", ["tsx", "scripts/bench-seed.ts", ...args], { cwd: path.resolve(import.meta.dirname, "../..") }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        out: `${error.stdout ?? ""}${error.stderr ?? ""}`,
      }),
    );

  it("never falls back to the demo database: without --database-url it refuses and writes nothing", async () => {
    const result = await run("--users", "5");
    expect(result.code).toBe(2);
    expect(result.out).toContain("--database-url is required");
  });

  it("--help prints the usage and writes nothing", async () => {
    expect(await run("--help")).toEqual({ code: 0, out: expect.stringContaining("Usage: npm run bench:seed -- --database-url URL") });
  });

  it("refuses a malformed count", async () => {
    const result = await run("--database-url", "file:./never-created.db", "--users", "1e3");
    expect(result.code).toBe(2);
    expect(result.out).toContain('--users must be a positive whole number, not "1e3"');
  });
});
