// One data model, two databases: prisma/schema.prisma (SQLite, the source) is copied to
// prisma/postgres/schema.prisma with only the provider and the client's output changed.
// `--check` fails when the PostgreSQL copy has drifted (the test suite runs it).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root } from "./lib.mjs";

const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

export function postgresSchema(text) {
  const replaced = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../lib/generated/prisma"', 'output     = "../../lib/generated/prisma-postgres"');
  if (replaced === text) throw new Error("prisma/schema.prisma no longer has the expected datasource/output lines");
  return `// GENERATED from prisma/schema.prisma by scripts/sync-schema.mjs — edit that file instead.\n${replaced}`;
}

const expected = postgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const actual = readFileSync(target, "utf8");
  if (actual !== expected) {
    console.error("prisma/postgres/schema.prisma differs from prisma/schema.prisma: run node scripts/sync-schema.mjs");
    process.exit(1);
  }
  console.log("prisma schemas in step");
} else {
  writeFileSync(target, expected);
  console.log("wrote prisma/postgres/schema.prisma");
}
