// The server the browser tests run against: the production build on an empty organization, and
// beside it an empty migrated template that tests copy when they need a server of their own
// (e2e/servers.ts). Every test creates the rows it needs (e2e/factories.ts): nothing is seeded.
import { copyFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate, root, run } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";

/** The template's URL beside a database URL (kept in step with e2e/environment.ts). */
export function templateUrlOf(url) {
  if (url.startsWith("file:")) return url.replace(/\.db$/, "-template.db");
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname}_template`;
  return parsed.toString();
}

function sqliteFile(url) {
  return path.resolve(root, url.slice("file:".length));
}

function removeSqlite(url) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(sqliteFile(url) + suffix, { force: true });
}

async function recreatePostgres(url, template) {
  const parsed = new URL(url);
  const name = parsed.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database "${name}"`);
  parsed.pathname = "/postgres";
  const create = template ? `CREATE DATABASE "${name}" TEMPLATE "${new URL(template).pathname.slice(1)}"` : `CREATE DATABASE "${name}"`;
  await run("psql", [parsed.toString(), "-X", "-q", "-c", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, "-c", create]);
}

const templateUrl = templateUrlOf(databaseUrl);
if (databaseUrl.startsWith("file:")) {
  removeSqlite(templateUrl);
  await migrate(templateUrl);
  // One self-contained file (no WAL beside it), so copying it copies everything.
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(sqliteFile(templateUrl));
  db.pragma("journal_mode = DELETE");
  db.close();
  removeSqlite(databaseUrl);
  copyFileSync(sqliteFile(templateUrl), sqliteFile(databaseUrl));
  const shared = new Database(sqliteFile(databaseUrl));
  shared.pragma("journal_mode = WAL");
  shared.close();
} else {
  await recreatePostgres(templateUrl);
  await migrate(templateUrl);
  await recreatePostgres(databaseUrl, templateUrl);
}

const env = {
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-that-is-long-enough-0123456789",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
};
if (!existsSync(path.join(root, ".next", "BUILD_ID")))
  throw new Error("no production build: run `npm run build` first (npm run test:e2e does)");
await run("node", ["scripts/start.mjs", "--port", port, "--hostname", "127.0.0.1"], env);
