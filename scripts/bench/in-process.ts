/**
 * The in-process half of the benchmark: the aggregate SQL behind the Licenses page, the data-layer
 * reads behind each measured page, and the actions (assign, bulk remove, buy), each called
 * directly through the data layer (server/data/*) and timed with performance.now().
 *
 * Run as its own process so that DATABASE_URL is set before server/db.ts is imported, with
 * `import "server-only"` resolving to its empty react-server export:
 *   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench/in-process.ts --out result.json
 * tests/integration/bench.test.ts imports measureAggregate() directly (Vitest aliases server-only).
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Actor } from "../../server/actor";
import { parseArgs, stringArg, intArg } from "./args";
import { stats, type Stats } from "./stats";

export interface InProcessResult {
  aggregate: Stats;
  reads: Record<string, Stats>;
  actions: Record<string, Stats & { note: string }>;
  /**
   * "Remove from every user in this view" on a product held by `size` users, once; before it, the
   * resolution planner and the Upcoming forecast on that product, in conflict by `short` (1.5%)
   * with a further `ending` licenses (1%) ending in 30 days without renewing.
   */
  removeInView: { size: number; ms: number; progress: number[]; short: number; ending: number; planner: Stats; forecast: Stats } | null;
  /**
   * Add multiple users: a CSV of `rows` new users (the first `licensed` with a license of the
   * product with the most free), read and previewed, then imported in batches, through the data layer.
   */
  userImport: { rows: number; licensed: number; previewMs: number; runMs: number; batches: number } | null;
  /** Each search statement's plan (EXPLAIN QUERY PLAN, or EXPLAIN ANALYZE on PostgreSQL). */
  plans: { name: string; plan: string[] }[];
}

const GLOBAL_ADMIN = "global.admin@contoso.example";

