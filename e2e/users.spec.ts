import type { Page } from "@playwright/test";
import { expect, test, uniqueSuffix } from "./fixtures";
import type { Factories } from "./factories";
import { addUser, openUser, pageHeading } from "./support";

// Every test adds its own users (unique names and usernames) and licenses them with a product of
// its own that has plenty of free licenses.
test.beforeEach(async ({ page, factories, signIn }) => {
  await signIn(page, await factories.admin("GlobalAdmin"));
});

async function healthyProduct(factories: Factories): Promise<string> {
  return (await factories.product({ name: "Exchange Online (Plan 1)", subscriptions: [{ quantity: 25 }] })).displayName;
}

function usersTable(page: Page) {
  return page.getByRole("region", { name: "Users" }).getByRole("table");
}

function newUser(label: string, suffix = uniqueSuffix()) {
  return { suffix, displayName: `E2E ${label} ${suffix}`, upn: `e2e.${label.toLowerCase()}.${suffix}@contoso.example` };
}

test("adding a user with a license: listed with it, and its page shows it", async ({ page, factories }) => {
  const HEALTHY = await healthyProduct(factories);
  const user = newUser("Licensed");
  const userPath = await addUser(page, { ...user, products: [HEALTHY] });
  await expect(page.getByRole("status").filter({ hasText: "User added." })).toHaveText("User added. 1 license assigned.");

  await page.goto(`/users?q=${user.suffix}`);
  const row = usersTable(page).getByRole("row", { name: new RegExp(user.displayName) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(2)).toHaveText(user.upn);
  await expect(row.getByRole("cell").nth(3)).toHaveText(HEALTHY);

  await row.getByRole("link", { name: user.displayName }).click();
  await expect(page).toHaveURL(new RegExp(`${userPath}$`));
  await expect(pageHeading(page, user.displayName)).toBeVisible();
  const license = page
    .getByRole("region", { name: "Licenses" })
    .getByRole("row", { name: new RegExp(`^${HEALTHY.replace(/[()]/g, "\\$&")}`) });
  await expect(license.getByRole("link", { name: HEALTHY })).toBeVisible();
  await expect(license.getByRole("cell").nth(2)).toHaveText("Valid");
});

test("adding a user with a product that has no license free says which product was skipped", async ({ page, factories }) => {
  const HEALTHY = await healthyProduct(factories);
  const { product: full } = await factories.productWithUsers("Full Plan", { valid: 1, assigned: 1 });
  await addUser(page, { ...newUser("Skipped"), products: [HEALTHY, full.displayName] });
  await expect(page.getByRole("status").filter({ hasText: "User added." })).toHaveText(
    `User added. 1 license assigned. No license of ${full.displayName} was free, so it was not assigned.`,
  );
});

test("validation errors are shown next to their field and announced; markup in a name never runs", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const suffix = uniqueSuffix();
  await page.goto("/users/new");
  const displayName = page.getByLabel("Display name");
  const upn = page.getByLabel("Username (email address)");

  await displayName.fill(`Valid Name ${suffix}`);
  await upn.fill(`not an email ${suffix}`);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(upn).toHaveAccessibleDescription("Enter a username in the form name@domain.com.");
  await expect(upn).toHaveAttribute("aria-invalid", "true");
  const upnError = page.locator("#upn-error");
  await expect(upnError).toHaveText("Enter a username in the form name@domain.com.");
  await expect(upnError).toHaveAttribute("aria-live", "polite");
  // Next to the field: inside the same label as the input.
  await expect(page.locator("label", { has: upn }).locator("#upn-error")).toHaveCount(1);
  await expect(displayName).not.toHaveAttribute("aria-invalid", "true");
  // One field at fault: the summary says what is wrong with it.
  await expect(page.getByRole("status").filter({ hasText: "Nothing was changed" })).toHaveText(
    "Enter a username in the form name@domain.com. Nothing was changed.",
  );

  const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> ${suffix}`;
  await displayName.fill(hostile);
  await upn.fill(`e2e.hostile.${suffix}@contoso.example`);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(displayName).toHaveAccessibleDescription("Use letters, digits, spaces and . , ' ( ) - only.");
  await expect(displayName).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#displayName-error")).toHaveAttribute("aria-live", "polite");
  await expect(upn).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#upn-error")).toHaveText("");

  // Nothing was created, and nothing ran.
  await page.goto(`/users?q=${suffix}`);
  await expect(page.getByText("No user matches this search or filter.")).toBeVisible();
  expect(dialogs).toEqual([]);
});

test("assigning a license to a user without a usage location says what to fix", async ({ page, factories }) => {
  const HEALTHY = await healthyProduct(factories);
  const user = await factories.user({ name: "Fatima Noor", usageLocation: null });
  await openUser(page, user);
  // A Global admin may edit the user: the missing usage location is a link to set it.
  await expect(page.getByRole("link", { name: "Set a usage location" })).toHaveAttribute("href", `/users/${user.id}/edit`);
  await page.getByLabel("Assign a license").selectOption({ label: `${HEALTHY} (${await availableIn(page, HEALTHY)})` });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "usage location" })).toHaveText(
    `A user has no usage location (${user.displayName}). Set one before assigning a license. Nothing was changed.`,
  );
  await page.reload();
  await expect(page.getByText("This user has no licenses.")).toBeVisible();
});

/** The "n available" part of a product's option in the user page's Assign a license list. */
async function availableIn(page: Page, product: string): Promise<string> {
  const labels = await page.getByLabel("Assign a license").locator("option").allTextContents();
  const label = labels.find((text) => text.startsWith(`${product} (`));
  expect(label).toBeDefined();
  return label!.slice(product.length + 2, -1);
}

test("the Licensed and Unlicensed filters", async ({ page, factories }) => {
  const HEALTHY = await healthyProduct(factories);
  const suffix = uniqueSuffix();
  const licensed = newUser("Licensed", suffix);
  const unlicensed = newUser("Unlicensed", suffix);
  await addUser(page, { ...licensed, products: [HEALTHY] });
  await addUser(page, unlicensed);

  await page.goto(`/users?q=${suffix}`);
  await expect(usersTable(page).getByRole("row")).toHaveCount(3);
  const filters = page.getByRole("group", { name: "Filter users" });
  await expect(filters.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "true");

  await filters.getByRole("link", { name: "Unlicensed" }).click();
  await expect(page).toHaveURL(/filter=unlicensed/);
  await expect(filters.getByRole("link", { name: "Unlicensed" })).toHaveAttribute("aria-current", "true");
  await expect(usersTable(page).getByRole("row")).toHaveCount(2);
  await expect(usersTable(page).getByRole("link", { name: unlicensed.displayName })).toBeVisible();
  await expect(usersTable(page)).toContainText("Unlicensed");

  await filters.getByRole("link", { name: "Licensed", exact: true }).click();
  await expect(page).toHaveURL(/filter=licensed/);
  await expect(usersTable(page).getByRole("row")).toHaveCount(2);
  await expect(usersTable(page).getByRole("link", { name: licensed.displayName })).toBeVisible();
  await expect(usersTable(page)).toContainText(HEALTHY);
  // The search is kept while filtering.
  await expect(page.getByRole("searchbox", { name: "Search by name or email" })).toHaveValue(suffix);
});

test("CSV export of the users list: text/csv with a localized header row, following the filter", async ({ page, factories }) => {
  const HEALTHY = await healthyProduct(factories);
  const licensed = newUser("Export");
  await addUser(page, { ...licensed, products: [HEALTHY] });
  await addUser(page, newUser("Unlicensed", licensed.suffix));

  await page.goto(`/users?q=${licensed.suffix}&filter=licensed`);
  await expect(usersTable(page).getByRole("row")).toHaveCount(2);
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  const href = (await exportLink.getAttribute("href")) ?? "";
  expect(href).toContain("/api/export/users?");

  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(response.headers()["content-disposition"]).toContain('filename="users.csv"');
  const lines = (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("Display name,Username,Usage location,Sign-in allowed,Last sign-in (UTC),Licenses");
  expect(lines.slice(1)).toEqual([`${licensed.displayName},${licensed.upn},US,Yes,,${HEALTHY}`]);

  // The same export for an admin reading Dutch: Dutch headers, and the semicolon Excel expects there.
  const dutch = await page.request.get(href, { headers: { "Accept-Language": "nl-NL,nl;q=0.9" } });
  const dutchLines = (await dutch.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(dutchLines[0]).toBe("Weergavenaam;Gebruikersnaam;Gebruikslocatie;Aanmelden toegestaan;Laatste aanmelding (UTC);Licenties");
  expect(dutchLines[1]).toBe(`${licensed.displayName};${licensed.upn};US;Ja;;${HEALTHY}`);

  // The download itself, as the link starts it.
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toBe("users.csv");
});

test("the users search takes % and _ literally, in the list and in its export", async ({ page, factories }) => {
  await factories.user({ name: "Plain Person" });
  await factories.user({ name: "Under_ Person" });
  // As a wildcard, _ would match the n of "Plain Person" too.
  const q = `_ Person ${factories.tag}`;
  await page.goto(`/users?q=${encodeURIComponent(q)}`);
  await expect(usersTable(page).getByRole("row")).toHaveCount(2);
  await expect(usersTable(page).getByRole("link", { name: factories.name("Under_ Person") })).toBeVisible();
  const csv = await (await page.request.get(`/api/export/users?q=${encodeURIComponent(q)}`)).text();
  expect(
    csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n"),
  ).toHaveLength(2);
  await page.goto(`/users?q=${encodeURIComponent(`%${factories.tag}`)}`);
  await expect(page.getByText("No user matches this search or filter.")).toBeVisible();
});
