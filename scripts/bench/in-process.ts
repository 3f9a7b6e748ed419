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

  const { db } = await import("../../server/db");
  await db().$disconnect();
  return { aggregate, reads, actions };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs(process.argv.slice(2));
  const out = stringArg(args, "out");
  const result = await measureInProcess({
    readRuns: intArg(args, "read-runs", 20),
    actionRuns: intArg(args, "action-runs", 3),
    removeSizes: (stringArg(args, "remove-sizes") ?? "1000,10000").split(",").map(Number),
    searchTerm: stringArg(args, "search") ?? "lorenz",
  });
  const json = JSON.stringify(result, null, 2);
  if (out) writeFileSync(out, json);
  else console.log(json);
}
