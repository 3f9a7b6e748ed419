/**
 * Users › a user › Edit: the way out of "set a usage location first", block sign-in, and a
 * Global admin's roles, in English and Dutch.
 */
import { expect, test } from "./fixtures";
import { openProduct, openUser, pageHeading } from "./support";

test("a user without a usage location gets one from the assign page's link, by country name, then gets the license", async ({
  page,
  factories,
  signIn,
}) => {
  const product = await factories.product({ name: "Power BI Pro", subscriptions: [{ quantity: 5 }] });
  const user = await factories.user({ name: "Nomad", usageLocation: null });
  await signIn(page, await factories.admin("UserAdmin"));
  await page.goto(`/billing/licenses/${product.id}/assign?q=${encodeURIComponent(user.displayName)}`);
  await page
    .getByRole("row", { name: new RegExp(user.displayName) })
    .getByRole("link", { name: "Not set: set a usage location first" })
    .click();
  await expect(pageHeading(page, `Edit ${user.displayName}`)).toBeVisible();

  const location = page.getByLabel("Usage location");
  await expect(location.getByRole("option", { name: "Netherlands" })).toHaveCount(1);
  await location.selectOption({ label: "Netherlands" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 1 change." })).toBeVisible();

  await openUser(page, user);
  await expect(page.getByRole("definition").filter({ hasText: "Netherlands" })).toBeVisible();
  const licenses = page.getByRole("region", { name: "Licenses" });
  await licenses.getByLabel("Assign a license").selectOption({ label: `${product.displayName} (5 available)` });
  await licenses.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(licenses.getByRole("link", { name: product.displayName })).toBeVisible();
});

test("blocking sign-in keeps the licenses; a Global admin gives a role; Dutch names the countries in Dutch", async ({
  page,
  factories,
  signIn,
}) => {
  const { product, users } = await factories.productWithUsers("Visio Plan 2", { valid: 3, assigned: 1 });
  const user = users[0]!;
  await signIn(page, await factories.admin("GlobalAdmin"));
  await openUser(page, user);
  await page.getByRole("link", { name: "Edit user" }).click();
  await page.getByRole("radio", { name: "Block sign-in" }).check();
  await page.getByRole("checkbox", { name: "License admin" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 1 change." })).toBeVisible();
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();

  await openUser(page, user);
  await expect(page.getByRole("definition").filter({ hasText: "Sign-in blocked" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "License admin" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Licenses" }).getByRole("link", { name: product.displayName })).toBeVisible();
  await openProduct(page, product);
  await expect(page.getByRole("region", { name: "Assigned users" }).getByRole("table").getByText("Sign-in blocked")).toBeVisible();

  await page.goto(`/users/${user.id}/edit`);
  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "Nederlands (Nederland)" });
  await expect(pageHeading(page, `${user.displayName} bewerken`)).toBeVisible();
  await expect(page.getByLabel("Gebruikslocatie").getByRole("option", { name: "Nederland" })).toHaveCount(1);
  await expect(page.getByLabel("Gebruikslocatie").getByRole("option", { name: "Duitsland" })).toHaveCount(1);
});

test("a User admin opening an admin's edit page is told only a Global admin can; a Billing admin is told the roles it takes", async ({
  page,
  factories,
  signIn,
}) => {
  const admin = await factories.admin("LicenseAdmin", { name: "Other admin" });
  await signIn(page, await factories.admin("UserAdmin"));
  await page.goto(`/users/${admin.id}/edit`);
  await expect(page.getByText(`${admin.displayName} is an admin. Only a Global admin can edit admins.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);

  await signIn(page, await factories.admin("BillingAdmin"));
  await page.goto(`/users/${admin.id}/edit`);
  await expect(page.getByRole("heading", { name: "You can't edit users with your role" })).toBeVisible();
  await expect(page.getByText("This needs the Global admin or User admin role.")).toBeVisible();
});
