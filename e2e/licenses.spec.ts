import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, pageHeading } from "./support";

function productsTable(page: Page) {
  return page.getByRole("region", { name: "Products" }).getByRole("table");
}

/** The product names in the order the table shows them. */
async function productNames(page: Page): Promise<string[]> {
  return productsTable(page).getByRole("row").locator("td:first-child a").allTextContents();
}

test("the Status column shows each product's conflict, its cause and how many users need a valid license", async ({
  page,
  factories,
  signIn,
}) => {
  await factories.productWithUsers("Office Reduced", { valid: 8, assigned: 11, cause: "reduced" });
  const expired = await factories.product({ name: "Premium Lapsed", subscriptions: [{ quantity: 10 }, { quantity: 4, state: "expired" }] });
  await factories.assign(expired, await factories.usersOf(13));
  await factories.productWithUsers("Healthy Plan", { valid: 5, assigned: 2 });
  await signIn(page, await factories.admin("GlobalAdmin"));

  await page.goto(`/billing/licenses?q=${factories.tag}`);
  await expect(pageHeading(page, "Licenses")).toBeVisible();
  await expect(productsTable(page).getByRole("columnheader", { name: "Status" })).toBeVisible();
  const warning = page.getByRole("alert").filter({ hasText: "need a valid license" });
  await expect(warning).toContainText("Buy more licenses, remove licenses from users who no longer need them, or delete user accounts");

  const reduced = productsTable(page).getByRole("row", { name: new RegExp(factories.name("Office Reduced")) });
  await expect(reduced.getByRole("cell").nth(2)).toHaveText("11 of 8");
  await expect(reduced.getByRole("cell").last()).toContainText("3 users need a valid license");
  await expect(reduced.getByRole("cell").last()).toContainText("quantity reduced by 3 licenses below assigned");
  const lapsed = productsTable(page).getByRole("row", { name: new RegExp(factories.name("Premium Lapsed")) });
  await expect(lapsed.getByRole("cell").nth(2)).toHaveText("13 of 10");
  await expect(lapsed.getByRole("cell").nth(3)).toHaveText("4");
  await expect(lapsed.getByRole("cell").last()).toContainText("4 licenses expired (3 users affected)");
  await expect(
    productsTable(page)
      .getByRole("row", { name: new RegExp(factories.name("Healthy Plan")) })
      .getByRole("cell")
      .last(),
  ).toHaveText("OK");
});

test("search narrows the products and says when nothing matches", async ({ page, factories, signIn }) => {
  for (const name of ["Alpha Suite", "Beta Suite", "Gamma Plan"]) await factories.product({ name, subscriptions: [{ quantity: 5 }] });
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto("/billing/licenses");
  const search = page.getByRole("searchbox", { name: "Search products" });
  await search.fill(`Suite ${factories.tag}`);
  await page.locator("form").filter({ has: search }).getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=Suite\+/);
  await expect.poll(() => productNames(page)).toEqual([factories.name("Alpha Suite"), factories.name("Beta Suite")]);
  await expect(search).toHaveValue(`Suite ${factories.tag}`);

  await search.fill(`no such product ${factories.tag}`);
  await page.locator("form").filter({ has: search }).getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText(`No product matches “no such product ${factories.tag}”.`)).toBeVisible();
  await expect(productsTable(page)).toHaveCount(0);
});

test("% and _ in a search are taken literally", async ({ page, factories, signIn }) => {
  await factories.product({ name: "Plain Product", subscriptions: [{ quantity: 1 }] });
  await factories.product({ name: "Under_ Product", subscriptions: [{ quantity: 1 }] });
  await signIn(page, await factories.admin("GlobalReader"));
  // As a wildcard, _ would match the n of "Plain Product" too.
  await page.goto(`/billing/licenses?q=${encodeURIComponent(`_ Product ${factories.tag}`)}`);
  await expect.poll(() => productNames(page)).toEqual([factories.name("Under_ Product")]);
  await page.goto(`/billing/licenses?q=${encodeURIComponent(`% ${factories.tag}`)}`);
  await expect(page.getByText(`No product matches “% ${factories.tag}”.`)).toBeVisible();
});

