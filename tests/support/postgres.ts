import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

/** The PostgreSQL server the suites use when reachable (trust auth on the project's machines). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function psql(url: string, args: string[]): string {
  return execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-X", "-q", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

let reachable: boolean | undefined;

export function isPostgresReachable(): boolean {
  if (reachable === undefined) {
    try {
      psql(POSTGRES_ADMIN_URL, ["-t", "-c", "SELECT 1"]);
      reachable = true;
    } catch {
      reachable = false;
    }
  }
  return reachable;
}

export function postgresUrl(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * This test run's id, set once by tests/support/global-setup.ts and inherited by every worker:
 * each database a test creates carries it, so the run drops all of its own at the end, even those
 * of a worker that was killed (and never another run's).
 */
export function testRunId(): string {
  const id = process.env.LC_TEST_RUN;
  if (!id || !/^[a-z0-9]{8}$/.test(id))
    throw new Error("LC_TEST_RUN is not set: run the suite through vitest (tests/support/global-setup.ts)");
  return id;
}

/** Creates an empty database with a random name (optionally from a template); returns its URL. */
export function createPostgresDatabase(prefix: string, template?: string): { name: string; url: string } {
  const name = `${prefix}_${testRunId()}_${randomBytes(4).toString("hex")}`;
  psql(POSTGRES_ADMIN_URL, ["-c", `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`]);
  return { name, url: postgresUrl(name) };
}

export function dropPostgresDatabase(name: string): void {
  psql(POSTGRES_ADMIN_URL, ["-c", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
}

export function runPostgresFile(url: string, file: string): void {
  psql(url, ["-f", file]);
}

export function queryPostgres(url: string, sql: string): string[][] {
  return psql(url, ["-t", "-A", "-F", "\t", "-c", sql])
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => line.split("\t"));
}

/**
 * Drops every database this run created (see testRunId), each on its own: one that cannot be
 * dropped is named in the error, after the others are gone.
 */
export function dropRunDatabases(runId: string): number {
  const names = queryPostgres(POSTGRES_ADMIN_URL, `SELECT datname FROM pg_database WHERE datname LIKE 'lc\\_%\\_${runId}\\_%'`).map(
    ([name]) => name ?? "",
  );
  const failed: string[] = [];
  for (const name of names) {
    try {
      dropPostgresDatabase(name);
    } catch (error) {
      failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length > 0) throw new Error(`could not drop ${failed.length} test database(s):\n${failed.join("\n")}`);
  return names.length;
}
