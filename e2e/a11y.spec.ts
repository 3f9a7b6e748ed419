import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { expectNoAxeViolations, openProduct, openUser, pageHeading } from "./support";

// Each page is checked once it has streamed in (its heading is shown), never its loading state.
async function expectHeading(page: Page, name: string): Promise<void> {
  await expect(pageHeading(page, name)).toBeVisible();
}

/** A product with a monthly subscription of 6 and an annual one of 4, held by 6 users. */
async function powerBi(factories: Factories) {
  const product = await factories.product({
    name: "Power BI Pro",
    subscriptions: [
      { quantity: 6, frequency: "monthly" },
      { quantity: 4, frequency: "annual" },
    ],
  });
  const users = await factories.usersOf(6);
  await factories.assign(product, users);
  return { product, users };
}

test("sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await expectHeading(page, "Sign in to License Center");
  await expectNoAxeViolations(page);
});

test.describe("as a Global admin", () => {
  test.beforeEach(async ({ page, factories, signIn }) => {
    await signIn(page, await factories.admin("GlobalAdmin"));
  });

  test("Licenses page", async ({ page, factories }) => {
    await factories.productWithUsers("Conflicted", { valid: 1, assigned: 2 });
    await page.goto(`/billing/licenses?q=${factories.tag}`);
    await expectHeading(page, "Licenses");
    await expect(page.getByRole("complementary", { name: "Help" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("product page", async ({ page, factories }) => {
    await openProduct(page, (await powerBi(factories)).product);
    await expect(page.getByRole("button", { name: "Remove licenses from selected users" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(2);
    await expectNoAxeViolations(page);
  });

  test("assign page", async ({ page, factories }) => {
    const { product } = await powerBi(factories);
    const path = await openProduct(page, product);
    await page.goto(`${path}/assign`);
    await expectHeading(page, `Assign ${product.displayName}`);
    await expect(page.getByRole("checkbox", { name: "Select all users on this page" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("reduce page with the preview of a reduction that leaves users without a valid license", async ({ page, factories }) => {
    const { product } = await powerBi(factories);
    await openProduct(page, product);
    // The monthly subscription of 6: reducing it to 1 leaves 5 valid licenses for 6 users.
    const reduceLink = page.getByRole("row", { name: /Monthly/ }).getByRole("link", { name: "Remove licenses from subscription" });
    await page.goto(`${await reduceLink.getAttribute("href")}&quantity=1`);
    await expectHeading(page, "Remove licenses from a subscription");
    await expect(page.getByRole("heading", { name: "Reduce from 6 to 1 license", exact: true })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "1 user will need a valid license." })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Active users page", async ({ page, factories }) => {
    await factories.usersOf(3);
    await page.goto(`/users?q=${factories.tag}`);
    await expectHeading(page, "Active users");
    await expect(page.getByRole("link", { name: "Add a user" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("user page, and its delete confirmation", async ({ page, factories }) => {
    const { users } = await powerBi(factories);
    await openUser(page, users[0]!);
    await expect(page.getByRole("button", { name: "Delete user" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove license/ }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Delete user" }).click();
    await expect(page.getByText(new RegExp(`^Delete ${users[0]!.displayName}\\?`))).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Add a user page, with validation errors shown", async ({ page }) => {
    await page.goto("/users/new");
    await expectHeading(page, "Add a user");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("Enter a display name.")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Deleted users page", async ({ page, factories }) => {
    await factories.user({ deletedDaysAgo: 2 });
    await page.goto(`/users/deleted?q=${factories.tag}`);
    await expectHeading(page, "Deleted users");
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Audit log, and an event's page of affected users", async ({ page, factories }) => {
    const { product, users } = await powerBi(factories);
    await openProduct(page, product);
    for (const user of users.slice(0, 2)) await page.getByRole("checkbox", { name: `Select ${user.displayName}` }).check();
    await page.getByRole("button", { name: "Remove licenses from selected users" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Remove 2 licenses" }).click();
    await expect(page.getByRole("checkbox", { name: `Select ${users[0]!.displayName}` })).toHaveCount(0);
    await page.goto(`/audit?q=${encodeURIComponent(product.id)}`);
    await expectHeading(page, "Audit log");
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "2 users: view" }).click();
    await expectHeading(page, "Remove licenses");
    await expect(page.getByRole("heading", { name: "2 users affected" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("help page", async ({ page }) => {
    await page.goto("/help/resolve-license-conflicts");
    await expectHeading(page, "Resolve license conflicts");
    await expect(page.getByRole("navigation", { name: "All help articles" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test("Dutch Licenses page with its machine-translated help", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto("/billing/licenses");
  await expectHeading(page, "Licenties");
  await expect(page.getByRole("button", { name: "Engelse originelen weergeven" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the account menu, open", async ({ page, factories, signIn }) => {
  const admin = await factories.admin("LicenseAdmin");
  await signIn(page, admin);
  await page.goto("/billing/licenses");
  await page.getByRole("banner").locator("summary", { hasText: admin.displayName }).click();
  await expect(page.getByRole("button", { name: "Sign out everywhere" })).toBeVisible();
  await expectNoAxeViolations(page);
});
