import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { expectNoAxeViolations, licenseTotal, openProduct, pageHeading } from "./support";

/**
 * A product of 10 licenses at $12 a month with four holders: one who last signed in 120 days ago,
 * one who never signed in (an account 200 days old), two active. Other tests' products are listed
 * too (the page is the organization's): each test ticks only its own.
 */
async function withInactiveHolders(factories: Factories) {
  const product = await factories.product({ name: "Project Plan 3", priceCents: 1200, subscriptions: [{ quantity: 10 }] });
  const idle = await factories.user({ name: "Idle Ida", lastSignInDaysAgo: 120 });
  const never = await factories.user({ name: "Never Ned", lastSignInDaysAgo: null });
  const active = await factories.usersOf(2, { lastSignInDaysAgo: 3 });
  await factories.assign(product, [idle, never, ...active]);
  return { product, idle, never, active };
}

async function onlyThisProduct(page: Page, productName: string) {
  await page.getByRole("checkbox", { name: "Select all products" }).uncheck();
  await page.getByRole("checkbox", { name: `Reclaim from ${productName}` }).check();
}

test("reclaim from inactive users across the organization: the product's count and cost, one confirmed removal, undone from its record; axe-clean", async ({
  page,
  factories,
  signIn,
}) => {
  const { product, idle, never, active } = await withInactiveHolders(factories);
  await signIn(page, await factories.admin("LicenseAdmin"));
  await page.goto("/billing/licenses");
  await page.getByRole("link", { name: "Reclaim inactive licenses" }).click();
  await expect(pageHeading(page, "Reclaim inactive licenses")).toBeVisible();
  await page.getByRole("spinbutton").fill("90");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "Licenses of users inactive for more than 90 days" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(product.displayName) });
  await expect(row).toContainText("2");
  await expect(row).toContainText("$24.00");
  await expectNoAxeViolations(page);

  await onlyThisProduct(page, product.displayName);
  await expect(page.getByText("2 licenses from 1 product selected: $24.00 a month.")).toBeVisible();
  await page.getByRole("button", { name: "Remove 2 licenses…" }).click();
  await expect(
    page.getByText("Remove 2 licenses from 1 product, held by users who haven't signed in for more than 90 days?", { exact: false }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Remove 2 licenses", exact: true }).click();
  await expect(page.getByText("2 licenses removed from 1 product.").first()).toBeVisible();
  const held = await factories.prisma.licenseAssignment.findMany({ where: { productId: product.id }, select: { userId: true } });
  expect(held.map((a) => a.userId).sort()).toEqual(active.map((u) => u.id).sort());

  await page.getByRole("link", { name: "Review or undo this removal" }).click();
  await expect(pageHeading(page, "Reclaim licenses from inactive users")).toBeVisible();
  await expect(page.getByRole("region", { name: "Licenses removed, per product" })).toContainText(`${product.displayName}: 2`);
  for (const user of [idle, never]) await expect(page.getByRole("link", { name: user.displayName })).toBeVisible();
  await page.getByRole("button", { name: "Undo this removal" }).click();
  await expect(page.getByText(`Give 2 users back their ${product.displayName} license, as it was before the removal?`)).toBeVisible();
  await page.getByRole("button", { name: "Give back 2 licenses" }).click();
  await expect(page.getByText("2 licenses given back.").first()).toBeVisible();
  await openProduct(page, product);
  await expect(licenseTotal(page, "Assigned")).toHaveText("4");
});

test("in Dutch, the reclaim page and its confirmation; a Global reader sees the licenses and can't remove them", async ({
  pageAs,
  factories,
}) => {
  const { product } = await withInactiveHolders(factories);
  const { page } = await pageAs("LicenseAdmin", { locale: "nl-NL" });
  await page.goto("/billing/licenses/reclaim?days=60");
  await expect(pageHeading(page, "Inactieve licenties terugnemen")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Licenties van gebruikers die langer dan 60 dagen inactief zijn" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Alle producten selecteren" }).uncheck();
  await page.getByRole("checkbox", { name: `Terugnemen van ${product.displayName}` }).check();
  await expect(page.getByText("2 licenties uit 1 product geselecteerd: US$ 24,00 per maand.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "2 licenties verwijderen…" }).click();
  await expect(page.getByText("De gebruikers behouden hun account.", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  const reader = await pageAs("GlobalReader");
  await reader.page.goto("/billing/licenses/reclaim?days=60");
  await expect(reader.page.getByRole("row", { name: new RegExp(product.displayName) })).toBeVisible();
  await expect(reader.page.getByText("Your role can see these licenses but not remove them.")).toBeVisible();
  await expect(reader.page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
});

test("the planner's removal offers its undo on the product page; the seats gone, the undo asks and gives back with a conflict", async ({
  page,
  factories,
  signIn,
}) => {
  const product = await factories.product({ name: "Office 365 E1", subscriptions: [{ quantity: 3, reducedDaysAgo: 10 }] });
  const blocked = await factories.user({ name: "Blocked Bea", accountEnabled: false });
  const active = await factories.usersOf(3, { lastSignInDaysAgo: 2 });
  await factories.assign(product, [...active, blocked]);
  await signIn(page, await factories.admin("LicenseAdmin"));
  await page.goto(`/billing/licenses/${product.id}/resolve`);
  await expect(page.getByText("1 selected: exactly what ends the conflict.")).toBeVisible();
  await page.getByRole("button", { name: "Remove 1 license" }).click();
  await page.getByRole("button", { name: "Remove 1 license" }).click();
  await expect(pageHeading(page, product.displayName)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "1 license removed." })).toBeVisible();
  await page.getByRole("link", { name: "Undo this removal (30 minutes)…" }).click();

  // Three licenses, three holders: giving Bea hers back would put a user in conflict again.
  await page.getByRole("button", { name: "Undo this removal" }).click();
  await page.getByRole("button", { name: "Give back 1 license" }).click();
  await expect(page.getByText("More licenses would come back than are free now (1 user would need a valid license).")).toBeVisible();
  await expect(page.getByText("Give them back anyway?", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Give back anyway, creating a conflict" }).click();
  await expect(page.getByText("1 license given back. 1 user needs a valid license.").first()).toBeVisible();
  await openProduct(page, product);
  await expect(licenseTotal(page, "Assigned")).toHaveText("4");
  await expect(page.getByRole("region", { name: "License totals" }).getByRole("alert")).toHaveCount(1);
});
