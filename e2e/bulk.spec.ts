import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, openProduct, pageHeading } from "./support";

// Users › Active users: the product filter, a selection that spans pages, and the bulk actions,
// each previewed by the server before it is confirmed. Every test owns its users and products
// and searches the list for its own tag.

function usersTable(page: Page) {
  return page.getByRole("region", { name: "Users" }).getByRole("table");
}

function rowOf(page: Page, name: string): Locator {
  return usersTable(page).getByRole("row", { name: new RegExp(name) });
}

/** Activates a control from the keyboard: focus, then the key a keyboard user would press. */
async function press(control: Locator, key: "Enter" | "Space" = "Enter"): Promise<void> {
  await control.focus();
  await control.press(key);
}

/** Chooses an option of a focused select by typing its name, as a keyboard user does. */
async function typeInto(select: Locator, name: string): Promise<void> {
  await select.focus();
  await select.page().keyboard.type(name);
  await expect(select.locator("option:checked")).toHaveText(name);
}

test("keyboard only: users selected on two pages get one product replaced with another, after a preview; axe-clean", async ({
  page,
  factories,
  signIn,
}) => {
  const users = await factories.bulkUsers(55, "Bulk");
  const e3 = await factories.product({ name: "Office 365 E3", subscriptions: [{ quantity: 60 }] });
  const e5 = await factories.product({ name: "Microsoft 365 E5", subscriptions: [{ quantity: 5 }] });
  await factories.assign(e3, users);
  await signIn(page, await factories.admin("LicenseAdmin"));

  await page.goto(`/users?q=${factories.tag}&sort=name`);
  await expect(pageHeading(page, "Active users")).toBeVisible();
  const first = users.find((u) => u.displayName.startsWith("Bulk 0 "))!;
  await press(rowOf(page, first.displayName).getByRole("checkbox"), "Space");
  await expect(page.getByRole("heading", { name: "1 user selected" })).toBeVisible();

  await press(page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next page" }));
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  const second = usersTable(page).getByRole("row").nth(1);
  const secondName = (await second.getByRole("link").first().textContent()) ?? "";
  await press(second.getByRole("checkbox"), "Space");
  await expect(page.getByRole("heading", { name: "2 users selected" })).toBeVisible();

  await press(page.getByRole("toolbar", { name: "Actions for the selected users" }).getByRole("button", { name: "Replace a product" }));
  await typeInto(page.getByRole("combobox", { name: "Replace" }), e3.displayName);
  await typeInto(page.getByRole("combobox", { name: "With" }), e5.displayName);
  await press(page.getByRole("button", { name: "Review" }));
  const preview = page.getByRole("group", { name: "Replace a product" });
  await expect(preview).toContainText(
    `2 users get ${e5.displayName} instead of ${e3.displayName}: 2 licenses of ${e3.displayName} are freed.`,
  );
  await expect(preview).toContainText(`Needs 2 licenses of ${e5.displayName}: 5 are available.`);
  await expectNoAxeViolations(page);

  await press(page.getByRole("button", { name: "Replace for 2 users" }));
  await expect(page.getByText("2 users now have the new product instead.").first()).toBeVisible();
  await expect(page.getByText("Select users on any page of the list")).toBeVisible();
  const held = await factories.prisma.licenseAssignment.findMany({
    where: { user: { displayName: { in: [first.displayName, secondName] } } },
    select: { productId: true },
  });
  expect(held.map((a) => a.productId)).toEqual([e5.id, e5.id]);
});

test("a preview that would over-assign says so and can't be confirmed; Escape closes it", async ({ page, factories, signIn }) => {
  const users = await factories.usersOf(3);
  const full = await factories.product({ name: "Visio Plan 2", subscriptions: [{ quantity: 2 }] });
  await factories.assign(full, users.slice(0, 1));
  await signIn(page, await factories.admin("GlobalAdmin"));
  await page.goto(`/users?q=${factories.tag}&filter=unlicensed`);
  // Two of the users and the Global admin signed in for this test.
  await expect(usersTable(page).getByRole("row")).toHaveCount(4);
  await page.getByRole("checkbox", { name: "Select every user on this page" }).check();
  await expect(page.getByRole("heading", { name: "3 users selected" })).toBeVisible();
  await page.getByRole("button", { name: "Assign a license" }).click();
  await page.getByRole("combobox", { name: "Product" }).last().selectOption({ label: full.displayName });
  await page.getByRole("button", { name: "Review" }).click();
  const panel = page.getByRole("group", { name: "Assign a license" });
  await expect(panel).toContainText(`Needs 3 licenses of ${full.displayName}: 1 is available.`);
  await expect(panel).toContainText("Not enough licenses: 1 is available for 3 users.");
  await expect(page.getByRole("button", { name: "Assign to 3 users" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  expect(await factories.prisma.licenseAssignment.count({ where: { productId: full.id } })).toBe(1);
});

test("a User admin blocks sign-in for several users (one already blocked); a Global reader gets no checkboxes", async ({
  page,
  factories,
  signIn,
}) => {
  const [open, blocked] = [await factories.user({ name: "Open Door" }), await factories.user({ name: "Shut Door", accountEnabled: false })];
  await signIn(page, await factories.admin("UserAdmin"));
  await page.goto(`/users?q=${encodeURIComponent(`Door ${factories.tag}`)}`);
  for (const user of [open, blocked]) await rowOf(page, user.displayName).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Block sign-in" }).click();
  const panel = page.getByRole("group", { name: "Block sign-in" });
  await expect(panel).toContainText("1 user can't sign in any more; their licenses stay assigned and their sessions end.");
  await expect(panel).toContainText("1 selected user is blocked already.");
  await page.getByRole("button", { name: "Block 1 user" }).click();
  await expect(page.getByText("Sign-in changed for 1 user. 1 was in that state already.").first()).toBeVisible();
  await expect(rowOf(page, open.displayName)).toContainText("Sign-in blocked");
  expect((await factories.prisma.user.findUniqueOrThrow({ where: { id: open.id } })).accountEnabled).toBe(false);

  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/users?q=${encodeURIComponent(`Door ${factories.tag}`)}`);
  await expect(rowOf(page, open.displayName)).toBeVisible();
  await expect(usersTable(page).getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("toolbar", { name: "Actions for the selected users" })).toHaveCount(0);
});

test("the product filter: users licensed with a product, or without it; the export follows it", async ({ page, factories, signIn }) => {
  const users = await factories.usersOf(3);
  const product = await factories.product({ name: "Power BI Pro", subscriptions: [{ quantity: 5 }] });
  await factories.assign(product, users.slice(0, 2));
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/users?q=${factories.tag}`);
  const filter = page.getByRole("form", { name: "Filter by product" });
  await filter.getByRole("combobox", { name: "Product" }).selectOption({ label: product.displayName });
  await filter.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`product=${product.id}`));
  await expect(usersTable(page).getByRole("row")).toHaveCount(3);
  const exported = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(exported).toContain(`product=${product.id}`);
  const csv = await (await page.request.get(exported!)).text();
  expect(csv.trim().split("\n")).toHaveLength(3);

  await filter.getByRole("combobox", { name: "Users" }).selectOption({ label: "without" });
  await filter.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/has=without/);
  // The third user and the Global reader signed in for this test.
  await expect(usersTable(page).getByRole("row")).toHaveCount(3);
  await expect(rowOf(page, users[2]!.displayName)).toBeVisible();
  await page.getByRole("link", { name: "Clear product filter" }).click();
  await expect(usersTable(page).getByRole("row")).toHaveCount(5);
});

