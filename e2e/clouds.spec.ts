/**
 * One deployment serves one cloud, chosen by LICENSE_CENTER_CLOUD: help content, notes, links,
 * default language, currency and what can be bought follow it. Each cloud gets its own server.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInWithForm, startServer } from "./servers";
import { DEMO_PASSWORD, pageHeading, ROLES } from "./support";

test.describe.configure({ mode: "serial" });
const servers: ChildProcess[] = [];
test.afterAll(() => servers.forEach((server) => server.kill("SIGKILL")));

async function cloudServer(cloud: string, port: number): Promise<string> {
  const url = `file:${process.cwd()}/prisma/e2e-${cloud}-${randomUUID().slice(0, 8)}.db`;
  servers.push(await startServer(url, port, { LICENSE_CENTER_CLOUD: cloud }));
  return `http://127.0.0.1:${port}`;
}

test("a 21Vianet deployment shows its admin-center note, speaks Chinese by default and prices in CNY", async ({ browser }) => {
  test.setTimeout(120_000);
  const baseURL = await cloudServer("21vianet", 3520);
  // A browser language License Center does not offer: the cloud's default (zh-CN) applies.
  const context = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  await signInWithForm(page, ROLES.global, DEMO_PASSWORD);
  await expect(pageHeading(page, "许可证")).toBeVisible();
  await expect(page.locator("header")).toContainText("世纪互联");
  const help = page.locator("#help-pane-content");
  await expect(help.locator(".alert-note").first()).toBeVisible();
  await expect(help).toContainText("管理中心");
  await expect(help.locator('a[href="/billing/licenses"]').first()).toBeVisible();
  await page.getByRole("link", { name: "Microsoft 365 E5" }).click();
  await expect(page.getByText(/CN¥|¥/).first()).toBeVisible();
  await context.close();
});

test("a Germany deployment shows its own steps and links, and cannot buy licenses", async ({ browser }) => {
  test.setTimeout(120_000);
  const baseURL = await cloudServer("germany", 3521);
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  const page = await context.newPage();
  await signInWithForm(page, ROLES.global, DEMO_PASSWORD);
  await expect(page.locator("header")).toContainText("Germany");
  const help = page.locator("#help-pane-content");
  await expect(help).toContainText("Buying more licenses isn't possible in Microsoft Cloud Germany");
  await expect(help).not.toContainText("The admin center is changing");
  await expect(help.locator('a[href="/billing/licenses"]')).toHaveCount(1);
  await expect(help.locator('a[href*="go.microsoft.com"]')).toHaveCount(0);
  await page.getByRole("link", { name: "Office 365 E3" }).click();
  await expect(page.getByText("Buying licenses isn't available in this cloud.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Buy", exact: true })).toHaveCount(0);
  await context.close();
});

test("a worldwide deployment (the default) shows neither the 21Vianet note nor the Germany restriction", async ({ page }) => {
  await signInWithForm(page, ROLES.global, DEMO_PASSWORD);
  await expect(page.locator("header")).toContainText("Worldwide");
  await page.goto("/help/resolve-license-conflicts");
  const help = page.locator(".help-article");
  await expect(help).toContainText("How do I view license conflicts?");
  await expect(help).toContainText("buy more licenses");
  await expect(help).not.toContainText("The admin center is changing");
  await expect(help).not.toContainText("Microsoft Cloud Germany");
});