async function time(runs: number, fn: (run: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn(run);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** The signed-in admin as the app loads it (server/auth/session.ts loadActor), without next-auth. */
export async function loadBenchActor(upn = GLOBAL_ADMIN): Promise<Actor> {
  const { transaction } = await import("../../server/db");
  const { isRole } = await import("../../lib/domain/roles");
  const user = await transaction((tx) =>
    tx.user.findUniqueOrThrow({
      where: { userPrincipalName: upn },
      select: { id: true, displayName: true, userPrincipalName: true, preferredLocale: true, roles: { select: { role: true } } },
    }),
  );
  return { ...user, roles: user.roles.map((r) => r.role).filter(isRole) };
}

/** The aggregate SQL behind the Licenses page (aggregateSummaries in one transaction), `runs` times. */
export async function measureAggregate(runs: number): Promise<Stats & { products: number }> {
  const { transaction } = await import("../../server/db");
  const { aggregateSummaries } = await import("../../server/data/totals");
  let products = 0;
  const samples = await time(runs, async () => {
    products = (await transaction((tx) => aggregateSummaries(tx))).size;
  });
  return { ...stats(samples), products };
}

export interface InProcessOptions {
  /** Runs of each read (the aggregate gets 5×). */
  readRuns: number;
  /** Runs of each action. */
  actionRuns: number;
  /** The sizes of the bulk removals. */
  removeSizes: number[];
  searchTerm: string;
  /** How many holders the "remove in view" product gets (0: not measured). */
  removeInViewSize: number;
  /** Rows of the Add multiple users file (0: not measured). */
  importRows: number;
}

export async function measureInProcess(options: InProcessOptions): Promise<InProcessResult> {
  const { transaction } = await import("../../server/db");
  const { findProductSummaries, getProductPage } = await import("../../server/data/licenses");
  const { findUsers } = await import("../../server/data/users");
  const { assignLicenses, removeLicenses, purchaseLicenses } = await import("../../server/data/license-changes");
  const actor = await loadBenchActor();

  const aggregate = await measureAggregate(options.readRuns * 5);
  const product = await transaction((tx) =>
    tx.product.findFirstOrThrow({ orderBy: [{ assignedCount: "desc" }, { id: "asc" }], select: { id: true } }),
  );
  const listing = { q: "", page: 1, dir: "asc" as const };
  const reads: Record<string, Stats> = {
    licensesPage: stats(await time(options.readRuns, () => findProductSummaries(actor, { ...listing, sort: "name" }))),
    productPage: stats(
      await time(options.readRuns, () => getProductPage(actor, product.id, { ...listing, dir: "desc", sort: "assignedAt" }, "all")),
    ),
    usersSearch: stats(await time(options.readRuns, () => findUsers(actor, { ...listing, q: options.searchTerm, sort: "name" }, "all"))),
  };

  // Actions on the largest product: users without it to assign, holders to remove from.
  const actions: InProcessResult["actions"] = {};
  const assignees = await transaction((tx) =>
    tx.user.findMany({
      where: { deletedAt: null, usageLocation: { not: null }, assignments: { none: { productId: product.id } } },
      orderBy: { id: "asc" },
      take: options.actionRuns,
      select: { id: true },
    }),
  );
  if (assignees.length < options.actionRuns) throw new Error("not enough users without the largest product to assign it to");
  const assign = stats(
    await time(options.actionRuns, (run) => assignLicenses(actor, { productId: product.id, userIds: [assignees[run]!.id] })),
  );
  actions.assignOne = { ...assign, note: "assignLicenses: 1 user" };

  const needed = options.removeSizes.reduce((a, b) => a + b, 0) * options.actionRuns;
  const holders = await transaction((tx) =>
    tx.licenseAssignment.findMany({
      where: { productId: product.id, user: { deletedAt: null } },
      orderBy: { id: "asc" },
      take: needed,
      select: { userId: true },
    }),
  );
  if (holders.length < needed) throw new Error(`the largest product has ${holders.length} holders, the removals need ${needed}`);
  let next = 0;
  for (const size of options.removeSizes) {
    const result = stats(
      await time(options.actionRuns, async () => {
        const userIds = holders.slice(next, next + size).map((h) => h.userId);
        next += size;
        const { removed } = await removeLicenses(actor, { productId: product.id, userIds });
        if (removed !== size) throw new Error(`removed ${removed} of ${size}`);
      }),
    );
    actions[`remove${size}`] = { ...result, note: `removeLicenses: ${size.toLocaleString("en-US")} users in one call` };
  }

  const subscription = await transaction((tx) =>
    tx.subscription.findFirstOrThrow({
      where: { productId: product.id, endsAt: { gt: new Date() } },
      orderBy: { endsAt: "desc" },
      select: { id: true },
    }),
  );
  const buy = stats(
    await time(options.actionRuns, () =>
      purchaseLicenses(actor, { subscriptionId: subscription.id, quantity: 10, idempotencyKey: randomUUID() }),
    ),
  );
  actions.buy = { ...buy, note: "purchaseLicenses: 10 licenses, new idempotency key" };

  const plans = await searchPlans(product.id, options.searchTerm);
  const removeInView = options.removeInViewSize > 0 ? await measureRemoveInView(actor, options.removeInViewSize) : null;

  const userImport = options.importRows > 0 ? await measureUserImport(actor, options.importRows) : null;

  const { db } = await import("../../server/db");
  await db().$disconnect();
  return { aggregate, reads, actions, removeInView, userImport, plans };
}

async function searchPlans(productId: string, q: string): Promise<InProcessResult["plans"]> {
  const { transaction, isPostgres } = await import("../../server/db");
  const { searchStatements, explain } = await import("../../server/maintenance/plans");
  return transaction(async (tx) => {
    const plans: InProcessResult["plans"] = [];
    for (const statement of await searchStatements(tx, { productId, q }))
      plans.push({ name: statement.name, plan: await explain(tx, statement.sql, { analyze: isPostgres() }) });
    return plans;
  });
}

/**
 * A product of its own, held by the first `size` non-deleted users (rows written in one
 * statement, as an import would), then "remove from every user in this view" over all of them,
 * timed end to end (count, confirmation check, audit with its user list, the parts, the seats).
 */
async function measureRemoveInView(actor: Actor, size: number): Promise<NonNullable<InProcessResult["removeInView"]>> {
  const { transaction } = await import("../../server/db");
  const { Prisma } = await import("../../lib/generated/prisma/client");
  const { removeLicensesInView } = await import("../../server/data/license-changes");
  const { planResolution } = await import("../../server/data/reclaim");
  const { findUpcomingConflicts } = await import("../../server/data/forecast");
  const short = Math.max(1, Math.round(size * 0.015));
  const ending = Math.max(1, Math.round(size * 0.01));
  const productId = await transaction(async (tx) => {
    const now = new Date();
    const product = await tx.product.create({
      data: {
        displayName: "Bench bulk removal",
        skuPartNumber: `BENCH_BULK_REMOVAL_${randomUUID().slice(0, 8)}`,
        assignedCount: size,
        unitPriceCents: 1200,
        subscriptions: {
          create: [
            { quantity: size - short - ending, startsAt: now, endsAt: new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000) },
            { quantity: ending, startsAt: now, endsAt: new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000), autoRenew: false },
          ],
        },
      },
      select: { id: true },
    });
    const inserted = await tx.$executeRaw(Prisma.sql`
      INSERT INTO "LicenseAssignment" ("id", "userId", "productId", "assignedAt")
      SELECT 'bulk' || u."id", u."id", p."id", p."createdAt"
      FROM "User" u JOIN "Product" p ON p."id" = ${product.id}
      WHERE u."deletedAt" IS NULL ORDER BY u."id" LIMIT ${size}`);
    if (inserted !== size) throw new Error(`only ${inserted} users to hold the bulk removal product`);
    return product.id;
  });
  const planner = stats(
    await time(10, async () => {
      const plan = await planResolution(actor, productId);
      if (!plan || plan.conflicts !== short) throw new Error(`the planner saw ${plan?.conflicts ?? "no"} conflicts, not ${short}`);
    }),
  );
  const forecast = stats(
    await time(10, async () => {
      const upcoming = await findUpcomingConflicts(actor);
      if (!upcoming.some((event) => event.productId === productId)) throw new Error("the forecast missed the bulk product's expiry");
    }),
  );
  const progress: number[] = [];
  const started = performance.now();
  const { removed } = await removeLicensesInView(actor, { productId, q: "", filter: "all", expected: size }, (n) => progress.push(n));
  const ms = performance.now() - started;
  if (removed !== size) throw new Error(`removed ${removed} of ${size}`);
  return { size, ms, progress, short, ending, planner, forecast };
}

