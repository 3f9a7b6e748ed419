import { expect, test } from "./fixtures";
import { expectNoAxeViolations, pageHeading } from "./support";

/**
 * Settings › Webhooks, as a Global admin sees it (delivery itself, signed and verified by a real
 * receiver, is tests/integration/webhooks.test.ts). Endpoints are the organization's: each test
 * adds its own, under a URL of its own, and deletes it.
 */
test("a Global admin adds an endpoint, sees its secret once, queues a test event and deletes it; axe-clean", async ({
  pageAs,
  factories,
}) => {
  const url = `https://hooks.contoso.example/license-center/${factories.tag}`;
  const { page } = await pageAs("GlobalAdmin");
  await page.goto("/billing/licenses");
  await page.locator("details > summary", { hasText: "Account" }).click();
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(pageHeading(page, "Webhooks")).toBeVisible();

  const add = page.getByRole("region", { name: "Add an endpoint" });
  await add.getByLabel("Endpoint URL").fill("ftp://hooks.contoso.example/x");
  await add.getByRole("button", { name: "Add endpoint" }).click();
  await expect(add.getByLabel("Endpoint URL")).toHaveValue("ftp://hooks.contoso.example/x");
  expect(await factories.prisma.webhookEndpoint.count({ where: { url: "ftp://hooks.contoso.example/x" } })).toBe(0);

  await add.getByLabel("Endpoint URL").fill(url);
  await add.getByLabel("Description (optional)").fill("Procurement queue");
  await add.getByRole("button", { name: "Add endpoint" }).click();
  const secret = page.getByRole("region", { name: "Signing secret" });
  await expect(secret).toContainText("it won't be shown again");
  const shown = await secret.getByRole("textbox").inputValue();
  expect(shown).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  // Stored encrypted: the secret's text is nowhere in the row.
  const row = await factories.prisma.webhookEndpoint.findUniqueOrThrow({ where: { url } });
  expect(JSON.stringify(row)).not.toContain(shown.slice("whsec_".length));
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole("region", { name: "Signing secret" })).toHaveCount(0);
  await expect(page.getByText(shown)).toHaveCount(0);
  const card = page.getByRole("listitem").filter({ hasText: url });
  await card.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("A test event was queued; it's sent within a minute.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Delivery log" })).toContainText("Test event");

  await card.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page.getByText("The endpoint was deleted.")).toBeVisible();
  expect(await factories.prisma.webhookEndpoint.count({ where: { url } })).toBe(0);
});

test("in Dutch, the webhooks page; a Billing admin is told which role manages webhooks", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto("/settings/webhooks");
  await expect(pageHeading(page, "Webhooks")).toBeVisible();
  await expect(page.getByRole("region", { name: "Bezorglogboek" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Een eindpunt toevoegen" })).toBeVisible();
  await expectNoAxeViolations(page);

  const billing = await pageAs("BillingAdmin");
  await billing.page.goto("/settings/webhooks");
  await expect(billing.page.getByRole("main")).toContainText("Global admin");
  await expect(billing.page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
});
