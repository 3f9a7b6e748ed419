import { expect, test, type Page } from "@playwright/test";
import { pageHeading, readingSeededConflicts, storageState } from "./support";

test.use({ storageState: storageState("global") });

const PRODUCTS = ["Exchange Online (Plan 1)", "Microsoft 365 Business Premium", "Microsoft 365 E5", "Office 365 E3", "Power BI Pro", "Visio Plan 2"];

function productsTable(page: Page) {
  return page.getByRole("region", { name: "Products" }).getByRole("table");
}

/** The product names in the order the table shows them. */
async function productNames(page: Page): Promise<string[]> {
  return productsTable(page).getByRole("row").locator("td:first-child a").allTextContents();
}

test("shows the Status column and the warning that users need a valid license", async ({ page }) => {
  await readingSeededConflicts("licenses-status-and-warning", async () => {
    await page.goto("/billing/licenses");
    await expect(pageHeading(page, "Licenses")).toBeVisible();
    await expect(productsTable(page).getByRole("columnheader", { name: "Status" })).toBeVisible();
    const warning = page.getByRole("alert").filter({ hasText: "need a valid license" });
    await expect(warning).toContainText("6 users need a valid license in 2 products.");
    await expect(warning).toContainText("Buy more licenses, remove licenses from users who no longer need them, or delete user accounts");

    const e3 = productsTable(page).getByRole("row", { name: /Office 365 E3/ });
    await expect(e3.getByRole("cell").nth(2)).toHaveText("11 of 8");
    await expect(e3.getByRole("cell").last()).toContainText("3 users need a valid license");
    await expect(e3.getByRole("cell").last()).toContainText("quantity reduced by 3 licenses below assigned");
    const premium = productsTable(page).getByRole("row", { name: /Microsoft 365 Business Premium/ });
    await expect(premium.getByRole("cell").nth(2)).toHaveText("13 of 10");
    await expect(premium.getByRole("cell").nth(3)).toHaveText("4");
    await expect(premium.getByRole("cell").last()).toContainText("3 licenses expired");
    await expect(productsTable(page).getByRole("row", { name: /Power BI Pro/ }).getByRole("cell").last()).toHaveText("OK");
  });
});

test("search narrows the products and says when nothing matches", async ({ page }) => {
  await page.goto("/billing/licenses");
  await page.getByRole("searchbox", { name: "Search products" }).fill("Microsoft 365");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=Microsoft\+365/);
  await expect.poll(() => productNames(page)).toEqual(["Microsoft 365 Business Premium", "Microsoft 365 E5"]);
  await expect(page.getByRole("searchbox", { name: "Search products" })).toHaveValue("Microsoft 365");

  await page.getByRole("searchbox", { name: "Search products" }).fill("no such product");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No product matches “no such product”.")).toBeVisible();
  await expect(productsTable(page)).toHaveCount(0);
});

test("sorting by product name and by assigned licenses", async ({ page }) => {
  await page.goto("/billing/licenses");
  await expect.poll(() => productNames(page)).toEqual(PRODUCTS);

  const byName = productsTable(page).getByRole("columnheader", { name: "Product" });
  await byName.getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect.poll(() => productNames(page)).toEqual([...PRODUCTS].reverse());
  await expect(byName).toHaveAttribute("aria-sort", "descending");

  const byAssigned = productsTable(page).getByRole("columnheader", { name: "Assigned licenses" });
  await byAssigned.getByRole("link").click();
  await expect(page).toHaveURL(/sort=assigned&dir=asc/);
  await expect(byAssigned).toHaveAttribute("aria-sort", "ascending");
  const assigned = async () =>
    (await productsTable(page).getByRole("row").locator("td:nth-child(3)").allTextContents()).map((text) => Number(text.split(" of ")[0]));
  // The counts change while other tests run, but the order always follows them.
  await expect.poll(async () => {
    const counts = await assigned();
    return counts.length === PRODUCTS.length && counts.every((count, i) => i === 0 || counts[i - 1]! <= count);
  }).toBe(true);

  await byAssigned.getByRole("link").click();
  await expect(page).toHaveURL(/sort=assigned&dir=desc/);
  await expect(byAssigned).toHaveAttribute("aria-sort", "descending");
  await expect.poll(async () => {
    const counts = await assigned();
    return counts.length === PRODUCTS.length && counts.every((count, i) => i === 0 || counts[i - 1]! >= count);
  }).toBe(true);
});

test("each product row links to its product page", async ({ page }) => {
  await page.goto("/billing/licenses");
  const links = productsTable(page).locator("td:first-child a");
  await expect(links).toHaveCount(PRODUCTS.length);
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => [a.textContent ?? "", a.getAttribute("href") ?? ""] as const));
  expect(new Set(hrefs.map(([, href]) => href)).size).toBe(PRODUCTS.length);
  for (const [name, href] of hrefs) {
    await page.goto(href);
    await expect(pageHeading(page, name)).toBeVisible();
    await expect(page.getByRole("region", { name: "License totals" })).toBeVisible();
  }
  // And a click follows the link.
  await page.goto("/billing/licenses");
  await productsTable(page).getByRole("link", { name: "Power BI Pro", exact: true }).click();
  await expect(page).toHaveURL(/\/billing\/licenses\/[a-z0-9]+$/);
  await expect(pageHeading(page, "Power BI Pro")).toBeVisible();
});

test("the help pane shows Resolve license conflicts and folds with the keyboard", async ({ page }) => {
  await readingSeededConflicts("licenses-help-pane", async () => {
    await page.goto("/billing/licenses");
    const pane = page.getByRole("complementary", { name: "Help" });
    await expect(pane.getByRole("heading", { level: 1, name: "Resolve license conflicts" })).toBeVisible();
    await expect(pane.getByRole("heading", { name: "How do I resolve license conflicts?" })).toBeVisible();

    const toggle = pane.getByRole("button", { name: "Hide help" });
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await toggle.focus();
    await page.keyboard.press("Enter");
    const showHelp = pane.getByRole("button", { name: "Show help" });
    await expect(showHelp).toHaveAttribute("aria-expanded", "false");
    await expect(showHelp).toBeFocused();
    await expect(pane.getByRole("heading", { name: "Resolve license conflicts" })).toBeHidden();

    // Folded stays folded on the next page load.
    await page.reload();
    await expect(pane.getByRole("button", { name: "Show help" })).toBeVisible();
    await expect(pane.getByRole("heading", { name: "Resolve license conflicts" })).toBeHidden();

    await pane.getByRole("button", { name: "Show help" }).focus();
    await page.keyboard.press("Space");
    await expect(pane.getByRole("button", { name: "Hide help" })).toHaveAttribute("aria-expanded", "true");
    await expect(pane.getByRole("heading", { level: 1, name: "Resolve license conflicts" })).toBeVisible();
  });
});
