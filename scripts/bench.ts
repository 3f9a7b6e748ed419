// npm run bench [-- --users 100000 --products 25 --duration 10 --connections 10 --no-build
//                  --isolated [dir] --only sqlite|postgres --out docs/benchmarks.md --keep]
// npm run bench -- --scale [--products 100 …]   (10,000, 100,000 and 1,000,000 users in one run)
// npm run bench -- --sizes 300,600 …            (any sizes in one run, with their growth table)
//
// For each size and each database (SQLite always, PostgreSQL when reachable): a fresh database, migrations, the
// benchmark organization (scripts/bench/org.ts), the production build served by `next start`,
// signed in as the Global admin over HTTP, each page loaded with autocannon on loopback, the
// server's memory sampled; then the aggregate SQL, the data-layer reads and the actions timed
// in-process (scripts/bench/in-process.ts). Prints a table and writes docs/benchmarks.md.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { DEMO_ADMINS, DEMO_PASSWORD } from "../prisma/demo-data";
import { intArg, parseArgs, stringArg } from "./bench/args";
import { calibrate } from "./bench/calibrate";
import {
  freePort,
  treeStatus,
  loadPage,
  measureSingle,
  memorySampler,
  preparePage,
  signIn,
  startServer,
  treeStatusKb,
  type LoadResult,
  type PageTarget,
  type SingleSamples,
} from "./bench/http";
import type { InProcessResult } from "./bench/in-process";
import { seedBenchOrg, type BenchOrgSummary } from "./bench/org";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const args = parseArgs(argv);
const scale = args.has("scale");
/** The organization sizes of this run: with --scale the same products at three sizes, so the growth is the users'. */
const sizes = scale ? [10_000, 100_000, 1_000_000] : (stringArg(args, "sizes")?.split(",").map(Number) ?? [intArg(args, "users", 100_000)]);
if (!sizes.every((n) => Number.isInteger(n) && n >= 10)) throw new Error("--sizes: whole numbers of users ≥ 10, comma-separated");
const products = intArg(args, "products", scale ? 100 : 25);
const durationFor = (users: number) => intArg(args, "duration", users >= 20_000 ? 10 : 3);
const duration = durationFor(sizes.at(-1)!);
const connections = intArg(args, "connections", 10);
const actionRuns = intArg(args, "action-runs", 5);
const SINGLE_ROUNDS = 3;
const singleRoundSeconds = (users: number) => Math.max(1, Math.round(durationFor(users) / SINGLE_ROUNDS));
const noBuild = args.has("no-build");
const keep = args.has("keep");
const only = stringArg(args, "only");
const out = path.resolve(root, stringArg(args, "out") ?? "docs/benchmarks.md");
const isolated = args.get("isolated");
const postgresAdminUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const removeSizesFor = (users: number) =>
  users >= 40_000 ? [1_000, 10_000] : [Math.max(1, Math.round(users * 0.01)), Math.max(1, Math.round(users * 0.1))];
/** "Remove from every user in this view": 100,000 holders at 1,000,000 users, a tenth of the users below. */
const removeInViewFor = (users: number) => Math.min(100_000, Math.round(users / 10));

/** Add multiple users: a file of 10,000 new users, read, previewed and imported through the data layer. */
const IMPORT_ROWS = 10_000;

type DbName = "SQLite" | "PostgreSQL";

interface ExportResult {
  path: string;
  rows: number;
  bytes: number;
  ms: number;
  rowsPerSecond: number;
  /** The server's resident memory (largest process) just before the export and at its peak during it. */
  rssBeforeMb: number;
  rssPeakMb: number;
}

interface DbResult {
  db: DbName;
  users: number;
  seed: BenchOrgSummary;
  pages: LoadResult[];
  export: ExportResult;
  peakRssMb: number;
  serverPeakRssMb: number;
  hwmMb: number;
  inProcess: InProcessResult;
}

