import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails on any axe violation, listing them. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  // Each violation with where it is (the first elements' selectors), so a failure says what to fix.
  expect(
    results.violations.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")})`,
    ),
  ).toEqual([]);
}

/** The page's own heading (the help pane beside it has a heading of level 1 as well, after it). */
export function pageHeading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true }).first();
}

/** Opens a product's page and waits for its heading (pages stream in behind a loading state). */
export async function openProduct(page: Page, product: { id: string; displayName: string }): Promise<string> {
  const path = `/billing/licenses/${product.id}`;
  await page.goto(path);
  await expect(pageHeading(page, product.displayName)).toBeVisible();
  return path;
}

/** Opens a user's page and waits for its heading. */
export async function openUser(page: Page, user: { id: string; displayName: string }): Promise<void> {
  await page.goto(`/users/${user.id}`);
  await expect(pageHeading(page, user.displayName)).toBeVisible();
}

/** A figure of a product page's License totals, such as "Valid licenses" or "Assigned". */
export function licenseTotal(page: Page, label: string) {
  return page
    .getByRole("region", { name: "License totals" })
    .locator("div")
    .filter({ has: page.getByRole("term").filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .getByRole("definition");
}

export interface NewUser {
  displayName: string;
  upn: string;
  /** Names of products to license the user with on creation. */
  products?: string[];
}

/** Adds a user through Users › Add a user; returns the path of the new user's page. */
export async function addUser(page: Page, user: NewUser): Promise<string> {
  await page.goto("/users/new");
  await page.getByLabel("Display name").fill(user.displayName);
  await page.getByLabel("Username (email address)").fill(user.upn);
  for (const product of user.products ?? []) {
    await page.getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(product)} \\(`) }).check();
  }
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User added." })).toBeVisible();
  const href = await page.getByRole("link", { name: "Open the new user" }).getAttribute("href");
  expect(href).toMatch(/^\/users\/[a-z0-9]+$/i);
  return href as string;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
