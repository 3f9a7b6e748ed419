// npm run bench:check: `npm run bench` end to end on a tiny organization (300 users, a second of
// load per page) on both databases (SQLite only when PostgreSQL is not reachable): it seeds,
// builds unless one exists, serves, signs in, loads every page it measures, runs the in-process
// measurements and writes its report, which is then checked. Only that the benchmark runs and
// reports is checked, never how fast (docs/benchmarks.md holds the figures). Not part of
// npm test: it takes a few minutes. Exits 1 on any problem.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isPostgresReachable } from "../tests/support/postgres";

const PAGES = [
  "Framework floor",
  "Licenses page",
  "Product page",
  "Users search",
  "Product's users search",
  "Audit search",
  "Help article (cached)",
];
const SIZES = [300, 600];

/** The rows of the report's page table under a `## <database>, <n> users` heading. */
function pageRows(report: string, heading: string): string[][] {
  const section = report.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| ") && PAGES.some((page) => line.startsWith(`| ${page}`)))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const problems: string[] = [];
const check = (ok: boolean, problem: string) => ok || problems.push(problem);

const databases = isPostgresReachable() ? ["SQLite", "PostgreSQL"] : ["SQLite"];
const dir = mkdtempSync(path.join(os.tmpdir(), "lc-bench-check-"));
const out = path.join(dir, "benchmarks.md");
try {
  const args = ["--sizes", SIZES.join(","), "--products", "3", "--duration", "1", "--connections", "2", "--action-runs", "1", "--out", out];
  if (existsSync(".next/BUILD_ID")) args.push("--no-build");
  if (databases.length === 1) args.push("--only", "sqlite");
  const run = spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/bench.ts", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  check(run.status === 0, `npm run bench exited with ${run.status}:\n${(run.stdout + run.stderr).slice(-3000)}`);
  const report = existsSync(out) ? readFileSync(out, "utf8") : "";
  check(report.includes("organization: 300, 600 users, 3 products"), "the report does not name the organizations");
  check(/CPU calibration .*: \d+ ms at start, \d+ ms at end/.test(report), "the report has no CPU calibration");
  for (const [database, users] of databases.flatMap((db) => SIZES.map((n) => [db, n] as const))) {
    const rows = pageRows(report, `${database}, ${users} users`);
    const names = rows.map((row) => row[0]!.replace(/ \(.*\)$/, "").replace(/ ".*"$/, ""));
    check(
      JSON.stringify(names) === JSON.stringify(PAGES.map((page) => page.replace(/ \(.*\)$/, ""))),
      `${database}, ${users} users: pages measured: ${names.join(", ")}`,
    );
    // Every page answered 200 with its content (the last column counts other answers).
    for (const row of rows) check(row.at(-1) === "0", `${database}: ${row[0]} had ${row.at(-1)} other answers`);
    for (const row of rows) check(Number(row[2]) > 0, `${database}: ${row[0]} has no p50`);
  }
  for (const line of [
    "Aggregate SQL of the Licenses page",
    "Data layer of the product page (getProductPage)",
    "Action — removeLicenses: 30 users in one call",
    "Action — purchaseLicenses",
    "Remove from every user in this view (removeLicensesInView, one run): 60 licenses",
    "## Growth with the organization (SQLite)",
    "Users search: the capped count:",
    "Audit search: a page:",
  ]) {
    check(report.includes(line), `the report lacks "${line}"`);
  }
  // Every user not deleted (1 % are) and the 5 admins, streamed to the end.
  check(report.includes("CSV export (`/api/export/users`): 599 rows"), "the users export did not stream all 599 users");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`bench:check found ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`bench:check: npm run bench ran on ${databases.join(" and ")} and reported every page and action.`);
