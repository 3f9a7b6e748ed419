// npm run bench:seed -- --database-url URL [--users 100000] [--products 25]
// Fills an EMPTY migrated database with the benchmark organization (scripts/bench/org.ts) using
// bulk inserts, and prints what it wrote and how long it took. The database is always named
// explicitly: the benchmark never writes into the demo database (DATABASE_URL) by default.
import { parseArgs } from "node:util";
import { seedBenchOrg } from "./bench/org";

const USAGE = `Usage: npm run bench:seed -- --database-url URL [--users N] [--products N]

Fills an empty, migrated database with a benchmark organization.
  --database-url URL  the database to fill (file:./bench.db or postgresql://…); required
  --users N           users to create (default 100000)
  --products N        products to create (default 25)
  --help              this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(value)) fail(`--${name} must be a positive whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

let values: { "database-url"?: string; users?: string; products?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { "database-url": { type: "string" }, users: { type: "string" }, products: { type: "string" }, help: { type: "boolean" } },
    strict: true,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const databaseUrl = values["database-url"] ?? fail("--database-url is required: name the (empty, migrated) database to fill");
const users = positive(values.users, "users", 100_000);
const products = positive(values.products, "products", 25);

try {
  const summary = await seedBenchOrg(databaseUrl, { users, products });
  const states = Object.entries(summary.subscriptionsByState)
    .map(([state, n]) => `${n} ${state}`)
    .join(", ");
  console.log(
    `bench:seed ${databaseUrl.replace(/\/\/[^@/]*@/, "//…@")}: ${summary.users} users (${summary.deletedUsers} deleted) + ${summary.admins} admins, ` +
      `${summary.products} products (${summary.productsInConflict} in conflict), ${summary.subscriptions} subscriptions (${states}), ` +
      `${summary.assignments} assignments; largest product "${summary.largestProduct.displayName}" with ${summary.largestProduct.assignedCount} assigned`,
  );
  console.log(`bench:seed took ${(summary.ms / 1000).toFixed(2)} s`);
} catch (error) {
  console.error(`bench:seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