test("a product page lists its inactive and its blocked users, to reclaim their licenses", async ({ page, factories, signIn }) => {
  const product = await factories.product({ name: "Project Plan 3", subscriptions: [{ quantity: 10 }] });
  const [away, never, active, blocked] = [
    await factories.user({ name: "Away Long", lastSignInDaysAgo: 45 }),
    await factories.user({ name: "Never Came", lastSignInDaysAgo: null }),
    await factories.user({ name: "Here Today", lastSignInDaysAgo: 0 }),
    await factories.user({ name: "Shut Out", accountEnabled: false }),
  ];
  await factories.assign(product, [away, never, active, blocked]);
  await signIn(page, await factories.admin("LicenseAdmin"));
  await openProduct(page, product);
  const filters = page.getByRole("group", { name: "Filter users" });
  await filters.getByRole("link", { name: "Inactive" }).click();
  await expect(page.getByText("Users who haven't signed in for more than 30 days")).toBeVisible();
  const table = page.getByRole("region", { name: "Assigned users" }).getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(3);
  for (const user of [away, never]) await expect(table.getByRole("row", { name: new RegExp(user.displayName) })).toBeVisible();
  // Counted for the filter, not the product's 4 assigned.
  await expect(page.getByText("2 items", { exact: true })).toBeVisible();
  const days = page.getByRole("form", { name: "Days without a sign-in" });
  await days.getByRole("spinbutton", { name: "No sign-in for more than" }).fill("60");
  await days.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/days=60/);
  await expect(page.getByText("haven't signed in for more than 60 days")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: new RegExp(never.displayName) })).toBeVisible();
  await filters.getByRole("link", { name: "Never signed in" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: new RegExp(never.displayName) })).toBeVisible();
  await filters.getByRole("link", { name: "Sign-in blocked" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: new RegExp(blocked.displayName) })).toBeVisible();
});

test("Active users: inactive for more than N days, typed or chosen, and the export follows it", async ({ page, factories, signIn }) => {
  const [away, recent] = [
    await factories.user({ name: "Gone Fishing", lastSignInDaysAgo: 45 }),
    await factories.user({ name: "Back Again", lastSignInDaysAgo: 5 }),
  ];
  await signIn(page, await factories.admin("GlobalReader"));
  await page.goto(`/users?q=${factories.tag}`);
  await page.getByRole("group", { name: "Filter users" }).getByRole("link", { name: "Inactive" }).click();
  await expect(rowOf(page, away.displayName)).toBeVisible();
  await expect(rowOf(page, recent.displayName)).toHaveCount(0);
  const days = page.getByRole("form", { name: "Days without a sign-in" });
  await days.getByRole("spinbutton", { name: "No sign-in for more than" }).fill("3");
  await days.getByRole("button", { name: "Apply" }).click();
  await expect(rowOf(page, recent.displayName)).toBeVisible();
  const exported = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(exported).toContain("days=3");
  const csv = await (await page.request.get(exported!)).text();
  expect(csv).toContain(recent.upn);
  expect(csv).toContain(away.upn);
});
