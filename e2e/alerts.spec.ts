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
