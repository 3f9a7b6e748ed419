// npm run bench:seed -- --users 100000 --products 25 [--database-url URL]
// Fills an EMPTY migrated database (DATABASE_URL, default file:./prisma/dev.db) with the benchmark
// organization (scripts/bench/org.ts) using bulk inserts, and prints what it wrote and how long it took.
import { intArg, parseArgs, stringArg } from "./bench/args";
import { seedBenchOrg } from "./bench/org";

const args = parseArgs(process.argv.slice(2));
const databaseUrl = stringArg(args, "database-url") ?? process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const users = intArg(args, "users", 100_000);
const products = intArg(args, "products", 25);

try {
  const summary = await seedBenchOrg(databaseUrl, { users, products });
  const states = Object.entries(summary.subscriptionsByState).map(([state, n]) => `${n} ${state}`).join(", ");
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
