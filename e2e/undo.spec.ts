import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { licenseTotal, openProduct, pageHeading } from "./support";

function assignedUsers(page: Page) {
  return page.getByRole("region", { name: "Assigned users" });
}

test("a removal is undone from its audit event within 30 minutes: the licenses come back, once; another License admin can't", async ({
  page,
  factories,
  signIn,
  pageAs,
}) => {
  const { product, users } = await factories.productWithUsers("Visio Plan 2", { valid: 5, assigned: 3 });
  await signIn(page, await factories.admin("LicenseAdmin", { name: "Remover" }));
  await openProduct(page, product);
  for (const user of users.slice(0, 2))
    await assignedUsers(page)
      .getByRole("checkbox", { name: `Select ${user.displayName}` })
      .check();
  await assignedUsers(page).getByRole("button", { name: "Remove licenses from selected users" }).click();
  await assignedUsers(page).getByRole("button", { name: "Remove 2 licenses" }).click();
  await expect(licenseTotal(page, "Assigned")).toHaveText("1");

  await assignedUsers(page).getByRole("link", { name: "Undo this removal (30 minutes)…" }).click();
  await expect(pageHeading(page, "Remove licenses")).toBeVisible();
  const eventUrl = page.url();
  const undo = page.getByRole("region", { name: "Undo this removal" });
  await expect(undo).toContainText("You can undo this removal until");

  // Another License admin sees no undo on the same event.
  const other = await pageAs("LicenseAdmin");
  await other.page.goto(eventUrl);
  await expect(pageHeading(other.page, "Remove licenses")).toBeVisible();
  await expect(other.page.getByRole("button", { name: "Undo this removal" })).toHaveCount(0);

  await undo.getByRole("button", { name: "Undo this removal" }).click();
  await expect(page.getByText(`Give 2 users back their ${product.displayName} license, as it was before the removal?`)).toBeVisible();
  await page.getByRole("button", { name: "Give back 2 licenses" }).click();
  await expect(page.getByText("2 licenses given back.").first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Undo this removal" })).toHaveCount(0);
  await openProduct(page, product);
  await expect(licenseTotal(page, "Assigned")).toHaveText("3");
  for (const user of users.slice(0, 2)) await expect(assignedUsers(page).getByRole("link", { name: user.displayName })).toBeVisible();
});
