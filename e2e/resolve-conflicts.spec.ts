/**
 * The three resolutions, and one way a conflict comes back, on a server of the test's own: the
 * Status column and the warning are about the whole organization, so only an organization with
 * nothing but this test's rows can show them disappear.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { licenseTotal, openProduct, openUser, pageHeading } from "./support";

function conflictAlert(page: Page) {
  return page.getByRole("region", { name: "License totals" }).getByRole("alert");
}

function assignedUsers(page: Page) {
  return page.getByRole("region", { name: "Assigned users" });
}

function productsTable(page: Page) {
  return page.getByRole("region", { name: "Products" }).getByRole("table");
}

test("buying, deleting the flagged user and removing licenses end every conflict: the Status column and the warning go", async ({
  ownServer,
  pageAs,
}) => {
  test.setTimeout(120_000);
  const server = await ownServer("resolve");
  const { factories } = server;
  const { product: e3 } = await factories.productWithUsers("Office E3", { valid: 8, assigned: 11, cause: "reduced" });
  const { product: premium } = await factories.productWithUsers("Business Premium", { valid: 10, assigned: 13, cause: "expired" });
  const { page } = await pageAs("GlobalAdmin", { baseURL: server.baseURL, factories });

  await page.goto("/billing/licenses");
  await expect(page.getByRole("alert").filter({ hasText: "need a valid license" })).toContainText(
    "6 users need a valid license in 2 products.",
  );

  // Office E3: buy 2 licenses, then delete the one user still flagged.
  await openProduct(page, e3);
  await expect(conflictAlert(page)).toContainText("3 users need a valid license");
  const subscription = page.getByRole("region", { name: "Subscriptions" }).getByRole("row", { name: /^Active/ });
  await subscription.getByRole("spinbutton", { name: "Licenses to buy" }).fill("2");
  await subscription.getByRole("button", { name: "Buy" }).click();
  await subscription.getByRole("button", { name: "Buy 2 licenses" }).click();
  await expect(subscription.getByRole("status")).toHaveText("Purchase complete. The subscription now has 10 licenses.");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("10");
  await expect(conflictAlert(page)).toContainText("1 user needs a valid license");

  await assignedUsers(page).getByRole("link", { name: "Needs a valid license" }).click();
  await expect(page).toHaveURL(/filter=needsLicense/);
  const flagged = assignedUsers(page).getByRole("row").filter({ hasText: "⚠ Needs a valid license" });
  await expect(flagged).toHaveCount(1);
  await expect(assignedUsers(page).getByRole("row")).toHaveCount(2);
  const userLink = flagged.getByRole("link");
  const name = (await userLink.textContent()) ?? "";
  await userLink.click();
  await expect(pageHeading(page, name)).toBeVisible();
  await page.getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByText(`Delete ${name}? Their license is freed at once. You can restore the user for 30 days.`)).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/users\/deleted$/);
  await expect(page.getByRole("row", { name: new RegExp(`^${name} `) })).toBeVisible();
  await openProduct(page, e3);
  await expect(licenseTotal(page, "Assigned")).toHaveText("10");
  await expect(conflictAlert(page)).toHaveCount(0);

  // Business Premium: remove the licenses of the users who need a valid one.
  await openProduct(page, premium);
  await expect(conflictAlert(page)).toContainText("3 users need a valid license");
  await expect(conflictAlert(page)).toContainText(
    "3 licenses are in the 30-day expired grace period; 3 users need a valid license before it ends.",
  );
  await assignedUsers(page).getByRole("link", { name: "Needs a valid license" }).click();
  const rows = assignedUsers(page)
    .getByRole("row")
    .filter({ has: page.getByRole("checkbox", { name: /^Select (?!all)/ }) });
  await expect(rows).toHaveCount(3);
  const names = await rows.getByRole("link").allTextContents();
  await assignedUsers(page).getByRole("checkbox", { name: "Select all users on this page" }).check();
  await assignedUsers(page).getByRole("button", { name: "Remove licenses from selected users" }).click();
  await assignedUsers(page).getByRole("button", { name: "Remove 3 licenses" }).click();
  await expect(assignedUsers(page).getByText("No user matches this search or filter.")).toBeVisible();
  await expect(conflictAlert(page)).toHaveCount(0);
  await expect(licenseTotal(page, "Assigned")).toHaveText("10");
  await assignedUsers(page).getByRole("link", { name: "All", exact: true }).click();
  await expect(assignedUsers(page).getByRole("row")).toHaveCount(11);
  for (const removed of names) await expect(assignedUsers(page).getByRole("link", { name: removed, exact: true })).toHaveCount(0);

  // Nothing left in conflict: no Status column, no warning, and the help pane follows.
  await page.goto("/billing/licenses");
  await expect(productsTable(page).getByRole("columnheader", { name: "Product" })).toBeVisible();
  await expect(productsTable(page).getByRole("columnheader")).toHaveCount(4);
  await expect(productsTable(page).getByRole("columnheader", { name: "Status" })).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: /needs? a valid license/ })).toHaveCount(0);
  await expect(
    productsTable(page)
      .getByRole("row", { name: new RegExp(e3.displayName) })
      .getByRole("cell")
      .nth(2),
  ).toHaveText("10 of 10");
  await expect(
    productsTable(page)
      .getByRole("row", { name: new RegExp(premium.displayName) })
      .getByRole("cell")
      .nth(2),
  ).toHaveText("10 of 10");
  await expect(
    page.getByRole("complementary", { name: "Help" }).getByRole("heading", { level: 1, name: "The Licenses page" }),
  ).toBeVisible();
});

test("restoring a deleted user whose licenses are taken warns first, then brings the conflict back", async ({ ownServer, pageAs }) => {
  test.setTimeout(120_000);
  const server = await ownServer("restore");
  const { factories } = server;
  // Reduced weeks ago and full since: the restore, not the reduction, makes the conflict.
  const product = await factories.product({ name: "Office E3", subscriptions: [{ quantity: 3, reducedDaysAgo: 40 }] });
  const users = await factories.usersOf(3);
  await factories.assign(product, users);
  const deleted = await factories.user({ name: "Ben Walters", deletedDaysAgo: 5 });
  await factories.assign(product, [deleted], { firstDaysAgo: 180 });
  const { page } = await pageAs("UserAdmin", { baseURL: server.baseURL, factories });

  await page.goto("/billing/licenses");
  await expect(productsTable(page).getByRole("columnheader", { name: "Status" })).toHaveCount(0);

  await page.goto("/users/deleted");
  const row = page.getByRole("row", { name: new RegExp(`^${deleted.displayName} `) });
  await expect(row).toContainText(product.displayName);
  await row.getByRole("button", { name: `Restore ${deleted.displayName}` }).click();
  const warning = row.getByRole("alert");
  await expect(warning).toContainText(`Restoring ${deleted.displayName} brings back licenses that are not free: ${product.displayName}`);
  await expect(warning).toContainText(/will be in conflict.* need a valid license\.$/);
  await row.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page.getByRole("row", { name: new RegExp(`^${deleted.displayName} `) })).toHaveCount(0);
  await openUser(page, deleted);
  await expect(page.getByRole("region", { name: "Licenses" }).getByRole("link", { name: product.displayName })).toBeVisible();

  await page.goto("/billing/licenses");
  await expect(productsTable(page).getByRole("columnheader", { name: "Status" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "need" })).toContainText("1 user needs a valid license in 1 product.");
  const e3 = productsTable(page).getByRole("row", { name: new RegExp(product.displayName) });
  await expect(e3.getByRole("cell").nth(2)).toHaveText("4 of 3");
  await expect(e3.getByRole("cell").last()).toContainText("1 user needs a valid license");
  await expect(e3.getByRole("cell").last()).toContainText("1 user restored while no licenses were free");
  await expect(e3.getByRole("cell").last()).not.toContainText("quantity reduced");

  // The restored user is the one who needs a valid license; those who kept theirs stay licensed.
  await openProduct(page, product);
  await expect(conflictAlert(page)).toContainText("1 user was restored while no licenses were free: that user needs a valid license.");
  await assignedUsers(page).getByRole("link", { name: "Needs a valid license" }).click();
  await expect(assignedUsers(page).getByRole("link", { name: deleted.displayName })).toBeVisible();
  for (const user of users) await expect(assignedUsers(page).getByRole("link", { name: user.displayName })).toHaveCount(0);
});
