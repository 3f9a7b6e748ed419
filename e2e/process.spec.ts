/**
 * The server process itself: SIGTERM lets running actions finish, and a database that goes away
 * shows a localized "temporarily unavailable" page, refuses sign-in with the same words (never
 * the driver's), and comes back without a restart. Each test starts its own server.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { isPostgresReachable, POSTGRES_ADMIN_URL, postgresUrl, queryPostgres } from "../tests/support/postgres";
import { expect, test, uniqueSuffix } from "./fixtures";
import { Factories } from "./factories";
import { actionIds, callAction, form, signInOverHttp, trySignInOverHttp } from "./http";
import { startOwnServer } from "./servers";
import { pageHeading } from "./support";

test("SIGTERM lets a running bulk removal finish before the process exits", async ({ ownServer }) => {
  test.setTimeout(120_000);
  const server = await ownServer("sigterm");
  const count = 5_000;
  const product = await server.factories.product({ name: "Sigterm", subscriptions: [{ quantity: count }] });
  await server.prisma.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      displayName: `Term ${i}`,
      userPrincipalName: `term.${i}@contoso.example`,
      usageLocation: "US",
    })),
  });
  const users = await server.prisma.user.findMany({ where: { displayName: { startsWith: "Term " } }, select: { id: true } });
  await server.factories.assign(product, users);
  const admin = await server.factories.admin("LicenseAdmin");

  const request = await playwrightRequest.newContext({ baseURL: server.baseURL });
  await signInOverHttp(request, admin.upn, admin.password);
  const exited = new Promise<number | null>((resolve) => server.process.on("exit", (code) => resolve(code)));
  const pending = callAction(request, actionIds().removeLicensesAction, [
    null,
    form({ productId: product.id, userIds: users.map((u) => u.id) }),
  ]);
  await new Promise((r) => setTimeout(r, 150));
  server.process.kill("SIGTERM");
  const response = await pending;
  expect(response.status).toBe(200);
  expect(response.text).toContain('"ok":true');
  expect(response.text).toContain(`"removed":${count}`);
  expect(await exited).toBe(0);
  expect(await server.prisma.licenseAssignment.count({ where: { productId: product.id } })).toBe(0);
  await request.dispose();
});

test.describe("the database goes away", () => {
  test.skip(!isPostgresReachable(), "PostgreSQL is not reachable at 127.0.0.1:5432: this check needs a database server to take away");

  test("pages and sign-in say it is temporarily unavailable, and recover when it returns, without a restart", async ({ browser }) => {
    test.setTimeout(120_000);
    const name = `lc_e2e_away_${randomUUID().slice(0, 8)}`;
    queryPostgres(POSTGRES_ADMIN_URL, `CREATE DATABASE "${name}"`);
    const url = postgresUrl(name);
    execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
    const server = await startOwnServer("away", {}, url);
    const factories = new Factories(server.prisma, uniqueSuffix());
    const reader = await factories.admin("GlobalReader");
    const context = await browser.newContext({ baseURL: server.baseURL, locale: "nl-NL" });
    const page = await context.newPage();
    await signInOverHttp(page.request, reader.upn, reader.password);
    await page.goto("/billing/licenses");
    await expect(pageHeading(page, "Licenties")).toBeVisible();

    const away = () => {
      queryPostgres(POSTGRES_ADMIN_URL, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      queryPostgres(POSTGRES_ADMIN_URL, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    };
    try {
      away();
      await page.goto("/billing/licenses");
      await expect(page.getByRole("alert").filter({ hasText: "tijdelijk niet beschikbaar" })).toBeVisible({ timeout: 30_000 });

      // Signing in meanwhile: the code reaches the browser, never the driver's words or the database's name.
      const signedOut = await browser.newContext({ baseURL: server.baseURL, locale: "nl-NL" });
      expect(await trySignInOverHttp(signedOut.request, reader.upn, reader.password)).toBe("TEMPORARILY_UNAVAILABLE");
      const form = await signedOut.newPage();
      await form.goto("/sign-in");
      await form.locator("input[name=username]").fill(reader.upn);
      await form.locator("input[name=password]").fill(reader.password);
      await form.locator("button[type=submit]").click();
      await expect(form.locator("#sign-in-error")).toHaveText(
        "Aanmelden is nu niet mogelijk. Er is niets gewijzigd; probeer het over een ogenblik opnieuw.",
      );
      expect(form.url()).not.toContain(name);
      await expect(form.locator("body")).not.toContainText(name);
      await signedOut.close();
    } finally {
      queryPostgres(POSTGRES_ADMIN_URL, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
    await page.goto("/billing/licenses");
    await expect(pageHeading(page, "Licenties")).toBeVisible({ timeout: 30_000 });
    await context.close();
    await server.stop();
    queryPostgres(POSTGRES_ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});