async function measureUserImport(actor: Actor, rows: number): Promise<NonNullable<InProcessResult["userImport"]>> {
  const { transaction } = await import("../../server/db");
  const { aggregateSummaries } = await import("../../server/data/totals");
  const { previewUserImport, runUserImport } = await import("../../server/data/user-import");
  const roomiest = await transaction(async (tx) => {
    const summaries = [...(await aggregateSummaries(tx))].sort((a, b) => b[1].available - a[1].available)[0];
    if (!summaries) throw new Error("no products");
    const product = await tx.product.findUniqueOrThrow({ where: { id: summaries[0] }, select: { skuPartNumber: true } });
    return { sku: product.skuPartNumber, available: summaries[1].available };
  });
  const licensed = Math.min(roomiest.available, Math.round(rows / 5));
  const tag = randomUUID().slice(0, 8);
  const lines = ["User Name,First Name,Last Name,Display Name,Job Title,Department,Country or Region,Licenses"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `import.${tag}.${i}@contoso.example,Import,User ${i},Import User ${i},Analyst,Finance,United States,${i < licensed ? roomiest.sku : ""}`,
    );
  }
  const bytes = new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
  let started = performance.now();
  const { importId, total } = await previewUserImport(actor, { fileName: "bench.csv", bytes });
  const previewMs = performance.now() - started;
  if (total !== rows) throw new Error(`previewed ${total} of ${rows} rows`);
  let batches = 0;
  started = performance.now();
  const result = await runUserImport(actor, { importId }, () => batches++);
  const runMs = performance.now() - started;
  if (result.created !== rows)
    throw new Error(`imported ${result.created} of ${rows} rows (${result.failed} failed, ${result.skipped} skipped)`);
  return { rows, licensed, previewMs, runMs, batches };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs(process.argv.slice(2));
  const out = stringArg(args, "out");
  const result = await measureInProcess({
    readRuns: intArg(args, "read-runs", 20),
    actionRuns: intArg(args, "action-runs", 3),
    removeSizes: (stringArg(args, "remove-sizes") ?? "1000,10000").split(",").map(Number),
    searchTerm: stringArg(args, "search") ?? "lorenz",
    removeInViewSize: intArg(args, "remove-in-view", 0),
    importRows: intArg(args, "import-rows", 0),
  });
  const json = JSON.stringify(result, null, 2);
  if (out) writeFileSync(out, json);
  else console.log(json);
}
