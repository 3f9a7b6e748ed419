import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { ProductRef, UserRef } from "./factories";
import { licenseTotal, openProduct, pageHeading } from "./support";

// Each test has its own Visio Plan 2: an active subscription of 3 beside a disabled one of 3,
// held by 2 users, the second assigned last.
let PRODUCT: ProductRef;
let holders: UserRef[];

test.beforeEach(async ({ page, factories, signIn }) => {
  PRODUCT = await factories.product({
    name: "Visio Plan 2",
    subscriptions: [
      { quantity: 3, frequency: "annual" },
      { quantity: 3, state: "disabled", frequency: "annual" },
    ],
  });
  holders = [await factories.user({ name: "Debra Berger" }), await factories.user({ name: "Mia Hoffmann" })];
  await factories.assign(PRODUCT, holders);
  await signIn(page, await factories.admin("BillingAdmin"));
});

async function openReducePage(page: Page): Promise<string> {
  await openProduct(page, PRODUCT);
  const active = page.getByRole("region", { name: "Subscriptions" }).getByRole("row", { name: /^Active/ });
  await active.getByRole("link", { name: "Remove licenses from subscription" }).click();
  await expect(pageHeading(page, "Remove licenses from a subscription")).toBeVisible();
  return page.url();
}

function newTotal(page: Page) {
  return page.getByRole("spinbutton", { name: "New total number of licenses" });
}

test("a reduction below what is assigned shows how many and which users will need a valid license, and changes nothing until confirmed", async ({
  page,
}) => {
  await openReducePage(page);
  await expect(page.getByText("This subscription has 3 licenses. 2 of the product's 3 valid licenses are assigned.")).toBeVisible();
  await newTotal(page).fill("1");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page).toHaveURL(/[?&]quantity=1(&|$)/);

  const confirm = page.getByRole("region", { name: "Reduce from 3 to 1 license", exact: true });
  await expect(confirm.getByRole("alert")).toContainText("1 user will need a valid license.");
  await expect(confirm.getByRole("alert")).toContainText("Users keep access for 90 days.");
  await expect(confirm.getByRole("heading", { name: "The user who will need a valid license" })).toBeVisible();
  const affected = confirm.getByRole("listitem");
  await expect(affected).toHaveCount(1);
  await expect(affected).toContainText(`${holders[1]!.displayName} (${holders[1]!.upn})`);
  await expect(confirm.getByRole("button", { name: "Reduce anyway (1 user affected)" })).toBeVisible();

  // Not confirmed: the product is as it was.
  await openProduct(page, PRODUCT);
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("3");
  await expect(licenseTotal(page, "Available")).toHaveText("1");
  await expect(page.getByRole("region", { name: "License totals" }).getByRole("alert")).toHaveCount(0);
});

test("a new total that is not lower than the current one is rejected", async ({ page }) => {
  const reduceUrl = await openReducePage(page);
  await newTotal(page).fill("3");
  await page.getByRole("button", { name: "Review" }).click();
  // The browser keeps the form: 3 is over the field's maximum.
  await expect(newTotal(page)).toHaveJSProperty("validity.rangeOverflow", true);
  expect(page.url()).toBe(reduceUrl);
  await expect(page.getByRole("heading", { name: /^Reduce from/ })).toHaveCount(0);

  // The server says so too when the form is bypassed.
  await page.goto(`${reduceUrl}&quantity=4`);
  await expect(pageHeading(page, "Remove licenses from a subscription")).toBeVisible();
  await expect(
    page.getByText("The new total must be lower than the current 3. To add licenses, buy them on the product page."),
  ).toBeVisible();
  await expect(newTotal(page)).toHaveAttribute("aria-invalid", "true");
  await expect(newTotal(page)).toHaveAccessibleDescription(/must be lower than the current 3/);
  await expect(page.getByRole("heading", { name: /^Reduce from/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Reduce/ })).toHaveCount(0);
});

test("reducing 3 to 2 keeps every assigned user licensed", async ({ page }) => {
  await openReducePage(page);
  await newTotal(page).fill("2");
  await page.getByRole("button", { name: "Review" }).click();
  const confirm = page.getByRole("region", { name: "Reduce from 3 to 2 licenses", exact: true });
  await expect(confirm.getByText("Every assigned user keeps a valid license.")).toBeVisible();
  await expect(confirm.getByRole("alert")).toHaveCount(0);
  await expect(confirm.getByRole("listitem")).toHaveCount(0);
  await confirm.getByRole("button", { name: "Reduce quantity" }).click();
  // Done: back on the product page, with the new quantity.
  await expect(page).toHaveURL(/\/billing\/licenses\/[a-z0-9]+$/);
  await expect(pageHeading(page, PRODUCT.displayName)).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Subscriptions" })
      .getByRole("row", { name: /^Active/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("2");
  await expect(licenseTotal(page, "Valid licenses")).toHaveText("2");
  await expect(licenseTotal(page, "Assigned")).toHaveText("2");
  await expect(licenseTotal(page, "Available")).toHaveText("0");
  await expect(page.getByRole("region", { name: "License totals" }).getByRole("alert")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Assigned users" }).getByText("⚠ Needs a valid license")).toHaveCount(0);
});
