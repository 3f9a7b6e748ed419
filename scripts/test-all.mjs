// npm test: everything CI checks, in order, with one closing line "N passed, N failed".
// Static checks, unit + integration (Vitest), the help corpus check, the production build,
// then the browser tests (Playwright, Chromium).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { root, run } from "./lib.mjs";

// Not test-results/: Playwright empties that folder when it starts.
const results = path.join(root, ".reports");
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

async function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  try {
    await fn();
    console.log(`=== ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failures.push(name);
    console.error(`=== ${name}: FAILED — ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

rmSync(path.join(results, "vitest.json"), { force: true });
rmSync(path.join(results, "e2e.json"), { force: true });
rmSync(path.join(results, "vitest-postgres.json"), { force: true });
rmSync(path.join(results, "e2e-postgres.json"), { force: true });

/** Fails on high or critical advisories; when the registry's audit service cannot be asked, says so. */
async function auditDependencies() {
  let output = "";
  try {
    output = execFileSync("npm", ["audit", "--json"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  } catch (error) {
    output = String(error.stdout ?? "");
  }
  let report;
  try {
    report = JSON.parse(output);
  } catch {
    report = null;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    console.log(
      `npm audit: the registry's audit service could not be asked (${report?.message ?? report?.error?.summary ?? "no answer"}); dependencies NOT audited in this run.`,
    );
    return;
  }
  console.log(`npm audit: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
  if (counts.critical + counts.high > 0) throw new Error("high or critical vulnerabilities: run npm audit for details");
}

function isPostgresReachable() {
  try {
    execFileSync("psql", [process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres", "-X", "-t", "-c", "SELECT 1"], {
      stdio: "ignore",
      timeout: 5000,
    });
    return true;
  } catch {
    return false;
  }
}

await step("npm audit (high and critical)", auditDependencies);
await step("prisma clients (both databases)", () => run("node", ["scripts/generate.mjs"]));
await step("format (prettier --check)", () => run("prettier", ["--check", "."]));
await step("typecheck", () => run("tsc", ["--noEmit"]));
await step("lint", () => run("eslint", ["."]));
await step("unit + integration tests", () =>
  run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(results, "vitest.json")}`]),
);
// Every integration test file runs on PostgreSQL too when a server is reachable (CI and the
// project's machines run one on 127.0.0.1:5432), unless it says "@sqlite-only" in its opening
// comment, with the reason.
const integrationDir = path.join(root, "tests", "integration");
const postgresFiles = readdirSync(integrationDir)
  .filter((name) => name.endsWith(".test.ts"))
  .filter((name) => !readFileSync(path.join(integrationDir, name), "utf8").slice(0, 2000).includes("@sqlite-only"))
  .map((name) => `tests/integration/${name}`);
if (isPostgresReachable()) {
  await step("integration tests on PostgreSQL", () =>
    run(
      "vitest",
      ["run", ...postgresFiles, "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(results, "vitest-postgres.json")}`],
      { TEST_DATABASE: "postgres" },
    ),
  );
} else {
  console.log("\n=== PostgreSQL is not reachable at 127.0.0.1:5432: the PostgreSQL suites did NOT run (SQLite suites did).");
}
await step("help corpus check", () => run("tsx", ["scripts/help-check.ts"]));
await step("production build", () => run("next", ["build"], { NEXTAUTH_SECRET: "build-only-secret-that-is-long-enough-0123" }));
await step("browser tests", () => run("playwright", ["test"]));
if (isPostgresReachable()) {
  await step("browser tests on PostgreSQL", () =>
    run("playwright", ["test"], {
      E2E_DATABASE_URL: `${(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres").replace(/\/[^/]*$/, "")}/lc_e2e`,
      E2E_JSON_REPORT: path.join(results, "e2e-postgres.json"),
      E2E_PORT: "3101",
    }),
  );
}

// The suites drop every PostgreSQL database they create (tests/support/global-setup.ts, e2e/servers.ts);
// the browser suite's own two (lc_e2e and its template) are recreated by every run.
if (isPostgresReachable()) {
  await step("no PostgreSQL database left behind", () => {
    const left = execFileSync(
      "psql",
      [
        process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
        "-X",
        "-t",
        "-A",
        "-c",
        "SELECT datname FROM pg_database WHERE datname LIKE 'lc\\_%' AND datname NOT IN ('lc_e2e', 'lc_e2e_template')",
      ],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter(Boolean);
    if (left.length > 0) throw new Error(`${left.length} left behind: ${left.slice(0, 10).join(", ")}`);
    console.log("none");
  });
}

const vitest = readJson(path.join(results, "vitest.json"));
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const postgres = readJson(path.join(results, "vitest-postgres.json"));
if (postgres) {
  counts.passed += postgres.numPassedTests;
  counts.failed += postgres.numFailedTests;
  counts.skipped += postgres.numPendingTests + postgres.numTodoTests;
}
const e2e = readJson(path.join(results, "e2e.json"));
for (const report of [e2e, readJson(path.join(results, "e2e-postgres.json"))]) {
  if (!report) continue;
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
}
if (!vitest || !e2e) counts.failed += 1;

// CI keeps only the tail of this output: repeat, last, which tests failed or were flaky and why.
const firstLines = (text, n = 12) =>
  stripVTControlCharacters(String(text ?? ""))
    .split("\n")
    .slice(0, n)
    .map((line) => `      ${line}`)
    .join("\n");
const problems = [];
for (const [label, report] of [
  ["unit + integration", vitest],
  ["integration on PostgreSQL", postgres],
]) {
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      problems.push(
        `  FAILED (${label}) ${path.relative(root, file.name)} › ${test.fullName}\n${firstLines(test.failureMessages?.join("\n"))}`,
      );
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === "failed") {
      problems.push(`  FAILED (${label}) ${path.relative(root, file.name)}\n${firstLines(file.message)}`);
    }
  }
}
function walkSuites(suites, visit) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) visit(spec);
    walkSuites(suite.suites, visit);
  }
}
for (const [label, report] of [
  ["browser", e2e],
  ["browser on PostgreSQL", readJson(path.join(results, "e2e-postgres.json"))],
]) {
  walkSuites(report?.suites, (spec) => {
    for (const test of spec.tests ?? []) {
      if (test.status !== "unexpected" && test.status !== "flaky") continue;
      const failed = (test.results ?? []).find((result) => result.status !== "passed" && result.status !== "skipped");
      const verdict = test.status === "flaky" ? "FLAKY (passed on retry)" : "FAILED";
      problems.push(
        `  ${verdict} (${label}) ${spec.file}:${spec.line} › ${spec.title}\n${firstLines(failed?.error?.message ?? failed?.errors?.[0]?.message)}`,
      );
    }
  });
}
if (problems.length > 0) console.error(`\nTests that failed or were flaky:\n${problems.join("\n")}`);
if (failures.length > 0) console.error(`\nFailed steps: ${failures.join(", ")}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length > 0 || counts.failed > 0 ? 1 : 0);
