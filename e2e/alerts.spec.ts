import { expect, test } from "./fixtures";
import { expectNoAxeViolations, openProduct, pageHeading } from "./support";

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

test("a calendar link: shown once, read by a calendar app without signing in, revoked", async ({ pageAs, playwright, baseURL }) => {
  const { page } = await pageAs("GlobalReader");
  await page.goto("/settings/alerts");
  await expect(page.getByText("You have no calendar link.")).toBeVisible();
  await page.getByRole("button", { name: "Create a calendar link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your calendar link is ready. Copy it now" })).toBeVisible();
  const url = await page.getByRole("textbox", { name: "Calendar link (copy it into your calendar app)" }).inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL}/api/calendar/[A-Za-z0-9_-]{43}$`));

  const calendarApp = await playwright.request.newContext();
  const feed = await calendarApp.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const ics = await feed.text();
  expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(ics).toContain("X-WR-CALNAME:License Center: subscriptions and conflicts");

  await page.reload();
  await expect(page.getByText(/^Your calendar link was created on .+ A calendar last read it on /)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Revoke the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your calendar link no longer works." })).toBeVisible();
  expect((await calendarApp.get(url)).status()).toBe(404);
  await calendarApp.dispose();
});

test("a Billing admin sets a product's few-licenses-left alert; a bad number is refused in Dutch; a License admin only sees it", async ({
  page,
  factories,
  signIn,
  pageAs,
}) => {
  const { product } = await factories.productWithUsers("Project Plan 1", { valid: 10, assigned: 7 });
  await signIn(page, await factories.admin("BillingAdmin", { name: "Threshold Setter" }));
  await openProduct(page, product);
  const section = page.getByRole("region", { name: "Few licenses left" });
  await expect(section).toContainText("No alert is set. 3 licenses are free now.");
  await section.getByRole("spinbutton", { name: "Alert when free licenses fall below" }).fill("5");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("Saved: an alert is raised when fewer than 5 licenses are free.")).toBeVisible();
  await expect(section).toContainText("An alert is raised when fewer than 5 licenses are free.");
  expect((await factories.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).lowLicensesBelow).toBe(5);
  await expectNoAxeViolations(page);

  const dutch = await pageAs("BillingAdmin", { locale: "nl-NL" });
  await dutch.page.goto(`/billing/licenses/${product.id}`);
  const nl = dutch.page.getByRole("region", { name: "Weinig licenties over" });
  // The browser's own check is bypassed, as a forged or scripted request would.
  await nl.getByRole("spinbutton").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("max");
    input.value = "200000";
  });
  await nl.getByRole("button", { name: "Opslaan" }).click();
  await expect(nl.getByText("Voer een geheel getal van 1 tot 100.000 in, of laat het leeg om de melding uit te schakelen.")).toBeVisible();
  expect((await factories.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).lowLicensesBelow).toBe(5);

  const license = await pageAs("LicenseAdmin");
  await license.page.goto(`/billing/licenses/${product.id}`);
  const read = license.page.getByRole("region", { name: "Few licenses left" });
  await expect(read).toContainText("Billing admins and Global admins set this alert.");
  await expect(read.getByRole("button", { name: "Save" })).toHaveCount(0);
});
