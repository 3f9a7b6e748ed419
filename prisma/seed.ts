import { createPrismaClient } from "../lib/db-client";
import { DEMO_PASSWORD, seedDemo } from "./demo-data";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const prisma = createPrismaClient(url);

try {
  const existing = await prisma.$transaction(async (tx) => tx.product.count());
  if (existing > 0) {
    console.log(`The database at ${url} already holds an organization; nothing seeded.`);
  } else {
    const result = await seedDemo(prisma);
    console.log(`Seeded the demo organization: ${result.users} users, ${result.products} products, ${result.subscriptions} subscriptions.`);
    console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const admin of result.admins) console.log(`  ${admin.role.padEnd(13)} ${admin.upn}`);
  }
} finally {
  await prisma.$disconnect();
}