function run(
  command: string,
  commandArgs: string[],
  options: { cwd?: string; env?: Record<string, string>; quiet?: boolean } = {},
): Promise<string> {
  const bin = path.join(options.cwd ?? root, "node_modules", ".bin", command);
  return new Promise((resolve, reject) => {
    const child = spawn(existsSync(bin) ? bin : command, commandArgs, {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (d: Buffer) => {
      output += d.toString();
      if (!options.quiet) process.stdout.write(d);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

const log = (line: string) => console.log(`[bench] ${line}`);

/** A copy of the working tree (node_modules hard-linked) to build and serve from, leaving the shared .next alone. */
function snapshot(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const excludes = [
    ".git",
    "node_modules",
    ".next",
    "test-results",
    "playwright-report",
    "screenshots",
    "*.db",
    "*.db-*",
    "tsconfig.tsbuildinfo",
  ];
  execFileSync("rsync", ["-a", "--delete", ...excludes.flatMap((e) => ["--exclude", e]), `${root}/`, `${dir}/`]);
  execFileSync("rsync", [
    "-a",
    "--delete",
    `--link-dest=${path.join(root, "node_modules")}`,
    `${path.join(root, "node_modules")}/`,
    `${path.join(dir, "node_modules")}/`,
  ]);
  return dir;
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgresAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Streams a CSV export to the end, counting its rows, while sampling the server's memory. */
async function measureExport(baseUrl: string, cookie: string, exportPath: string, serverPid: number): Promise<ExportResult> {
  const rssBeforeMb = treeStatus(serverPid, "VmRSS").largest / 1024;
  const sampler = memorySampler(serverPid);
  const started = performance.now();
  const response = await fetch(`${baseUrl}${exportPath}`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`GET ${exportPath} answered ${response.status}`);
  let newlines = 0;
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value: data } = await reader.read();
    if (done) break;
    bytes += data.byteLength;
    for (let i = 0; i < data.byteLength; i++) if (data[i] === 10) newlines++;
  }
  const ms = performance.now() - started;
  sampler.stop();
  const rows = newlines - 1; // less the header
  return { path: exportPath, rows, bytes, ms, rowsPerSecond: rows / (ms / 1000), rssBeforeMb, rssPeakMb: sampler.serverPeakMb };
}

async function benchDatabase(db: DbName, appDir: string, users: number): Promise<DbResult> {
  const duration = durationFor(users);
  const removeSizes = removeSizesFor(users);
  let url: string;
  let cleanup: () => Promise<void>;
  if (db === "SQLite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "license-center-bench-"));
    url = `file:${path.join(dir, "bench.db")}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `lc_bench_${randomBytes(4).toString("hex")}`;
    await postgresAdmin(`CREATE DATABASE "${name}"`);
    const admin = new URL(postgresAdminUrl);
    admin.pathname = `/${name}`;
    url = admin.toString();
    cleanup = () => postgresAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  log(`${db}: ${url}`);
  try {
    await run("prisma", ["migrate", "deploy"], { env: { DATABASE_URL: url }, quiet: true });
    const seed = await seedBenchOrg(url, { users, products });
    log(
      `${db}: seeded ${seed.users} users, ${seed.assignments} assignments, ${seed.products} products (${seed.productsInConflict} in conflict) in ${(seed.ms / 1000).toFixed(1)} s`,
    );

    const port = await freePort(3200);
    const server = await startServer(appDir, port, {
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      LICENSE_CENTER_BENCHMARK: "on",
      // The pages are measured alone: the alert checks (a pass a minute) would land in random samples.
      ALERTS_SCHEDULER: "off",
    });
    const overall = memorySampler(server.child.pid!);
    const pages: LoadResult[] = [];
    let hwm = 0;
    let exported: ExportResult | undefined;
    try {
      const globalAdmin = DEMO_ADMINS.find((a) => a.role === "GlobalAdmin")!;
      const cookie = await signIn(server.baseUrl, globalAdmin.upn, DEMO_PASSWORD);
      log(`${db}: next start on ${server.baseUrl}, signed in as ${globalAdmin.upn}`);
      const targets: PageTarget[] = [
        { name: "Framework floor", path: "/bench-floor", expect: ">OK</p>" },
        { name: "Licenses page", path: "/billing/licenses", expect: seed.largestProduct.displayName },
        {
          name: `Product page (${seed.largestProduct.assignedCount.toLocaleString("en-US")} assigned)`,
          path: `/billing/licenses/${seed.largestProduct.id}`,
          expect: seed.largestProduct.displayName,
        },
        { name: `Users search "${seed.searchTerm}"`, path: `/users?q=${encodeURIComponent(seed.searchTerm)}`, expect: seed.searchMatch },
        {
          name: `Product's users search "${seed.searchTerm}"`,
          path: `/billing/licenses/${seed.largestProduct.id}?q=${encodeURIComponent(seed.searchTerm)}`,
          expect: seed.searchMatch,
        },
        {
          name: `Audit search "${seed.auditSearchTerm}"`,
          path: `/audit?q=${encodeURIComponent(seed.auditSearchTerm)}`,
          expect: seed.auditSearchMatch,
        },
        { name: "Help article (cached)", path: "/help/resolve-license-conflicts", expect: "Resolve license conflicts" },
      ];
      const bytes = new Map<PageTarget, number>();
      for (const target of targets) bytes.set(target, await preparePage(server.baseUrl, cookie, target, { duration, connections }));
      // One connection: SINGLE_ROUNDS rounds over all the pages in turn, so a change in the
      // machine's speed during the run (other tenants of the host) reaches every page alike and
      // the ratios to the floor compare like with like.
      const singles = new Map<PageTarget, SingleSamples>(
        targets.map((t) => [t, { latencies: [], requests: 0, seconds: 0, errors: 0, non2xx: 0 }]),
      );
      for (let round = 0; round < SINGLE_ROUNDS; round++) {
        for (const target of targets) await measureSingle(server.baseUrl, cookie, target, singleRoundSeconds(users), singles.get(target)!);
      }
      for (const target of targets) {
        const result = await loadPage(server.baseUrl, cookie, target, singles.get(target)!, bytes.get(target)!, {
          duration,
          connections,
          serverPid: server.child.pid!,
        });
        log(
          `${db}: ${target.name}: 1 connection p50 ${result.single.p50.toFixed(1)} ms; ${connections} connections p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)}, p99 ${result.p99.toFixed(1)}, ${result.rps.toFixed(0)} req/s, ${(result.bytes / 1024).toFixed(0)} kB, RSS ${result.peakRssMb.toFixed(0)} MB`,
        );
        if (result.non2xx > 0 || result.errors > 0)
          log(`${db}: ${target.name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
        pages.push(result);
      }
      exported = await measureExport(server.baseUrl, cookie, "/api/export/users", server.child.pid!);
      log(
        `${db}: CSV export of ${exported.rows.toLocaleString("en-US")} users in ${(exported.ms / 1000).toFixed(1)} s (${Math.round(exported.rowsPerSecond).toLocaleString("en-US")} rows/s), server RSS ${exported.rssBeforeMb.toFixed(0)} → peak ${exported.rssPeakMb.toFixed(0)} MB`,
      );
      hwm = treeStatusKb(server.child.pid!, "VmHWM") / 1024;
    } finally {
      overall.stop();
      await server.stop();
    }
    const peakRssMb = Math.max(overall.peakMb, ...pages.map((p) => p.peakRssMb));
    const serverPeakRssMb = overall.serverPeakMb;

    const resultFile = path.join(os.tmpdir(), `license-center-bench-${process.pid}-${db}.json`);
    await run(
      "node",
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/bench/in-process.ts",
        "--out",
        resultFile,
        "--action-runs",
        String(actionRuns),
        "--remove-sizes",
        removeSizes.join(","),
        "--search",
        seed.searchTerm,
        "--remove-in-view",
        String(removeInViewFor(users)),
        "--import-rows",
        String(IMPORT_ROWS),
      ],
      { env: { DATABASE_URL: url }, quiet: true },
    );
    const inProcess = JSON.parse(readFileSync(resultFile, "utf8")) as InProcessResult;
    rmSync(resultFile, { force: true });
    return { db, users, seed, pages, export: exported!, peakRssMb, serverPeakRssMb, hwmMb: hwm, inProcess };
  } finally {
    if (keep) log(`${db}: kept ${url}`);
    else await cleanup();
  }
}

// ---- report -------------------------------------------------------------------------------

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "—" : n >= 100 ? n.toFixed(0) : n.toFixed(1));

function pagesTable(r: DbResult): string[] {
  const floor = r.pages[0]!;
  const lines = [
    `| page | path | 1 conn p50 | p95 | p99 | req/s | ${connections} conn p50 | p95 | p99 | req/s | × floor (1 conn p50) | × floor (${connections} conn req/s) | HTML kB | non-2xx |`,
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const p of r.pages) {
    lines.push(
      `| ${p.name} | \`${p.path.replace(/[a-z0-9]{14,}/, "<id>")}\` | ${ms(p.single.p50)} | ${ms(p.single.p95)} | ${ms(p.single.p99)} | ${p.single.rps.toFixed(0)} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${p.rps.toFixed(0)} | ` +
        `${(p.single.p50 / floor.single.p50).toFixed(2)} | ${(floor.rps / p.rps).toFixed(2)} | ${(p.bytes / 1024).toFixed(0)} | ${p.non2xx + p.errors} |`,
    );
  }
  lines.push(
    "",
    `Latencies in ms. “1 conn”: one request at a time (the page's response time); “${connections} conn”: ${connections} concurrent connections (throughput, and latency including queueing on the server's event loop).`,
  );
  return lines;
}

function inProcessTable(r: DbResult): string[] {
  const { aggregate, reads, actions } = r.inProcess;
  const lines = ["| measured in-process | runs | p50 ms | p95 ms | p99 ms |", "| --- | ---: | ---: | ---: | ---: |"];
  lines.push(
    `| Aggregate SQL of the Licenses page (aggregateSummaries in transaction()) | ${aggregate.count} | ${ms(aggregate.p50)} | ${ms(aggregate.p95)} | ${ms(aggregate.p99)} |`,
  );
  const readNames: Record<string, string> = {
    licensesPage: "Data layer of the Licenses page (findProductSummaries)",
    productPage: "Data layer of the product page (getProductPage)",
    usersSearch: "Data layer of the users search (findUsers)",
  };
  for (const [key, s] of Object.entries(reads))
    lines.push(`| ${readNames[key] ?? key} | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} |`);
  for (const s of Object.values(actions)) lines.push(`| Action — ${s.note} | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} |`);
  return lines;
}

interface TargetCheck {
  target: string;
  sqlite: string;
  postgres: string;
  met: boolean | null;
}

const largestSize = () => sizes.at(-1)!;
const ratio = (n: number) => `${n.toFixed(2)}×`;
const pageLabel = (name: string) => name.replace(/ \(.*\)/, "");

/** Issue 12's targets, on the largest organization of the run. */
function targets(all: DbResult[]): TargetCheck[] {
  const at = (db: DbName, users: number) => all.find((r) => r.db === db && r.users === users);
  const s = at("SQLite", largestSize());
  const p = at("PostgreSQL", largestSize());
  const checks: TargetCheck[] = [];
  const value = (r: DbResult | undefined, f: (r: DbResult) => string) => (r ? f(r) : "not run");
  const check = (target: string, f: (r: DbResult) => string, met: (r: DbResult) => boolean) =>
    checks.push({ target, sqlite: value(s, f), postgres: value(p, f), met: s ? met(s) && (!p || met(p)) : null });
  const overFloor = (r: DbResult) =>
    r.pages.slice(1).map((page) => ({ name: pageLabel(page.name), x: page.single.p50 / r.pages[0]!.single.p50 }));
  check(
    "Every page and search ≤ 2× the framework floor (1 connection p50)",
    (r) =>
      overFloor(r)
        .map((o) => `${o.name} ${ratio(o.x)}`)
        .join("; "),
    (r) => overFloor(r).every((o) => o.x <= 2),
  );
  const throughput = (r: DbResult) => r.pages.slice(1).map((page) => ({ name: pageLabel(page.name), x: page.rps / r.pages[0]!.rps }));
  check(
    `Throughput at ${connections} connections ≥ 0.5× the floor's req/s on every page`,
    (r) =>
      throughput(r)
        .map((o) => `${o.name} ${ratio(o.x)}`)
        .join("; "),
    (r) => throughput(r).every((o) => o.x >= 0.5),
  );
  if (sizes.length > 1) {
    const growth = (r: DbResult) => {
      const small = at(r.db, sizes[0]!);
      return r.pages.map((page, i) => ({ name: pageLabel(page.name), x: small ? page.single.p50 / small.pages[i]!.single.p50 : NaN }));
    };
    check(
      `Each page at ${largestSize().toLocaleString("en-US")} users within 1.25× of itself at ${sizes[0]!.toLocaleString("en-US")}`,
      (r) =>
        growth(r)
          .map((o) => `${o.name} ${ratio(o.x)}`)
          .join("; "),
      (r) => growth(r).every((o) => o.x <= 1.25),
    );
  }
  check(
    `Remove from every user in a view of ${removeInViewFor(largestSize()).toLocaleString("en-US")} ≤ 3 s, with progress`,
    (r) =>
      r.inProcess.removeInView
        ? `${ms(r.inProcess.removeInView.ms)} ms, ${r.inProcess.removeInView.progress.length} progress reports`
        : "—",
    (r) => (r.inProcess.removeInView?.ms ?? Infinity) <= 3000 && (r.inProcess.removeInView?.progress.length ?? 0) > 2,
  );
  check(
    `Add multiple users: ${IMPORT_ROWS.toLocaleString("en-US")} rows previewed and imported < 10 s`,
    (r) => {
      const i = r.inProcess.userImport;
      return i ? `${ms(i.previewMs + i.runMs)} ms (preview ${ms(i.previewMs)}, import ${ms(i.runMs)} in ${i.batches} batches)` : "—";
    },
    (r) => (r.inProcess.userImport ? r.inProcess.userImport.previewMs + r.inProcess.userImport.runMs : Infinity) < 10_000,
  );
  check(
    "CSV export of the users ≥ 100,000 rows/s, server memory flat (peak ≤ 50 MB over its start)",
    (r) =>
      `${Math.round(r.export.rowsPerSecond).toLocaleString("en-US")} rows/s (${r.export.rows.toLocaleString("en-US")} rows), RSS ${r.export.rssBeforeMb.toFixed(0)} → ${r.export.rssPeakMb.toFixed(0)} MB`,
    (r) => r.export.rowsPerSecond >= 100_000 && r.export.rssPeakMb - r.export.rssBeforeMb <= 50,
  );
  check(
    "Server RSS ≤ 350 MB under load (peak of next-server; launcher included in brackets)",
    (r) => `${r.serverPeakRssMb.toFixed(0)} MB (${r.peakRssMb.toFixed(0)} MB)`,
    (r) => Math.max(r.serverPeakRssMb, r.export.rssPeakMb) <= 350,
  );
  if (s && p) {
    const ratios = s.pages.slice(1).map((sp, i) => ({ name: pageLabel(sp.name), x: p.pages[i + 1]!.single.p50 / sp.single.p50 }));
    checks.push({
      target: "PostgreSQL within 1.2× of SQLite on each page (p50, 1 connection)",
      sqlite: "—",
      postgres: ratios.map((r) => `${r.name} ${ratio(r.x)}`).join("; "),
      met: ratios.every((r) => r.x <= 1.2),
    });
  } else {
    checks.push({ target: "PostgreSQL within 1.2× of SQLite on each page (p50)", sqlite: "—", postgres: "not run", met: null });
  }
  return checks;
}

/** Each page's p50 (1 connection) at every size of the run, per database. */
function growthTable(all: DbResult[], db: DbName): string[] {
  const runs = sizes.map((users) => all.find((r) => r.db === db && r.users === users)).filter((r): r is DbResult => r !== undefined);
  if (runs.length < 2) return [];
  const head = runs.map((r) => `${r.users.toLocaleString("en-US")} users`);
  const lines = [
    `| page (${db}, p50 ms, 1 connection; × floor) | ${head.join(" | ")} | growth ${head.at(-1)} / ${head[0]} |`,
    `| --- | ${runs.map(() => "---:").join(" | ")} | ---: |`,
  ];
  runs[0]!.pages.forEach((page, i) => {
    const cells = runs.map((r) => {
      const x = r.pages[i]!.single.p50;
      return i === 0 ? ms(x) : `${ms(x)} (${ratio(x / r.pages[0]!.single.p50)})`;
    });
    lines.push(`| ${pageLabel(page.name)} | ${cells.join(" | ")} | ${ratio(runs.at(-1)!.pages[i]!.single.p50 / page.single.p50)} |`);
  });
  return lines;
}

function plansSection(r: DbResult): string[] {
  const lines = [`### Query plans (${r.db}, ${r.users.toLocaleString("en-US")} users, search "${r.seed.searchTerm}")`, ""];
  for (const { name, plan } of r.inProcess.plans) lines.push(`${name}:`, "", "```", ...plan, "```", "");
  return lines;
}

const NOTES_START = "<!-- notes:start (kept by npm run bench) -->";
const NOTES_END = "<!-- notes:end -->";

function report(results: DbResult[], skipped: string[], command: string, started: Date, buildNote: string): string {
  const sizeList = sizes.map((n) => n.toLocaleString("en-US")).join(", ");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (scripts/bench.ts); the notes at the end are kept between runs.",
    "",
    "## Machine and run",
    "",
    `- date: ${started.toISOString()}`,
    `- machine: ${os.cpus().length} cores (nproc ${os.availableParallelism()}, ${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- load average (1 min) at start ${startLoad.toFixed(2)}, at end ${os.loadavg()[0]!.toFixed(2)}: anything above ~0.5 means other processes shared the cores during the run`,
    `- CPU calibration (scripts/bench/calibrate.ts, a fixed JavaScript loop, median of 5): ${startCalibration.toFixed(0)} ms at start, ${calibrate().toFixed(0)} ms at end; latencies scale with it, so compare runs on other machines through it`,
    `- node ${process.version}; load generator autocannon on loopback; per page after a warm-up: one connection for ${SINGLE_ROUNDS} rounds of ${singleRoundSeconds(largestSize())} s taken in turn with the other pages, then ${connections} connections for ${duration} s (at the largest size)`,
    `- organization: ${sizeList} users, ${products} products (see scripts/bench/org.ts)`,
    `- build: ${buildNote}`,
    "",
    "Commands:",
    "",
    "```sh",
    command,
    "# what it runs per database:",
    "DATABASE_URL=<fresh database> npx prisma migrate deploy",
    `npm run bench:seed -- --users <${sizeList}> --products ${products} --database-url <fresh database>`,
    "next build   # once; skipped with --no-build when .next/BUILD_ID exists",
    "DATABASE_URL=<fresh database> NEXTAUTH_SECRET=<random> LICENSE_CENTER_BENCHMARK=on node scripts/start.mjs --port <free port ≥ 3200> --hostname 127.0.0.1",
    "# sign in: GET /api/auth/csrf, POST /api/auth/callback/credentials (global.admin@contoso.example)",
    `# autocannon -c ${connections} -d ${duration} -H 'cookie: <session>' http://127.0.0.1:<port><path>   (per page)`,
    "# GET /api/export/users streamed to the end (rows counted, server memory sampled)",
    "DATABASE_URL=<fresh database> node --conditions=react-server --import tsx scripts/bench/in-process.ts",
    "```",
    "",
    "Pages are measured over HTTP against `next start`; the aggregate SQL, the data-layer reads and the",
    "actions are measured in-process by calling server/data/* directly (performance.now()), after the",
    "server has stopped, so they include Prisma and the transaction but not HTTP or rendering.",
    "",
  ];
  for (const line of skipped) lines.push(`> ${line}`, "");
  lines.push(
    `## Targets (issue 12: 2 cores, ${largestSize().toLocaleString("en-US")} users, ${products} products)`,
    "",
    "| target | SQLite | PostgreSQL | met |",
    "| --- | --- | --- | --- |",
  );
  for (const c of targets(results))
    lines.push(`| ${c.target} | ${c.sqlite} | ${c.postgres} | ${c.met === null ? "not measured" : c.met ? "yes" : "**no**"} |`);
  if (largestSize() < 1_000_000)
    lines.push(
      "",
      `_This run's largest organization has ${largestSize().toLocaleString("en-US")} users: the targets are defined for 1,000,000._`,
    );
  lines.push("");
  for (const db of ["SQLite", "PostgreSQL"] as const) {
    const growth = growthTable(results, db);
    if (growth.length) lines.push(`## Growth with the organization (${db})`, "", ...growth, "");
  }
  for (const r of results) {
    const states = Object.entries(r.seed.subscriptionsByState)
      .map(([state, n]) => `${n} ${state}`)
      .join(", ");
    const removal = r.inProcess.removeInView;
    lines.push(
      `## ${r.db}, ${r.users.toLocaleString("en-US")} users`,
      "",
      `Seeded in ${(r.seed.ms / 1000).toFixed(1)} s: ${r.seed.users.toLocaleString("en-US")} users (${r.seed.deletedUsers} deleted) + ${r.seed.admins} admins, ` +
        `${r.seed.assignments.toLocaleString("en-US")} assignments, ${r.seed.products} products (${r.seed.productsInConflict} in conflict), ${r.seed.subscriptions} subscriptions (${states}), ${r.seed.auditEvents.toLocaleString("en-US")} audit events.`,
      "",
      ...pagesTable(r),
      "",
      `Peak server memory under load (sampled every 200 ms): next-server ${r.serverPeakRssMb.toFixed(0)} MB resident; with the \`next start\` launcher process ${r.peakRssMb.toFixed(0)} MB; VmHWM of the tree ${r.hwmMb.toFixed(0)} MB.`,
      "",
      `CSV export (\`${r.export.path}\`): ${r.export.rows.toLocaleString("en-US")} rows, ${(r.export.bytes / 2 ** 20).toFixed(1)} MiB in ${(r.export.ms / 1000).toFixed(2)} s, ` +
        `${Math.round(r.export.rowsPerSecond).toLocaleString("en-US")} rows/s; next-server RSS ${r.export.rssBeforeMb.toFixed(0)} MB before, ${r.export.rssPeakMb.toFixed(0)} MB at its peak during the export.`,
      "",
      ...inProcessTable(r),
      "",
      removal
        ? `Remove from every user in this view (removeLicensesInView, one run): ${removal.size.toLocaleString("en-US")} licenses in ${ms(removal.ms)} ms, progress reported at ${removal.progress.map((n) => n.toLocaleString("en-US")).join(", ")}. ` +
            `Before it, on that product (${removal.size.toLocaleString("en-US")} assigned, in conflict by ${removal.short.toLocaleString("en-US")}, ${removal.ending.toLocaleString("en-US")} more licenses ending in 30 days): ` +
            `the resolution planner (planResolution) p50 ${ms(removal.planner.p50)} ms, p95 ${ms(removal.planner.p95)} ms; the Upcoming forecast (findUpcomingConflicts) p50 ${ms(removal.forecast.p50)} ms, p95 ${ms(removal.forecast.p95)} ms (10 runs each; target under 100 ms).`
        : "Remove from every user in this view: not measured.",
      "",
    );
    if (r.users === largestSize()) lines.push(...plansSection(r));
  }
  const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
  const notes = previous.includes(NOTES_START)
    ? previous.slice(previous.indexOf(NOTES_START), previous.indexOf(NOTES_END) + NOTES_END.length)
    : `${NOTES_START}\n## Findings and fixes\n\n(none yet)\n${NOTES_END}`;
  lines.push(notes, "");
  return lines.join("\n");
}

function printTable(results: DbResult[]): void {
  for (const r of results) {
    console.log(`\n${r.db}, ${r.users.toLocaleString("en-US")} users`);
    const floor = r.pages[0]!;
    console.log(
      ["page".padEnd(40), "c1 p50", "p95", "p99", `c${connections} p50`, "p95", "p99", "req/s", "×floor"]
        .map((h, i) => (i === 0 ? h : h.padStart(8)))
        .join(""),
    );
    for (const p of r.pages) {
      console.log(
        [
          p.name.padEnd(40),
          ms(p.single.p50),
          ms(p.single.p95),
          ms(p.single.p99),
          ms(p.p50),
          ms(p.p95),
          ms(p.p99),
          p.rps.toFixed(0),
          (p.single.p50 / floor.single.p50).toFixed(2),
        ]
          .map((c, i) => (i === 0 ? c : c.padStart(8)))
          .join(""),
      );
    }
    const { aggregate, reads, actions } = r.inProcess;
    console.log(
      ["aggregate SQL (in-process)".padEnd(40), ms(aggregate.p50), ms(aggregate.p95), ms(aggregate.p99)]
        .map((c, i) => (i === 0 ? c : c.padStart(8)))
        .join(""),
    );
    for (const [k, s] of Object.entries(reads))
      console.log([`data layer: ${k}`.padEnd(40), ms(s.p50), ms(s.p95), ms(s.p99)].map((c, i) => (i === 0 ? c : c.padStart(8))).join(""));
    for (const [k, s] of Object.entries(actions))
      console.log([`action: ${k}`.padEnd(40), ms(s.p50), ms(s.p95), ms(s.p99)].map((c, i) => (i === 0 ? c : c.padStart(8))).join(""));
    console.log(
      `peak RSS: next-server ${r.serverPeakRssMb.toFixed(0)} MB, with the launcher ${r.peakRssMb.toFixed(0)} MB (VmHWM ${r.hwmMb.toFixed(0)} MB)`,
    );
  }
  console.log("\nTargets");
  for (const c of targets(results))
    console.log(`  ${c.met === null ? "–" : c.met ? "✓" : "✗"} ${c.target}: SQLite ${c.sqlite}; PostgreSQL ${c.postgres}`);
}

// ---- main ---------------------------------------------------------------------------------

const started = new Date();
const startLoad = os.loadavg()[0]!;
const startCalibration = calibrate();
const appDir = isolated
  ? snapshot(typeof isolated === "string" ? path.resolve(isolated) : path.join(os.tmpdir(), "license-center-bench-app"))
  : root;
let buildNote: string;
if (noBuild && existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
  buildNote = `existing build reused (--no-build)${isolated ? " in a snapshot of the working tree" : ""}`;
  log(buildNote);
} else {
  log(`next build in ${appDir}`);
  const t = performance.now();
  await run("next", ["build"], { cwd: appDir, env: { NEXTAUTH_SECRET: "bench-build-only-secret-that-is-long-enough" }, quiet: true });
  buildNote = `next build ${isolated ? "in a snapshot of the working tree (--isolated) " : ""}took ${((performance.now() - t) / 1000).toFixed(0)} s`;
  log(buildNote);
}

const results: DbResult[] = [];
const skipped: string[] = [];
const postgresUnreachable = only === "sqlite" ? null : await postgresReachable();
if (postgresUnreachable) {
  const line = `PostgreSQL was NOT measured: no server reachable at ${postgresAdminUrl.replace(/\/\/[^@/]*@/, "//")} (${postgresUnreachable}).`;
  log(line);
  skipped.push(line);
}
for (const users of sizes) {
  if (only !== "postgres") results.push(await benchDatabase("SQLite", appDir, users));
  if (only !== "sqlite" && !postgresUnreachable) results.push(await benchDatabase("PostgreSQL", appDir, users));
}
if (only === "sqlite") skipped.push("PostgreSQL was not measured in this run (--only sqlite).");
if (only === "postgres") skipped.push("SQLite was not measured in this run (--only postgres).");

printTable(results);
const command = `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, report(results, skipped, command, started, buildNote));
log(`wrote ${path.relative(root, out)}`);
