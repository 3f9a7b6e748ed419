// The server the browser tests run against: a fresh demo database and the production build.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { migrate, root, run } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";
if (databaseUrl.startsWith("file:")) {
  const file = path.resolve(root, databaseUrl.slice("file:".length));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
} else {
  // PostgreSQL: recreate the database named in the URL, through the server's maintenance database.
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate database "${name}"`);
  url.pathname = "/postgres";
  await run("psql", [url.toString(), "-X", "-q", "-c", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, "-c", `CREATE DATABASE "${name}"`]);
}
const env = {
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-that-is-long-enough-0123456789",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
};
await migrate(databaseUrl);
await run("tsx", ["prisma/seed.ts"], env);
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) await run("next", ["build"], env);
await run("node", ["scripts/start.mjs", "--port", port, "--hostname", "127.0.0.1"], env);
