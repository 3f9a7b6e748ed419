import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, openProduct, pageHeading, storageState } from "./support";

// Each page is checked once it has streamed in (its heading is shown), never its loading state.
async function expectHeading(page: Page, name: string): Promise<void> {
  await expect(pageHeading(page, name)).toBeVisible();
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign-in page", async ({ page }) => {
    await page.goto("/sign-in");
    await expectHeading(page, "Sign in to License Center");
    await expectNoAxeViolations(page);
  });
});

test.describe("as a Global admin", () => {
  test.use({ storageState: storageState("global") });

  test("Licenses page", async ({ page }) => {
    await page.goto("/billing/licenses");
    await expectHeading(page, "Licenses");
    await expect(page.getByRole("complementary", { name: "Help" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("product page", async ({ page }) => {
    await openProduct(page, "Power BI Pro");
    await expect(page.getByRole("button", { name: "Remove licenses from selected users" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(2);
    await expectNoAxeViolations(page);
  });

  test("assign page", async ({ page }) => {
    const product = await openProduct(page, "Power BI Pro");
    await page.goto(`${product}/assign`);
    await expectHeading(page, "Assign Power BI Pro");
    await expect(page.getByRole("checkbox", { name: "Select all users on this page" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("reduce page with the preview of a reduction that leaves users without a valid license", async ({ page }) => {
    await openProduct(page, "Power BI Pro");
    // The monthly subscription of 6: reducing it to 1 leaves 5 valid licenses for 6 users.
    const reduceLink = page.getByRole("row", { name: /Monthly/ }).getByRole("link", { name: "Remove licenses from subscription" });
    await page.goto(`${await reduceLink.getAttribute("href")}&quantity=1`);
    await expectHeading(page, "Remove licenses from a subscription");
    await expect(page.getByRole("heading", { name: "Reduce from 6 to 1 license", exact: true })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "1 user will need a valid license." })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Active users page", async ({ page }) => {
    await page.goto("/users");
    await expectHeading(page, "Active users");
    await expect(page.getByRole("link", { name: "Add a user" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("user page", async ({ page }) => {
    await page.goto("/users?q=Adele");
    await page.getByRole("link", { name: "Adele Vance" }).click();
    await expectHeading(page, "Adele Vance");
    await expect(page.getByRole("button", { name: "Delete user" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove license/ }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    // The delete confirmation is part of the page too.
    await page.getByRole("button", { name: "Delete user" }).click();
    await expect(page.getByText(/^Delete Adele Vance\?/)).toBeVisible();
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

  test("Deleted users page", async ({ page }) => {
    await page.goto("/users/deleted");
    await expectHeading(page, "Deleted users");
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Audit log", async ({ page }) => {
    await page.goto("/audit");
    await expectHeading(page, "Audit log");
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("help page", async ({ page }) => {
    await page.goto("/help/resolve-license-conflicts");
    await expectHeading(page, "Resolve license conflicts");
    await expect(page.getByRole("navigation", { name: "All help articles" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("Dutch Licenses page with its machine-translated help", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState("global"), locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto("/billing/licenses");
    await expectHeading(page, "Licenties");
    await expect(page.getByRole("button", { name: "Engelse originelen weergeven" })).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
