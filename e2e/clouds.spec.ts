/**
 * One deployment serves one cloud, chosen by LICENSE_CENTER_CLOUD: help content, notes, links,
 * default language, currency and what can be bought follow it. Each cloud gets its own server.
 */
import { expect, test } from "./fixtures";
import { pageHeading } from "./support";

test("a 21Vianet deployment shows its admin-center note, speaks Chinese by default and prices in CNY", async ({ ownServer, pageAs }) => {
  test.setTimeout(120_000);
  const server = await ownServer("21vianet", { LICENSE_CENTER_CLOUD: "21vianet" });
  const product = await server.factories.product({ name: "Microsoft 365 E5", subscriptions: [{ quantity: 5 }], priceCents: 5700 });
  // A browser language License Center does not offer: the cloud's default (zh-CN) applies.
  const { page } = await pageAs("GlobalAdmin", { baseURL: server.baseURL, factories: server.factories, locale: "fr-FR" });
  await page.goto("/billing/licenses");
  await expect(pageHeading(page, "许可证")).toBeVisible();
  await expect(page.locator("header")).toContainText("世纪互联");
  const help = page.locator("#help-pane-content");
  await expect(help.locator(".alert-note").first()).toBeVisible();
  await expect(help).toContainText("管理中心");
  await expect(help.locator('a[href="/billing/licenses"]').first()).toBeVisible();
  await page.getByRole("link", { name: product.displayName, exact: true }).click();
  await expect(page.getByText(/CN¥|¥/).first()).toBeVisible();
});

test("a Germany deployment shows its own steps and links, and cannot buy licenses", async ({ ownServer, pageAs }) => {
  test.setTimeout(120_000);
  const server = await ownServer("germany", { LICENSE_CENTER_CLOUD: "germany" });
  const { product } = await server.factories.productWithUsers("Office 365 E3", { valid: 2, assigned: 3 });
  const { page } = await pageAs("GlobalAdmin", { baseURL: server.baseURL, factories: server.factories });
  await page.goto("/billing/licenses");
  await expect(page.locator("header")).toContainText("Germany");
  // A conflict exists: the pane shows how to resolve it, as Germany allows.
  const help = page.locator("#help-pane-content");
  await expect(help).toContainText("Buying more licenses isn't possible in Microsoft Cloud Germany");
  await expect(help).not.toContainText("The admin center is changing");
  await expect(help.locator('a[href="/billing/licenses"]')).toHaveCount(1);
  await expect(help.locator('a[href*="go.microsoft.com"]')).toHaveCount(0);
  // Nothing on the page tells the admin to buy what the cloud can't sell.
  const warning = page.getByRole("alert").filter({ hasText: /needs? a valid license/ });
  await expect(warning).toContainText("Remove licenses from users who no longer need them, or delete user accounts");
  await expect(warning).not.toContainText(/\bbuy\b/i);
  await page.getByRole("link", { name: product.displayName, exact: true }).click();
  await expect(page.getByText("Buying licenses isn't available in this cloud.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Buy", exact: true })).toHaveCount(0);
  const conflict = page.getByRole("region", { name: "License totals" }).getByRole("alert");
  await expect(conflict).toContainText("Remove licenses from users who no longer need them");
  await expect(conflict).not.toContainText(/\bbuy\b/i);
  // The resolution planner proposes removals only, without a cost of buying.
  await conflict.getByRole("link", { name: "Plan the resolution" }).click();
  await expect(page.getByRole("heading", { name: `Resolve the conflict of ${product.displayName}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Or buy the missing licenses" })).toHaveCount(0);
  await expect(page.getByText("1 user needs a valid license.")).not.toContainText(/\bbuy/i);
  await page.goto("/help/resolve-license-conflicts");
  const article = page.locator(".help-article");
  await expect(article).toContainText("Microsoft Cloud Germany");
  await expect(article).not.toContainText(/\bbuy (the|more) licenses\b/i);
});

test("a worldwide deployment (the default) shows neither the 21Vianet note nor the Germany restriction", async ({
  page,
  factories,
  signIn,
}) => {
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto("/billing/licenses");
  await expect(page.locator("header")).toContainText("Worldwide");
  await page.goto("/help/resolve-license-conflicts");
  const help = page.locator(".help-article");
  await expect(help).toContainText("How do I view license conflicts?");
  await expect(help).toContainText("buy more licenses");
  await expect(help).not.toContainText("The admin center is changing");
  await expect(help).not.toContainText("Microsoft Cloud Germany");
});