test("sorting by product name and by assigned licenses", async ({ page, factories, signIn }) => {
  await factories.productWithUsers("Charlie", { valid: 5, assigned: 1 });
  await factories.productWithUsers("Alpha", { valid: 5, assigned: 3 });
  await factories.productWithUsers("Bravo", { valid: 5, assigned: 2 });
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/billing/licenses?q=${factories.tag}`);
  const names = ["Alpha", "Bravo", "Charlie"].map((n) => factories.name(n));
  await expect.poll(() => productNames(page)).toEqual(names);

  const byName = productsTable(page).getByRole("columnheader", { name: "Product" });
  await byName.getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect.poll(() => productNames(page)).toEqual([...names].reverse());
  await expect(byName).toHaveAttribute("aria-sort", "descending");

  const byAssigned = productsTable(page).getByRole("columnheader", { name: "Assigned licenses" });
  await byAssigned.getByRole("link").click();
  await expect(page).toHaveURL(/sort=assigned&dir=asc/);
  await expect(byAssigned).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => productNames(page)).toEqual([names[2], names[1], names[0]]);
  await byAssigned.getByRole("link").click();
  await expect(page).toHaveURL(/sort=assigned&dir=desc/);
  await expect.poll(() => productNames(page)).toEqual([names[0], names[1], names[2]]);
  // The search stays while sorting.
  await expect(page.getByRole("searchbox", { name: "Search products" })).toHaveValue(factories.tag);
});

test("sorting by available and by expired licenses, and the page as CSV", async ({ page, factories, signIn }) => {
  // Available: Alpha 4, Bravo 0, Charlie 2. Expired (in their grace): Bravo 2, the others none.
  await factories.productWithUsers("Alpha", { valid: 5, assigned: 1 });
  await factories.productWithUsers("Bravo", { valid: 2, assigned: 4, cause: "expired" });
  await factories.productWithUsers("Charlie", { valid: 5, assigned: 3 });
  const [alpha, bravo, charlie] = ["Alpha", "Bravo", "Charlie"].map((n) => factories.name(n));
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/billing/licenses?q=${factories.tag}`);

  const byAvailable = productsTable(page).getByRole("columnheader", { name: "Available licenses" });
  await byAvailable.getByRole("link").click();
  await expect(page).toHaveURL(/sort=available&dir=asc/);
  await expect.poll(() => productNames(page)).toEqual([bravo, charlie, alpha]);
  await expect(byAvailable).toHaveAttribute("aria-sort", "ascending");
  await byAvailable.getByRole("link").click();
  await expect(page).toHaveURL(/sort=available&dir=desc/);
  await expect.poll(() => productNames(page)).toEqual([alpha, charlie, bravo]);

  const byExpired = productsTable(page).getByRole("columnheader", { name: "Expired licenses" });
  await byExpired.getByRole("link").click();
  await expect(page).toHaveURL(/sort=expired&dir=asc/);
  await expect(byExpired).toHaveAttribute("aria-sort", "ascending");
  await byExpired.getByRole("link").click();
  await expect(page).toHaveURL(/sort=expired&dir=desc/);
  await expect.poll(async () => (await productNames(page))[0]).toBe(bravo);

  const href = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")) ?? "";
  expect(href).toBe(`/api/export/products?q=${factories.tag}&sort=expired&dir=desc`);
  const lines = (await (await page.request.get(href)).text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "Product,SKU,Available licenses,Assigned licenses,Valid licenses,Expired licenses (grace),Disabled licenses,Users needing a valid license,Causes",
  );
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(new RegExp(`^${bravo},[^,]+,0,4,2,2,0,2,"2 licenses expired \\(2 users affected\\) · resolve by `));
});

