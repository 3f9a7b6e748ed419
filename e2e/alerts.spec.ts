import { expect, test } from "./fixtures";
import { expectNoAxeViolations, pageHeading } from "./support";

test("an admin chooses their alert emails from the account menu: their role's defaults, then their own choice, kept", async ({
  pageAs,
}) => {
  const { page } = await pageAs("BillingAdmin");
  await page.goto("/billing/licenses");
  await page.locator("details > summary", { hasText: "Account" }).click();
  await page.getByRole("link", { name: "Alert emails" }).click();
  await expect(pageHeading(page, "Alert emails")).toBeVisible();
  await expect(page.getByRole("main").getByRole("note").filter({ hasText: "no mail server set up (SMTP_URL)" })).toBeVisible();

  const expiring = page.getByRole("checkbox", { name: "A subscription that won't renew expires in 30, 7 or 1 days" });
  const conflict = page.getByRole("checkbox", { name: "A product has a license conflict (more licenses assigned than are valid)" });
  // A Billing admin gets the subscription alerts by default, not the conflict alerts.
  await expect(expiring).toBeChecked();
  await expect(expiring).toHaveAccessibleDescription("On for your role unless you turn it off");
  await expect(conflict).not.toBeChecked();
  await expect(conflict).toHaveAccessibleDescription("Off for your role unless you turn it on");
  await expectNoAxeViolations(page);

  await expiring.uncheck();
  await conflict.check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your alert emails are saved." })).toBeVisible();
  await page.reload();
  await expect(expiring).not.toBeChecked();
  await expect(conflict).toBeChecked();
});

test("in Dutch: a License admin's conflict alerts are on by role", async ({ pageAs }) => {
  const { page } = await pageAs("LicenseAdmin", { locale: "nl-NL" });
  await page.goto("/settings/alerts");
  await expect(pageHeading(page, "E-mailwaarschuwingen")).toBeVisible();
  await expect(
    page.getByRole("checkbox", { name: "Een product heeft een licentieconflict (meer licenties toegewezen dan er geldig zijn)" }),
  ).toBeChecked();
  await expect(
    page.getByRole("checkbox", { name: "Een abonnement dat niet wordt verlengd, verloopt over 30, 7 of 1 dag" }),
  ).not.toBeChecked();
  await expect(page.getByRole("complementary", { name: "Help" }).getByRole("article")).toHaveAttribute("lang", "nl-NL");
  await expectNoAxeViolations(page);
});
