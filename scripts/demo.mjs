// One command from a fresh clone to a running License Center with a demo organization:
// local secret, migrations, seed, production build, server on http://localhost:3000.
import { ensureLocalEnv, migrate, run } from "./lib.mjs";

const local = ensureLocalEnv();
const databaseUrl = process.env.DATABASE_URL ?? local.DATABASE_URL ?? "file:./prisma/dev.db";
const env = {
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: local.NEXTAUTH_SECRET,
  NEXTAUTH_URL: local.NEXTAUTH_URL ?? "http://localhost:3000",
};
const port = process.env.PORT ?? "3000";

await run("node", ["scripts/generate.mjs"], env);
await migrate(databaseUrl);
await run("tsx", ["prisma/seed.ts"], env);
if (!process.argv.includes("--no-build")) await run("next", ["build"], env);
console.log(`\nLicense Center is starting on http://localhost:${port} (Ctrl+C to stop).`);
// The heap cap keeps the server within its memory budget (docs/benchmarks.md).
await run("node", ["scripts/start.mjs", "--port", port], { ...env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? "--max-old-space-size=256" });