test("each product row links to its product page", async ({ page, factories, signIn }) => {
  const products = [];
  for (const name of ["First Link", "Second Link"]) products.push(await factories.product({ name, subscriptions: [{ quantity: 3 }] }));
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/billing/licenses?q=${factories.tag}`);
  const links = productsTable(page).locator("td:first-child a");
  await expect(links).toHaveCount(2);
  for (const product of products)
    expect(await productsTable(page).getByRole("link", { name: product.displayName }).getAttribute("href")).toBe(
      `/billing/licenses/${product.id}`,
    );
  await productsTable(page).getByRole("link", { name: products[1]!.displayName }).click();
  await expect(page).toHaveURL(new RegExp(`/billing/licenses/${products[1]!.id}$`));
  await expect(pageHeading(page, products[1]!.displayName)).toBeVisible();
  await expect(page.getByRole("region", { name: "License totals" })).toBeVisible();
});

test("while a conflict exists the help pane shows Resolve license conflicts, and folds with the keyboard", async ({
  page,
  factories,
  signIn,
}) => {
  await factories.productWithUsers("Pane Conflict", { valid: 1, assigned: 2 });
  await signIn(page, await factories.admin("GlobalAdmin"));
  await page.goto("/billing/licenses");
  const pane = page.getByRole("complementary", { name: "Help" });
  await expect(pane.getByRole("heading", { level: 1, name: "Resolve license conflicts" })).toBeVisible();
  await expect(pane.getByRole("heading", { name: "How do I resolve license conflicts?" })).toBeVisible();

  const toggle = pane.getByRole("button", { name: "Hide help" });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await toggle.focus();
  await page.keyboard.press("Enter");
  const showHelp = pane.getByRole("button", { name: "Show help" });
  await expect(showHelp).toHaveAttribute("aria-expanded", "false");
  await expect(showHelp).toBeFocused();
  await expect(pane.getByRole("heading", { name: "Resolve license conflicts" })).toBeHidden();

  // Folded stays folded on the next page load.
  await page.reload();
  await expect(pane.getByRole("button", { name: "Show help" })).toBeVisible();
  await expect(pane.getByRole("heading", { name: "Resolve license conflicts" })).toBeHidden();

  await pane.getByRole("button", { name: "Show help" }).focus();
  await page.keyboard.press("Space");
  await expect(pane.getByRole("button", { name: "Hide help" })).toHaveAttribute("aria-expanded", "true");
  await expect(pane.getByRole("heading", { level: 1, name: "Resolve license conflicts" })).toBeVisible();
});

test("removing the license from every user in a view of 12,000 shows the server's count as it goes, then the result", async ({
  page,
  factories,
  signIn,
}) => {
  test.setTimeout(180_000);
  const product = await factories.product({ name: "Bulk Removal", subscriptions: [{ quantity: 15_000 }] });
  const leaving = await factories.bulkUsers(12_000, "Leaver");
  const staying = await factories.usersOf(3);
  await factories.assign(product, [...staying, ...leaving]);
  await signIn(page, await factories.admin("LicenseAdmin"));

  await page.goto(`/billing/licenses/${product.id}?q=Leaver`);
  const assigned = page.getByRole("region", { name: "Assigned users" });
  // The page counts up to 1,000; the confirmation asks the server for the exact number.
  await assigned.getByRole("button", { name: "Remove from all users in this view (more than 1,000)" }).click();
  await expect(assigned.getByText("Remove this license from all 12,000 users listed by this search and filter?")).toBeVisible();
  // Every progress text the page shows, however briefly.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const node of document.querySelectorAll("span")) {
        const text = node.textContent ?? "";
        if (/( of 12,000 removed|^Removing licenses from 12,000 users…)$/.test(text) && !seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await assigned.getByRole("button", { name: "Remove 12,000 licenses" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Removed 12,000 licenses." }).first()).toBeAttached({ timeout: 60_000 });
  await expect(assigned.getByText("No user matches this search or filter.")).toBeVisible();
  // The lines of the answer (each part's count, then the result) are checked in
  // tests/integration/remove-in-view.test.ts and over HTTP in e2e/security.spec.ts.
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  // The page says what it is doing at once; how many of the counts it paints depends on how the
  // parts' lines arrive (they may come in one chunk and render once): the reader's handling of
  // each line is tested in tests/unit/removal-stream.test.ts, the lines themselves above.
  expect(seen[0]).toBe("Removing licenses from 12,000 users…");
  expect(seen.slice(1).every((text) => /^(0|5,000|10,000|12,000) of 12,000 removed$/.test(text))).toBe(true);

  await page.goto(`/billing/licenses/${product.id}`);
  await expect(assigned.getByRole("row").filter({ has: page.getByRole("checkbox", { name: /^Select (?!all)/ }) })).toHaveCount(3);
  const audit = await factories.prisma.auditEvent.findMany({ where: { action: "license.removeInView", targetId: product.id } });
  expect(audit.map((e) => [e.result, e.userCount])).toEqual([["success", 12_000]]);
});

test("when the view changes after the admin confirmed its count, nothing is removed and the new count is asked for", async ({
  page,
  factories,
  signIn,
}) => {
  const { product, users } = await factories.productWithUsers("View Changes", { valid: 10, assigned: 5 });
  await signIn(page, await factories.admin("LicenseAdmin"));
  await page.goto(`/billing/licenses/${product.id}?q=${encodeURIComponent(factories.tag)}`);
  const assigned = page.getByRole("region", { name: "Assigned users" });
  await assigned.getByRole("button", { name: "Remove from all 5 users in this view" }).click();
  await expect(assigned.getByRole("button", { name: "Remove 5 licenses" })).toBeVisible();
  // Meanwhile another admin removes one of them.
  await factories.prisma.$transaction(async (tx) => {
    await tx.licenseAssignment.deleteMany({ where: { productId: product.id, userId: users[0]!.id } });
    await tx.product.update({ where: { id: product.id }, data: { assignedCount: 4, holdersVersion: { increment: 1 } } });
  });
  await assigned.getByRole("button", { name: "Remove 5 licenses" }).click();
  await expect(assigned.getByText("The list changed after you confirmed: it now holds 4 users. Nothing was removed.")).toBeVisible();
  await expect(assigned.getByRole("button", { name: "Remove 4 licenses" })).toBeVisible();
  expect(await factories.prisma.licenseAssignment.count({ where: { productId: product.id } })).toBe(4);
  await assigned.getByRole("button", { name: "Remove 4 licenses" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Removed 4 licenses." }).first()).toBeAttached();
  await expect(assigned.getByText("No user matches this search or filter.")).toBeVisible();
});

test("a product page lists its service plans by name, and its users' last sign-in, sortable with never-signed-in first", async ({
  page,
  factories,
  signIn,
}) => {
  const product = await factories.product({
    name: "Office 365 E3",
    subscriptions: [{ quantity: 5 }],
    plans: ["EXCHANGE_S_ENTERPRISE", "TEAMS1", "CUSTOM_PLAN"],
  });
  const active = await factories.user({ name: "Recent Rita", lastSignInDaysAgo: 1 });
  const never = await factories.user({ name: "Never Nora", lastSignInDaysAgo: null });
  const old = await factories.user({ name: "Old Olga", lastSignInDaysAgo: 200 });
  await factories.assign(product, [active, never, old]);
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/billing/licenses/${product.id}`);
  const plans = page.getByRole("region", { name: "Service plans" });
  await expect(plans).toContainText("Exchange Online (Plan 2)");
  await expect(plans).toContainText("Microsoft Teams");
  await expect(plans).toContainText("CUSTOM_PLAN");

  const assigned = page.getByRole("region", { name: "Assigned users" });
  await assigned.getByRole("columnheader", { name: "Last sign-in" }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=lastSignIn&dir=asc/);
  await expect
    .poll(() => assigned.getByRole("row").locator("td:first-child a").allTextContents())
    .toEqual([never, old, active].map((u) => u.displayName));
  await expect(assigned.getByRole("row", { name: new RegExp(never.displayName) })).toContainText("Never");
});

