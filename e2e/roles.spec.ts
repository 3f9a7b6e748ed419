/** What each role sees, and a replayed Buy without the role (or signed out) that must change nothing. */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { licenseTotal, openProduct, openUser, pageHeading } from "./support";

function subscriptions(page: Page) {
  return page.getByRole("region", { name: "Subscriptions" });
}

function assignedUsers(page: Page) {
  return page.getByRole("region", { name: "Assigned users" });
}

/** A product with one user holding it, and a deleted user: what every role's view is checked on. */
async function organization(factories: Factories) {
  const { product, users } = await factories.productWithUsers("Microsoft 365 E5", { valid: 5, assigned: 1 });
  const deleted = await factories.user({ name: "Cameron White", deletedDaysAgo: 3 });
  return { product, holder: users[0]!, deleted };
}

test("a Global reader sees every page but no action button, and typed-in action pages say which role they need", async ({
  page,
  factories,
  signIn,
}) => {
  const { product, holder, deleted } = await organization(factories);
  const reader = await factories.admin("GlobalReader");
  await signIn(page, reader);
  await page.goto("/billing/licenses");
  await expect(page.getByRole("banner")).toContainText("Global reader");

  const path = await openProduct(page, product);
  await expect(subscriptions(page).getByRole("row", { name: /^Active/ })).toBeVisible();
  await expect(assignedUsers(page).getByRole("link", { name: holder.displayName })).toBeVisible();
  await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(0);
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await expect(subscriptions(page).getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Remove licenses from subscription" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Assign licenses" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(assignedUsers(page).getByRole("link", { name: "Export CSV" })).toBeVisible();

  await page.goto(`${path}/assign`);
  await expect(page.getByRole("heading", { name: "You can't assign licenses with your role" })).toBeVisible();
  await expect(page.getByText("This needs the Global admin, License admin, or User admin role.")).toBeVisible();
  await expect(page.getByText("You're signed in as Global reader.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign to selected users" })).toHaveCount(0);
  await page.getByRole("link", { name: `Back to ${product.displayName}` }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await page.goto(`${path}/reduce?subscription=${product.subscriptions[0]}&quantity=1`);
  await expect(page.getByRole("heading", { name: "You can't remove licenses from a subscription with your role" })).toBeVisible();
  await expect(page.getByText("This needs the Global admin or Billing admin role.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Reduce/ })).toHaveCount(0);

  await page.goto("/users");
  await expect(pageHeading(page, "Active users")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a user" })).toHaveCount(0);
  await page.goto("/users/new");
  await expect(page.getByRole("heading", { name: "You can't add users with your role" })).toBeVisible();
  await expect(page.getByText("This needs the Global admin or User admin role.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);

  await openUser(page, holder);
  await expect(page.getByRole("region", { name: "Licenses" }).getByRole("link", { name: product.displayName })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove license/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Assign", exact: true })).toHaveCount(0);

  await page.goto(`/users/deleted?q=${encodeURIComponent(deleted.displayName)}`);
  await expect(page.getByRole("row", { name: new RegExp(`^${deleted.displayName} `) })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Restore" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Restore/ })).toHaveCount(0);
});

test("a Billing admin can buy and reduce, but not assign or remove licenses", async ({ page, factories, signIn }) => {
  const { product, holder } = await organization(factories);
  await signIn(page, await factories.admin("BillingAdmin"));
  await openProduct(page, product);
  await expect(page.getByRole("banner")).toContainText("Billing admin");
  await expect(subscriptions(page).getByRole("button", { name: "Buy" })).toBeVisible();
  await expect(subscriptions(page).getByRole("link", { name: "Remove licenses from subscription" })).toBeVisible();
  await expect(assignedUsers(page).getByRole("link", { name: holder.displayName })).toBeVisible();
  await expect(page.getByRole("link", { name: "Assign licenses" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove licenses from selected users" })).toHaveCount(0);
  await expect(assignedUsers(page).getByRole("checkbox")).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByRole("link", { name: "Add a user" })).toHaveCount(0);
  await openUser(page, holder);
  await expect(page.getByRole("button", { name: /Remove license/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
  // A deep link to assigning says why it is closed, and to whom it is open.
  await page.goto(`/billing/licenses/${product.id}/assign`);
  await expect(page.getByRole("heading", { name: "You can't assign licenses with your role" })).toBeVisible();
  await expect(page.getByText("You're signed in as Billing admin.")).toBeVisible();
});

test("a License admin can assign and remove licenses, but not buy", async ({ page, factories, signIn }) => {
  const { product, holder } = await organization(factories);
  await signIn(page, await factories.admin("LicenseAdmin"));
  const path = await openProduct(page, product);
  await expect(page.getByRole("banner")).toContainText("License admin");
  await expect(assignedUsers(page).getByRole("link", { name: "Assign licenses" })).toBeVisible();
  await expect(assignedUsers(page).getByRole("button", { name: "Remove licenses from selected users" })).toBeVisible();
  await expect(assignedUsers(page).getByRole("checkbox", { name: `Select ${holder.displayName}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Remove licenses from subscription" })).toHaveCount(0);
  await page.goto(`${path}/assign`);
  await expect(pageHeading(page, `Assign ${product.displayName}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign to selected users" })).toBeVisible();
  await openUser(page, holder);
  await expect(page.getByRole("button", { name: `Remove license ${product.displayName}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
});

test("replaying a Global admin's Buy without the role, or signed out, is refused and buys nothing", async ({
  page,
  factories,
  signIn,
  pageAs,
  browser,
}) => {
  const { product } = await organization(factories);
  await signIn(page, await factories.admin("GlobalAdmin"));
  const path = await openProduct(page, product);
  const row = subscriptions(page).getByRole("row", { name: /^Active/ });
  await expect(row.getByRole("cell").nth(1)).toHaveText("5");

  // Capture the Buy form's server action request, and stop it before it reaches the server.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route(`**${path}`, async (route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    if (request.method() !== "POST" || !headers["next-action"]) return route.continue();
    captured = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
    return route.abort();
  });
  await row.getByRole("spinbutton", { name: "Licenses to buy" }).fill("3");
  await row.getByRole("button", { name: "Buy" }).click();
  await row.getByRole("button", { name: "Buy 3 licenses" }).click();
  await expect.poll(() => captured).toBeDefined();
  const request = captured!;
  expect(request.headers["next-action"]).toMatch(/^[0-9a-f]{20,}$/);
  expect(request.body.toString()).toContain("idempotencyKey");
  await page.unrouteAll({ behavior: "ignoreErrors" });

  // Same action id, URL and body; none of the admin's cookies.
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept", "origin", "accept-language"];
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => keep.includes(name)));
  const { page: readerPage, admin: reader } = await pageAs("GlobalReader");
  const asReader = await readerPage.request.post(request.url, { headers, data: request.body });
  const readerBody = await asReader.text();
  expect(readerBody).toContain("Your admin role does not allow this action. Nothing was changed.");
  expect(readerBody).toContain("FORBIDDEN");

  const anonymous = await browser.newContext();
  const signedOut = await anonymous.request.post(request.url, { headers, data: request.body });
  expect(await signedOut.text()).toContain("Your session has ended. Sign in again.");
  await anonymous.close();

  await page.goto(path);
  await expect(
    subscriptions(page)
      .getByRole("row", { name: /^Active/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("5");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("5");
  await page.goto(`/audit?result=denied&q=${encodeURIComponent(reader.upn)}`);
  const denied = page.getByRole("table").first().getByRole("row").filter({ hasText: reader.upn }).filter({ hasText: "license.purchase" });
  await expect(denied).toHaveCount(1);
  await expect(denied).toContainText("Denied");
});
