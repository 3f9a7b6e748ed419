import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { expectNoAxeViolations, openProduct, pageHeading } from "./support";

/** A product reduced to 3 licenses with 5 holders: one blocked, one who never signed in, three active. */
async function conflicted(factories: Factories) {
  const product = await factories.product({ name: "Office 365 E3", subscriptions: [{ quantity: 3, reducedDaysAgo: 10 }] });
  const blocked = await factories.user({ name: "Blocked Bo", accountEnabled: false });
  const never = await factories.user({ name: "Never Nel", lastSignInDaysAgo: null });
  const active = await factories.usersOf(3, { lastSignInDaysAgo: 2 });
  await factories.assign(product, [...active, blocked, never]);
  return { product, blocked, never, active };
}

test("the planner proposes the blocked and the never-signed-in user; removing them ends the conflict exactly; axe-clean", async ({
  page,
  factories,
  signIn,
}) => {
  const { product, blocked, never } = await conflicted(factories);
  await signIn(page, await factories.admin("LicenseAdmin"));
  await openProduct(page, product);
  await page.getByRole("link", { name: "Plan the resolution" }).click();
  await expect(pageHeading(page, `Resolve the conflict of ${product.displayName}`)).toBeVisible();
  const rows = page.getByRole("region", { name: "Remove licenses from users who don't use them" }).getByRole("row");
  await expect(rows.nth(1)).toContainText(blocked.displayName);
  await expect(rows.nth(1)).toContainText("Sign-in blocked");
  await expect(rows.nth(2)).toContainText(never.displayName);
  await expect(rows.nth(2)).toContainText("Never signed in (account 200 days old)");
  await expect(page.getByText("2 selected: exactly what ends the conflict.")).toBeVisible();
  await expect(page.getByText("2 licenses cost $20.00 per month ($240.00 per year).")).toBeVisible();
  await expectNoAxeViolations(page);

  await rows.nth(2).getByRole("checkbox").uncheck();
  await expect(page.getByText("1 selected: 1 more is needed to end the conflict (2 in all).")).toBeVisible();
  await rows.nth(2).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Remove 2 licenses" }).click();
  await expect(page.getByText(`Remove ${product.displayName} from 2 selected users?`)).toBeVisible();
  await page.getByRole("button", { name: "Remove 2 licenses" }).click();
  await expect(pageHeading(page, product.displayName)).toBeVisible();
  await expect(page.getByRole("region", { name: "License totals" }).getByRole("alert")).toHaveCount(0);
  const held = await factories.prisma.licenseAssignment.findMany({ where: { productId: product.id }, select: { userId: true } });
  expect(held.map((a) => a.userId)).not.toContain(blocked.id);
  expect(held).toHaveLength(3);
});

test("in Dutch, the planner and its reasons; a Billing admin sees the plan and is told which role removes licenses", async ({
  pageAs,
  factories,
}) => {
  const { product, never } = await conflicted(factories);
  const { page } = await pageAs("LicenseAdmin", { locale: "nl-NL" });
  await page.goto(`/billing/licenses/${product.id}/resolve`);
  await expect(pageHeading(page, `Het conflict van ${product.displayName} oplossen`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(never.displayName) })).toContainText("Nooit aangemeld (account 200 dagen oud)");
  await expect(page.getByText("2 geselecteerd: precies genoeg om het conflict te beëindigen.")).toBeVisible();
  await expectNoAxeViolations(page);

  const billing = await pageAs("BillingAdmin");
  await billing.page.goto(`/billing/licenses/${product.id}/resolve`);
  await expect(billing.page.getByText("2 licenses cost $20.00 per month")).toBeVisible();
  await expect(billing.page.getByRole("heading", { name: "You can't remove licenses from users with your role" })).toBeVisible();
  await expect(billing.page.getByRole("checkbox")).toHaveCount(0);
});
