import { expect, test, type Page } from "@playwright/test";
import { licenseTotal, openProduct, pageHeading, storageState, waitForSeededConflictReaders } from "./support";

// The three resolutions, one after another on the shared demo organization: the only spec that
// changes Office 365 E3, Microsoft 365 Business Premium and the deleted demo users.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageState("global") });

test.beforeAll(async () => {
  test.info().setTimeout(120_000);
  await waitForSeededConflictReaders();
});

function conflictAlert(page: Page) {
  return page.getByRole("region", { name: "License totals" }).getByRole("alert");
}

function assignedUsers(page: Page) {
  return page.getByRole("region", { name: "Assigned users" });
}

test("Office 365 E3: buying 2 licenses resolves part of the conflict, deleting the flagged user the rest", async ({ page }) => {
  await openProduct(page, "Office 365 E3");
  await expect(conflictAlert(page)).toContainText("3 users need a valid license");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("8");
  await expect(licenseTotal(page, "Assigned")).toHaveText("11");

  const subscription = page.getByRole("region", { name: "Subscriptions" }).getByRole("row", { name: /^Active/ });
  await subscription.getByRole("spinbutton", { name: "Licenses to buy" }).fill("2");
  await subscription.getByRole("button", { name: "Buy" }).click();
  await expect(subscription.getByRole("status")).toHaveText("Purchase complete. The subscription now has 10 licenses.");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("10");
  await expect(conflictAlert(page)).toContainText("1 user needs a valid license");

  await assignedUsers(page).getByRole("link", { name: "Needs a valid license" }).click();
  await expect(page).toHaveURL(/filter=needsLicense/);
  const flagged = assignedUsers(page).getByRole("row").filter({ hasText: "⚠ Needs a valid license" });
  await expect(flagged).toHaveCount(1);
  await expect(assignedUsers(page).getByRole("row")).toHaveCount(2); // the header and the flagged user
  const userLink = flagged.getByRole("link");
  const name = (await userLink.textContent()) ?? "";
  expect(name).not.toBe("");

  await userLink.click();
  await expect(pageHeading(page, name)).toBeVisible();
  await page.getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByText(`Delete ${name}? Their license is freed at once. You can restore the user for 30 days.`)).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/users\/deleted$/);
  await expect(page.getByRole("row", { name: new RegExp(`^${name} `) })).toBeVisible();

  await openProduct(page, "Office 365 E3");
  await expect(licenseTotal(page, "Assigned")).toHaveText("10");
  await expect(licenseTotal(page, "Available")).toHaveText("0");
  await expect(conflictAlert(page)).toHaveCount(0);
  await expect(assignedUsers(page).getByText("⚠ Needs a valid license")).toHaveCount(0);
});

test("Microsoft 365 Business Premium: removing the licenses of the users who need a valid license", async ({ page }) => {
  await openProduct(page, "Microsoft 365 Business Premium");
  await expect(conflictAlert(page)).toContainText("3 users need a valid license");
  await expect(conflictAlert(page)).toContainText("3 licenses are in the 30-day expired grace period.");

  await assignedUsers(page).getByRole("link", { name: "Needs a valid license" }).click();
  await expect(page).toHaveURL(/filter=needsLicense/);
  const rows = assignedUsers(page).getByRole("row").filter({ has: page.getByRole("checkbox", { name: /^Select (?!all)/ }) });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "⚠ Needs a valid license" })).toHaveCount(3);
  const names = await rows.getByRole("link").allTextContents();

  await assignedUsers(page).getByRole("checkbox", { name: "Select all users on this page" }).check();
  for (const name of names) await expect(assignedUsers(page).getByRole("checkbox", { name: `Select ${name}` })).toBeChecked();
  await assignedUsers(page).getByRole("button", { name: "Remove licenses from selected users" }).click();

  await expect(assignedUsers(page).getByText("No user matches this search or filter.")).toBeVisible();
  await expect(conflictAlert(page)).toHaveCount(0);
  await expect(licenseTotal(page, "Assigned")).toHaveText("10");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("10");

  await assignedUsers(page).getByRole("link", { name: "All", exact: true }).click();
  await expect(assignedUsers(page).getByRole("row")).toHaveCount(11);
  for (const name of names) await expect(assignedUsers(page).getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("with every conflict resolved, the Licenses page has no Status column and no warning", async ({ page }) => {
  await page.goto("/billing/licenses");
  await expect(pageHeading(page, "Licenses")).toBeVisible();
  const table = page.getByRole("region", { name: "Products" }).getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Product" })).toBeVisible();
  await expect(table.getByRole("columnheader")).toHaveCount(4);
  await expect(table.getByRole("columnheader", { name: "Status" })).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: /needs? a valid license/ })).toHaveCount(0);
  await expect(table).not.toContainText(/needs? a valid license/);
  await expect(table.getByRole("row", { name: /Office 365 E3/ }).getByRole("cell").nth(2)).toHaveText("10 of 10");
  await expect(table.getByRole("row", { name: /Microsoft 365 Business Premium/ }).getByRole("cell").nth(2)).toHaveText("10 of 10");
  // The help pane follows: the Licenses article instead of Resolve license conflicts.
  const help = page.getByRole("complementary", { name: "Help" });
  await expect(help.getByRole("heading", { level: 1, name: "The Licenses page" })).toBeVisible();
});

test("restoring Ben Walters warns about the conflict, then brings it back", async ({ page }) => {
  await page.goto("/users/deleted?q=Ben+Walters");
  const row = page.getByRole("row", { name: /^Ben Walters / });
  await expect(row).toContainText("Office 365 E3");
  await row.getByRole("button", { name: "Restore Ben Walters" }).click();
  const warning = row.getByRole("alert");
  await expect(warning).toContainText("Restoring Ben Walters brings back licenses that are not free: Office 365 E3");
  await expect(warning).toContainText(/will be in conflict.* need a valid license\.$/);
  await row.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page.getByRole("row", { name: /^Ben Walters / })).toHaveCount(0);
  await page.goto("/users/deleted?q=Cameron+White");
  await expect(page.getByRole("row", { name: /^Cameron White / })).toBeVisible();
  await page.goto("/users?q=Ben+Walters");
  await expect(page.getByRole("region", { name: "Users" }).getByRole("row", { name: /^Ben Walters / })).toContainText("Office 365 E3");

  await page.goto("/billing/licenses");
  const table = page.getByRole("region", { name: "Products" }).getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Status" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "need" })).toContainText("1 user needs a valid license in 1 product.");
  const e3 = table.getByRole("row", { name: /Office 365 E3/ });
  await expect(e3.getByRole("cell").nth(2)).toHaveText("11 of 10");
  await expect(e3.getByRole("cell").last()).toContainText("1 user needs a valid license");
  await expect(table.getByRole("row", { name: /Microsoft 365 Business Premium/ }).getByRole("cell").last()).toHaveText("OK");
});
