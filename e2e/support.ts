import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

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

/** The page's own heading (the help pane beside it has a heading of level 1 as well, after it). */
export function pageHeading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true }).first();
}

/** A short suffix that keeps names and usernames of rows a test creates unique across runs and workers. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** The path of a product's page, found through its link on the Licenses page. */
export async function productPath(page: Page, productName: string): Promise<string> {
  await page.goto(`/billing/licenses?q=${encodeURIComponent(productName)}`);
  const link = page.getByRole("link", { name: productName, exact: true });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/billing\/licenses\/[a-z0-9]+$/i);
  return href as string;
}

/** Opens a product's page and waits for its heading (pages stream in behind a loading state). */
export async function openProduct(page: Page, productName: string): Promise<string> {
  const path = await productPath(page, productName);
  await page.goto(path);
  await expect(pageHeading(page, productName)).toBeVisible();
  return path;
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

/*
 * resolve-conflicts.spec.ts resolves the demo organization's conflicts for good, while other specs
 * assert what the seeded conflicts look like. Tests that read the seeded conflicts say so through
 * readingSeededConflicts (a marker file when they start and when they end, in this run's output
 * directory, which Playwright empties at the start of every run); the resolving spec waits until
 * every such reader of this run has finished. Playwright hands tests to workers in file order, so
 * a reader of this run has been handed out before the resolving spec starts: a reader that has not
 * even started after a grace period is not part of this run.
 */
export const SEEDED_CONFLICT_READERS = ["licenses-status-and-warning", "licenses-help-pane"] as const;
type SeededConflictReader = (typeof SEEDED_CONFLICT_READERS)[number];

function markerPath(reader: string, state: "started" | "done"): string {
  return path.join(test.info().project.outputDir, ".seeded-conflict-readers", `${reader}.${state}`);
}

function mark(reader: string, state: "started" | "done"): void {
  const file = markerPath(reader, state);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, new Date().toISOString());
}

export async function readingSeededConflicts(reader: SeededConflictReader, body: () => Promise<void>): Promise<void> {
  mark(reader, "started");
  try {
    await body();
  } finally {
    mark(reader, "done");
  }
}

export async function waitForSeededConflictReaders({ graceMs = 10_000, timeoutMs = 90_000 } = {}): Promise<void> {
  const start = Date.now();
  for (;;) {
    const pending = SEEDED_CONFLICT_READERS.filter((r) => !existsSync(markerPath(r, "done")));
    const running = pending.filter((r) => existsSync(markerPath(r, "started")));
    if (pending.length === 0) return;
    if (running.length === 0 && Date.now() - start > graceMs) return;
    if (Date.now() - start > timeoutMs) throw new Error(`Still reading the seeded conflicts: ${running.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
