/**
 * `npm run bench` end to end on a tiny organization: it seeds both databases, starts the
 * production build, signs in, loads every page it measures, runs the in-process measurements and
 * writes its report. Only that it runs and what it reports are checked, never how fast
 * (docs/benchmarks.md holds the figures of the 100,000-user runs).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { isPostgresReachable } from "../tests/support/postgres";

const PAGES = ["Framework floor", "Licenses page", "Product page", "Users search", "Help article (cached)"];

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/bench.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The rows of the report's page table under a `## <database>` heading. */
function pageRows(report: string, database: string): string[][] {
  const section = report.split(/^## /m).find((part) => part.startsWith(`${database}\n`)) ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| ") && PAGES.some((page) => line.startsWith(`| ${page}`)))
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
}

test("npm run bench measures every page and action on both databases and writes its report", async () => {
  test.setTimeout(300_000);
  const databases = isPostgresReachable() ? ["SQLite", "PostgreSQL"] : ["SQLite"];
  const dir = mkdtempSync(path.join(os.tmpdir(), "lc-bench-e2e-"));
  const out = path.join(dir, "benchmarks.md");
  try {
    const args = ["--no-build", "--users", "300", "--products", "3", "--duration", "1", "--connections", "2", "--action-runs", "1", "--out", out];
    const { code, output } = await runBench(databases.length === 1 ? [...args, "--only", "sqlite"] : args);
    expect(code, output.slice(-3000)).toBe(0);

    const report = readFileSync(out, "utf8");
    expect(report).toContain("organization: 300 users, 3 products");
    expect(report).toMatch(/CPU calibration .*: \d+ ms at start, \d+ ms at end/);
    expect(report).toContain("npm run bench:seed -- --users 300 --products 3");
    for (const database of databases) {
      const rows = pageRows(report, database);
      // Every page answered 200 with its content (the last column counts other answers).
      expect(rows.map((row) => row[0]!.replace(/ \(.*\)$/, "").replace(/ ".*"$/, ""))).toEqual(PAGES.map((page) => page.replace(/ \(.*\)$/, "")));
      for (const row of rows) expect(row.at(-1), `${database}: ${row[0]}`).toBe("0");
      for (const row of rows) expect(Number(row[2]), `${database}: ${row[0]} p50`).toBeGreaterThan(0);
    }
    // The in-process part: the aggregate SQL, the data layer and the actions.
    for (const line of ["Aggregate SQL of the Licenses page", "Data layer of the product page (getProductPage)", "Action — removeLicenses: 30 users in one call", "Action — purchaseLicenses"]) {
      expect(report).toContain(line);
    }
    // The targets table, one row per target of issue 5.
    for (const target of ["Licenses page p50 ≤ 50 ms", "Licenses page ≤ 2× the framework floor", "Product page p50 ≤ 80 ms", "Users search p50 ≤ 80 ms", "Server RSS ≤ 400 MB"]) {
      expect(report).toContain(`| ${target}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