test("Upcoming conflicts: a subscription ending without renewal that will leave users without a valid license, in English and Dutch", async ({
  pageAs,
  factories,
}) => {
  const { product } = await factories.productWithUsers("Project Plan 3", { valid: 4, assigned: 3 });
  const endsAt = new Date(Date.now() + 20 * 24 * 3600 * 1000);
  await factories.prisma.subscription.update({ where: { id: product.subscriptions[0]! }, data: { endsAt, autoRenew: false, quantity: 3 } });
  await factories.prisma.subscription.create({
    data: {
      productId: product.id,
      quantity: 1,
      startsAt: new Date(Date.now() - 86_400_000),
      endsAt: new Date(Date.now() + 300 * 86_400_000),
    },
  });
  const { page } = await pageAs("GlobalReader");
  await page.goto(`/billing/licenses?q=${factories.tag}`);
  const upcoming = page.getByRole("region", { name: "Upcoming conflicts" });
  await expect(upcoming.getByRole("listitem").filter({ hasText: product.displayName })).toContainText(
    "3 licenses of a monthly subscription expire; 2 users will then need a valid license.",
  );
  const dutch = await pageAs("LicenseAdmin", { locale: "nl-NL" });
  await dutch.page.goto(`/billing/licenses?q=${factories.tag}`);
  await expect(
    dutch.page.getByRole("region", { name: "Komende conflicten" }).getByRole("listitem").filter({ hasText: product.displayName }),
  ).toContainText("3 licenties van een maandabonnement verlopen; 2 gebruikers hebben dan een geldige licentie nodig.");

  // The product's next 90 days: the chart's figures as a table, and the page axe-clean.
  await page.getByRole("link", { name: product.displayName, exact: true }).first().click();
  const outlook = page.getByRole("region", { name: "The next 90 days" });
  await expect(outlook.getByRole("row")).toHaveCount(3);
  await expect(outlook.getByRole("row").nth(1)).toContainText(/4\s*3\s*0/);
  await expect(outlook.getByRole("row").nth(2)).toContainText(/1\s*3\s*2/);
  await expectNoAxeViolations(page);
});
