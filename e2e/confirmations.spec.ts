/**
 * Every change that takes licenses away or costs money asks first: removing licenses from
 * selected users (product page), removing one license (user page) and buying, with what it
 * costs. Escape and Cancel close a confirmation and change nothing.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { licenseTotal, openProduct, openUser } from "./support";

function assignedUsers(page: Page) {
  return page.getByRole("region", { name: "Assigned users" });
}

test("removing licenses from selected users asks first, names how many, and Escape or Cancel removes nothing", async ({
  page,
  factories,
  signIn,
}) => {
  const { product, users } = await factories.productWithUsers("Visio Plan 2", { valid: 5, assigned: 3 });
  await signIn(page, await factories.admin("LicenseAdmin"));
  await openProduct(page, product);
  const remove = assignedUsers(page).getByRole("button", { name: "Remove licenses from selected users" });

  // Nothing selected: say so, not "some fields need attention".
  await remove.click();
  await expect(assignedUsers(page).getByRole("status").filter({ hasText: "Select at least one user." })).toBeVisible();

  for (const user of users.slice(0, 2))
    await assignedUsers(page)
      .getByRole("checkbox", { name: `Select ${user.displayName}` })
      .check();
  await remove.click();
  const question = assignedUsers(page).getByRole("group", { name: `Remove ${product.displayName} from 2 selected users?` });
  await expect(question).toBeVisible();
  await expect(question).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(licenseTotal(page, "Assigned")).toHaveText("3");

  await remove.click();
  await assignedUsers(page).getByRole("button", { name: "Cancel" }).click();
  await expect(licenseTotal(page, "Assigned")).toHaveText("3");

  // Keyboard only: open, Tab to the confirm button, Enter.
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(question).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(assignedUsers(page).getByRole("button", { name: "Remove 2 licenses" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(licenseTotal(page, "Assigned")).toHaveText("1");
  for (const user of users.slice(0, 2)) await expect(assignedUsers(page).getByRole("link", { name: user.displayName })).toHaveCount(0);
  await expect(assignedUsers(page).getByRole("link", { name: users[2]!.displayName })).toBeVisible();
});

test("removing a license on the user page asks first", async ({ page, factories, signIn }) => {
  const { product, users } = await factories.productWithUsers("Project Plan 3", { valid: 2, assigned: 1 });
  const user = users[0]!;
  await signIn(page, await factories.admin("UserAdmin"));
  await openUser(page, user);
  const licenses = page.getByRole("region", { name: "Licenses" });
  await licenses.getByRole("button", { name: `Remove license ${product.displayName}` }).click();
  const question = licenses.getByRole("group", { name: `Remove ${product.displayName} from ${user.displayName}?`, exact: false });
  await expect(question).toContainText("They lose access to its services at once");
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(licenses.getByRole("link", { name: product.displayName })).toBeVisible();

  await licenses.getByRole("button", { name: `Remove license ${product.displayName}` }).click();
  await question.getByRole("button", { name: `Remove license ${product.displayName}` }).click();
  await expect(licenses.getByRole("link", { name: product.displayName })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Removed 1 license." })).toBeVisible();
});

test("buying shows quantity × price, the yearly total when billed annually, the new total, and buys only when confirmed", async ({
  page,
  factories,
  signIn,
}) => {
  const product = await factories.product({
    name: "Microsoft 365 E5",
    subscriptions: [{ quantity: 10, frequency: "annual" }],
    priceCents: 5700,
  });
  await signIn(page, await factories.admin("BillingAdmin"));
  await openProduct(page, product);
  const row = page.getByRole("region", { name: "Subscriptions" }).getByRole("row", { name: /^Active/ });
  await row.getByRole("spinbutton", { name: "Licenses to buy" }).fill("5");
  await row.getByRole("button", { name: "Buy", exact: true }).click();
  const question = row.getByRole("group", { name: /^Buy 5 licenses\?/ });
  await expect(question).toContainText("5 × $57.00 per license per month = $285.00 per month.");
  await expect(question).toContainText("Billed annually: $3,420.00 per year.");
  await expect(question).toContainText("This subscription then has 15 licenses.");
  await expect(row.getByRole("spinbutton", { name: "Licenses to buy" })).toHaveAttribute("readonly", "");
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("10");

  // Enter in the quantity opens the confirmation rather than buying.
  await row.getByRole("spinbutton", { name: "Licenses to buy" }).fill("2");
  await row.getByRole("spinbutton", { name: "Licenses to buy" }).press("Enter");
  await expect(row.getByRole("group", { name: /^Buy 2 licenses\?/ })).toBeVisible();
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("10");
  await row.getByRole("button", { name: "Buy 2 licenses" }).click();
  await expect(row.getByRole("status")).toHaveText("Purchase complete. The subscription now has 12 licenses.");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("12");
});

test("reactivating an expired subscription says the new term and its cost, then ends the conflict; auto-renew turns off and on", async ({
  page,
  factories,
  signIn,
}) => {
  const { product } = await factories.productWithUsers("Business Premium", { valid: 2, assigned: 3, cause: "expired" });
  await signIn(page, await factories.admin("BillingAdmin"));
  await openProduct(page, product);
  await expect(page.getByRole("region", { name: "License totals" }).getByRole("alert")).toContainText("1 user needs a valid license");
  const subscriptions = page.getByRole("region", { name: "Subscriptions" });
  const expired = subscriptions.getByRole("row", { name: /^Expired/ });
  await expired.getByRole("button", { name: "Reactivate" }).click();
  const question = expired.getByRole("group", { name: /^Reactivate this subscription\?/ });
  await expect(question).toContainText("term starts today and runs until");
  await expect(question).toContainText("1 license:");
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expired.getByRole("button", { name: "Reactivate" }).click();
  await expired.getByRole("group").getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByRole("region", { name: "License totals" }).getByRole("alert")).toHaveCount(0);
  await expect(subscriptions.getByRole("row", { name: /^Expired/ })).toHaveCount(0);

  const active = subscriptions.getByRole("row", { name: /^Active/ }).first();
  await active.getByRole("button", { name: "Turn off automatic renewal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Automatic renewal is off" })).toBeVisible();
  await expect(active).toContainText("does not renew");
  await active.getByRole("button", { name: "Turn on automatic renewal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Automatic renewal is on." })).toBeVisible();
});
