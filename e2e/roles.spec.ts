import { expect, test, type Page } from "@playwright/test";
import { licenseTotal, openProduct, pageHeading, productPath, storageState } from "./support";

// Read-only checks on the demo organization, plus one forged Buy that must change nothing.
const PRODUCT = "Microsoft 365 E5";

function subscriptions(page: Page) {
  return page.getByRole("region", { name: "Subscriptions" });
}

function assignedUsers(page: Page) {
  return page.getByRole("region", { name: "Assigned users" });
}

async function openUser(page: Page, name: string): Promise<void> {
  await page.goto(`/users?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(pageHeading(page, name)).toBeVisible();
  await expect(page.getByRole("region", { name: "Licenses" })).toBeVisible();
}

test.describe("Global reader", () => {
  test.use({ storageState: storageState("reader") });

  test("sees every page but no action button", async ({ page }) => {
    await page.goto("/billing/licenses");
    await expect(page.getByText("Lidia Holloway")).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Global reader");

    const product = await openProduct(page, PRODUCT);
    await expect(subscriptions(page).getByRole("row", { name: /^Active/ })).toBeVisible();
    await expect(assignedUsers(page).getByRole("link", { name: "Adele Vance" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(0);
    await expect(page.getByRole("spinbutton")).toHaveCount(0);
    await expect(subscriptions(page).getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Remove licenses from subscription" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Assign licenses" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    // Reading is allowed: the export stays.
    await expect(assignedUsers(page).getByRole("link", { name: "Export CSV" })).toBeVisible();

    // The forms of the actions are not shown even when their address is typed in.
    const reduceHref = `${product}/reduce?subscription=${await activeSubscriptionId(page, product)}&quantity=1`;
    await page.goto(`${product}/assign`);
    await expect(page).toHaveURL(new RegExp(`${product}$`));
    await expect(pageHeading(page, PRODUCT)).toBeVisible();
    await expect(page.getByRole("button", { name: "Assign to selected users" })).toHaveCount(0);
    await page.goto(reduceHref);
    await expect(page).toHaveURL(new RegExp(`${product}$`));
    await expect(pageHeading(page, PRODUCT)).toBeVisible();
    await expect(page.getByRole("button", { name: /Reduce/ })).toHaveCount(0);

    await page.goto("/users");
    await expect(pageHeading(page, "Active users")).toBeVisible();
    await expect(page.getByRole("region", { name: "Users" }).getByRole("table")).toBeVisible();
    await expect(page.getByRole("link", { name: "Add a user" })).toHaveCount(0);

    await page.goto("/users/new");
    await expect(page.getByText("Your role cannot add users.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);

    await openUser(page, "Adele Vance");
    await expect(page.getByRole("region", { name: "Licenses" }).getByRole("link", { name: PRODUCT })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Remove license/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Assign", exact: true })).toHaveCount(0);

    await page.goto("/users/deleted?q=Cameron+White");
    await expect(page.getByRole("row", { name: /^Cameron White / })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Restore" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Restore/ })).toHaveCount(0);
  });
});

/** The id of a product's active subscription, read from a Global admin's view (a reader has no link to it). */
async function activeSubscriptionId(page: Page, product: string): Promise<string> {
  const admin = await page.context().browser()!.newContext({ storageState: storageState("global") });
  const adminPage = await admin.newPage();
  await adminPage.goto(product);
  const href = await subscriptions(adminPage).getByRole("link", { name: "Remove licenses from subscription" }).first().getAttribute("href");
  await admin.close();
  const id = new URL(href ?? "", "http://x").searchParams.get("subscription");
  expect(id).toBeTruthy();
  return id as string;
}

test.describe("Billing admin", () => {
  test.use({ storageState: storageState("billing") });

  test("can buy and reduce, but not assign or remove licenses", async ({ page }) => {
    await openProduct(page, PRODUCT);
    await expect(page.getByRole("banner")).toContainText("Billing admin");
    await expect(subscriptions(page).getByRole("button", { name: "Buy" })).toBeVisible();
    await expect(subscriptions(page).getByRole("link", { name: "Remove licenses from subscription" })).toBeVisible();
    await expect(assignedUsers(page).getByRole("link", { name: "Adele Vance" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Assign licenses" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove licenses from selected users" })).toHaveCount(0);
    await expect(assignedUsers(page).getByRole("checkbox")).toHaveCount(0);

    await page.goto("/users");
    await expect(pageHeading(page, "Active users")).toBeVisible();
    await expect(page.getByRole("link", { name: "Add a user" })).toHaveCount(0);
    await openUser(page, "Adele Vance");
    await expect(page.getByRole("button", { name: /Remove license/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
  });
});

test.describe("License admin", () => {
  test.use({ storageState: storageState("license") });

  test("can assign and remove licenses, but not buy", async ({ page }) => {
    const product = await openProduct(page, PRODUCT);
    await expect(page.getByRole("banner")).toContainText("License admin");
    await expect(assignedUsers(page).getByRole("link", { name: "Assign licenses" })).toBeVisible();
    await expect(assignedUsers(page).getByRole("button", { name: "Remove licenses from selected users" })).toBeVisible();
    await expect(assignedUsers(page).getByRole("checkbox", { name: "Select Adele Vance" })).toBeVisible();
    await expect(subscriptions(page).getByRole("row", { name: /^Active/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Remove licenses from subscription" })).toHaveCount(0);

    await page.goto(`${product}/assign`);
    await expect(pageHeading(page, `Assign ${PRODUCT}`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Assign to selected users" })).toBeVisible();

    await openUser(page, "Adele Vance");
    await expect(page.getByRole("button", { name: `Remove license ${PRODUCT}` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
  });
});

test.describe("a forged server action call", () => {
  test.use({ storageState: storageState("global") });

  test("replaying a Global admin's Buy without the role, or signed out, is refused and buys nothing", async ({ page, browser }) => {
    const product = await productPath(page, PRODUCT);
    await page.goto(product);
    const row = subscriptions(page).getByRole("row", { name: /^Active/ });
    const quantity = row.getByRole("cell").nth(1);
    await expect(quantity).toHaveText("5");

    // Capture the Buy form's server action request, and stop it before it reaches the server.
    let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
    await page.route(`**${product}`, async (route) => {
      const request = route.request();
      const headers = await request.allHeaders();
      if (request.method() !== "POST" || !headers["next-action"]) return route.continue();
      captured = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
      return route.abort();
    });
    await row.getByRole("spinbutton", { name: "Licenses to buy" }).fill("3");
    await row.getByRole("button", { name: "Buy" }).click();
    await expect.poll(() => captured).toBeDefined();
    const request = captured!;
    expect(request.headers["next-action"]).toMatch(/^[0-9a-f]{20,}$/);
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.body.toString()).toContain("idempotencyKey");
    await page.unrouteAll({ behavior: "ignoreErrors" });

    // Same action id, URL and body; none of the admin's cookies.
    const keep = ["next-action", "next-router-state-tree", "content-type", "accept", "origin", "accept-language"];
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => keep.includes(name)));

    const reader = await browser.newContext({ storageState: storageState("reader") });
    const asReader = await reader.request.post(request.url, { headers, data: request.body });
    const readerBody = await asReader.text();
    expect(readerBody).toContain("Your admin role does not allow this action. Nothing was changed.");
    expect(readerBody).toContain("FORBIDDEN");
    await reader.close();

    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signedOut = await anonymous.request.post(request.url, { headers, data: request.body });
    const signedOutBody = await signedOut.text();
    expect(signedOutBody).toContain("Your session has ended. Sign in again.");
    expect(signedOutBody).not.toContain("Purchase complete");
    await anonymous.close();

    await page.goto(product);
    await expect(subscriptions(page).getByRole("row", { name: /^Active/ }).getByRole("cell").nth(1)).toHaveText("5");
    await expect(licenseTotal(page, "Valid licenses")).toHaveText("5");

    // The refused attempt is on the record.
    await page.goto("/audit?result=denied&q=global.reader%40contoso.example");
    const denied = page.getByRole("table").first().getByRole("row").filter({ hasText: "global.reader@contoso.example" }).filter({ hasText: "license.purchase" });
    await expect(denied).toHaveCount(1);
    await expect(denied).toContainText("Denied");
  });
});
