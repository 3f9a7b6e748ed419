// Generates both Prisma clients (SQLite and PostgreSQL) from the one data model.
import { run } from "./lib.mjs";

await run("node", ["scripts/sync-schema.mjs", "--check"]);
await run("prisma", ["generate"], { DATABASE_URL: "file:./prisma/dev.db" });
await run("prisma", ["generate"], { DATABASE_URL: "postgresql://localhost:5432/generate-only" });
