/**
 * The server process itself: SIGTERM lets running actions finish, and a database that goes away
 * shows a localized "temporarily unavailable" page and comes back without a restart. Each test
 * starts its own `next start` (the production build) on its own database.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db-client";
import { addDays } from "@/lib/domain/lifecycle";
import { isPostgresReachable, POSTGRES_ADMIN_URL, queryPostgres } from "../tests/support/postgres";
import { actionIds, callAction, form, signInOverHttp } from "./http";
import { startServer as start, signInWithForm } from "./servers";
import { DEMO_PASSWORD, pageHeading, ROLES } from "./support";

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const server = await start(databaseUrl, port);
  children.push(server);
  return server;
}

test.describe.configure({ mode: "serial" });
const children: ChildProcess[] = [];
test.afterAll(() => children.forEach((child) => child.kill("SIGKILL")));

test("SIGTERM lets a running bulk removal finish before the process exits", async () => {
  test.setTimeout(120_000);
  const url = `file:${process.cwd()}/prisma/e2e-sigterm-${randomUUID().slice(0, 8)}.db`;
  const port = 3510;
  const server = await startServer(url, port);
  const prisma = createPrismaClient(url);
  const count = 5_000;
  const product = await prisma.$transaction(async (tx) => {
    const created = await tx.product.create({
      data: { displayName: "Sigterm", skuPartNumber: "SIGTERM", assignedCount: count, subscriptions: { create: [{ quantity: count, startsAt: addDays(new Date(), -1), endsAt: addDays(new Date(), 30) }] } },
      select: { id: true },
    });
    await tx.user.createMany({ data: Array.from({ length: count }, (_, i) => ({ displayName: `Term ${i}`, userPrincipalName: `term.${i}@contoso.example`, usageLocation: "US" })) });
    return created;
  });
  const users = await prisma.user.findMany({ where: { displayName: { startsWith: "Term " } }, select: { id: true } });
  await prisma.licenseAssignment.createMany({ data: users.map((u) => ({ userId: u.id, productId: product.id })) });

  const request = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${port}` });
  await signInOverHttp(request, ROLES.license, DEMO_PASSWORD);
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  const pending = callAction(request, actionIds().removeLicensesAction, [null, form({ productId: product.id, userIds: users.map((u) => u.id) })]);
  await new Promise((r) => setTimeout(r, 150));
  server.kill("SIGTERM");
  const response = await pending;
  expect(response.status).toBe(200);
  expect(response.text).toContain('"ok":true');
  expect(response.text).toContain(`"removed":${count}`);
  expect(await exited).toBe(143);
  expect(await prisma.licenseAssignment.count({ where: { productId: product.id } })).toBe(0);
  await request.dispose();
  await prisma.$disconnect();
});

test.describe("the database goes away", () => {
  test.skip(!isPostgresReachable(), "PostgreSQL is not reachable at 127.0.0.1:5432: this check needs a database server to take away");

  test("pages say it is temporarily unavailable, and recover when it returns, without a restart", async ({ browser }) => {
    test.setTimeout(120_000);
    const name = `lc_away_${randomUUID().slice(0, 8).replace(/-/g, "")}`;
    queryPostgres(POSTGRES_ADMIN_URL, `CREATE DATABASE "${name}"`);
    const adminUrl = new URL(POSTGRES_ADMIN_URL);
    adminUrl.pathname = `/${name}`;
    const port = 3511;
    await startServer(adminUrl.toString(), port);
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, locale: "nl-NL" });
    const page = await context.newPage();
    await signInWithForm(page, ROLES.reader, DEMO_PASSWORD);
    await expect(pageHeading(page, "Licenties")).toBeVisible();

    const away = () => {
      queryPostgres(POSTGRES_ADMIN_URL, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      queryPostgres(POSTGRES_ADMIN_URL, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    };
    try {
      away();
      await page.goto("/billing/licenses");
      await expect(page.getByRole("alert").filter({ hasText: "tijdelijk niet beschikbaar" })).toBeVisible({ timeout: 30_000 });
    } finally {
      queryPostgres(POSTGRES_ADMIN_URL, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
    await page.goto("/billing/licenses");
    await expect(pageHeading(page, "Licenties")).toBeVisible({ timeout: 30_000 });
    await context.close();
    for (const child of children.splice(0)) child.kill("SIGKILL");
    queryPostgres(POSTGRES_ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});
