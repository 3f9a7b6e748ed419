/**
 * A phone's width (390 × 844): no page is wider than the screen, the navigation folds behind a
 * Menu button, and tables show each row as a block with every value under its column's name.
 */
import { expect, test } from "./fixtures";
import { openProduct, pageHeading } from "./support";

test.use({ viewport: { width: 390, height: 844 } });

test("every admin page fits a 390 px screen, in English and Chinese", async ({ page, factories, signIn }) => {
  const { product, users } = await factories.productWithUsers("Office 365 E3", { valid: 2, assigned: 3 });
  // The product page's history chart and its table, too.
  await factories.history(
    product,
    Array.from({ length: 90 }, (_, daysAgo) => ({ daysAgo, valid: daysAgo > 10 ? 4 : 2, assigned: daysAgo > 60 ? 1 : 3 })),
  );
  await signIn(page, await factories.admin("GlobalAdmin"));
  const paths = [
    `/billing/licenses?q=${factories.tag}`,
    `/billing/licenses/${product.id}`,
    `/billing/licenses/${product.id}/assign`,
    `/users?q=${factories.tag}`,
    `/users/${users[0]!.id}`,
    `/users/${users[0]!.id}/edit`,
    "/users/deleted",
    "/users/new",
    "/audit",
  ];
  for (const locale of ["en-US", "zh-CN"]) {
    if (locale === "zh-CN") {
      await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "中文(中国)" });
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    }
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${locale} ${path} is ${width} px wide`).toBeLessThanOrEqual(390);
    }
  }
});

test("the navigation opens from Menu, closes with Escape and after following a link", async ({ page, factories, signIn }) => {
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto("/billing/licenses");
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Active users" })).toBeVisible();
  await nav.getByRole("link", { name: "Audit log" }).focus();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await nav.getByRole("link", { name: "Active users" }).click();
  await expect(pageHeading(page, "Active users")).toBeVisible();
  await expect(nav).toBeHidden();
});

test("a product's rows show each value under its column's name, and the search box fits its card", async ({ page, factories, signIn }) => {
  const { product } = await factories.productWithUsers("Visio Plan 2", { valid: 1, assigned: 2 });
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/billing/licenses?q=${factories.tag}`);
  const row = page.getByRole("row", { name: new RegExp(product.displayName) });
  const assigned = row.locator('td[data-label="Assigned licenses"]');
  await expect(assigned).toHaveText("2 of 1");
  // The column's name is shown above the value (a ::before of the cell).
  expect(await assigned.evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe('"Assigned licenses"');
  const search = page.getByRole("searchbox", { name: "Search products" });
  const card = page.getByRole("region", { name: "Products" });
  const [searchBox, cardBox] = [await search.boundingBox(), await card.boundingBox()];
  expect(searchBox!.x + searchBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
  await openProduct(page, product);
  await expect(page.getByRole("region", { name: "Assigned users" }).locator('td[data-label="Status"]').first()).toBeVisible();
});
