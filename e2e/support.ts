import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-Password-2026";

export const ROLES = {
  global: "global.admin@contoso.example",
  billing: "billing.admin@contoso.example",
  license: "license.admin@contoso.example",
  user: "user.admin@contoso.example",
  reader: "global.reader@contoso.example",
} as const;
export type RoleKey = keyof typeof ROLES;

export const storageState = (role: RoleKey) => `e2e/.auth/${role}.json`;

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/email/i).fill(username);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/billing\/licenses/);
}

/** Fails on any axe violation, listing them. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
