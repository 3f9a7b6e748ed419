import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { utcDay } from "@/lib/domain/history";
import { addDays } from "@/lib/domain/lifecycle";
import { expectNoAxeViolations, openProduct, pageHeading } from "./support";

/** A product reduced to 2 licenses with 3 holders, and its last four days: 1, 2, 3, 3 users against 4, 4, 2, 2 licenses. */
async function withHistory(factories: Factories) {
  const { product } = await factories.productWithUsers("Office 365 E3", { valid: 2, assigned: 3 });
  await factories.history(product, [
    { daysAgo: 3, valid: 4, assigned: 1 },
    { daysAgo: 2, valid: 4, assigned: 2, expired: 1 },
    { daysAgo: 1, valid: 2, assigned: 3 },
    { daysAgo: 0, valid: 2, assigned: 3 },
  ]);
  return product;
}

/** A day as the page writes it (its dates are UTC days). */
function day(locale: string, daysAgo: number): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "medium" }).format(addDays(utcDay(new Date()), -daysAgo));
}

/** The history table's row of a day (the assigned users' table has dates too). */
function rowOf(history: Locator, locale: string, daysAgo: number) {
  return history.getByRole("row").filter({ has: history.page().getByRole("cell", { name: day(locale, daysAgo), exact: true }) });
}

test("a product's history: assigned against valid licenses by day, in words and as a table; axe-clean", async ({
  page,
  factories,
  signIn,
}) => {
  const product = await withHistory(factories);
  await signIn(page, await factories.admin("GlobalReader"));
  await openProduct(page, product);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.locator("svg path")).toHaveCount(2);
  await expect(history.locator("figcaption")).toHaveText("Valid licensesAssigned");
  await expect(history).toContainText(`On ${day("en-US", 3)}: 1 user assigned, 4 valid licenses.`);
  await expect(history).toContainText(`On ${day("en-US", 0)}: 3 users assigned, 2 valid licenses.`);
  await expectNoAxeViolations(page);

  await history.getByText("Figures by day").click();
  const table = history.getByRole("table", {
    name: "Valid licenses, assigned users, expired licenses and users who needed a valid license, by day",
  });
  await expect(table.getByRole("row")).toHaveCount(5);
  // Day, valid, assigned, expired, needed a valid license.
  await expect(rowOf(history, "en-US", 3).getByRole("cell")).toHaveText([day("en-US", 3), "4", "1", "0", "0"]);
  await expect(rowOf(history, "en-US", 2).getByRole("cell")).toHaveText([day("en-US", 2), "4", "2", "1", "0"]);
  await expect(rowOf(history, "en-US", 1).getByRole("cell")).toHaveText([day("en-US", 1), "2", "3", "0", "1"]);
  await expectNoAxeViolations(page);
});

test("in Dutch, the history's words, dates and table; axe-clean", async ({ pageAs, factories }) => {
  const product = await withHistory(factories);
  const { page } = await pageAs("LicenseAdmin", { locale: "nl-NL" });
  await page.goto(`/billing/licenses/${product.id}`);
  await expect(pageHeading(page, product.displayName)).toBeVisible();
  const history = page.getByRole("region", { name: "Geschiedenis" });
  await expect(history.locator("figcaption")).toHaveText("Geldige licentiesToegewezen");
  await expect(history).toContainText(`Op ${day("nl-NL", 3)}: 1 gebruiker toegewezen, 4 geldige licenties.`);
  await expect(history).toContainText(`Op ${day("nl-NL", 0)}: 3 gebruikers toegewezen, 2 geldige licenties.`);
  await history.getByText("Cijfers per dag").click();
  await expect(rowOf(history, "nl-NL", 1).getByRole("cell")).toHaveText([day("nl-NL", 1), "2", "3", "0", "1"]);
  await expectNoAxeViolations(page);
});

test("with one snapshot, the history says it starts with the daily snapshots, without a chart", async ({ page, factories, signIn }) => {
  const { product } = await factories.productWithUsers("Visio Plan 2", { valid: 3, assigned: 1 });
  await factories.history(product, [{ daysAgo: 0, valid: 3, assigned: 1 }]);
  await signIn(page, await factories.admin("GlobalReader"));
  await openProduct(page, product);
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("History starts with the first daily snapshot of the license counts.");
  await expect(history.locator("svg")).toHaveCount(0);
  await expect(history.getByText("Figures by day")).toHaveCount(0);
});
