import { expect, test } from "./fixtures";
import { expectNoAxeViolations, pageHeading } from "./support";

/**
 * Settings › App registrations, as a Global admin sees it (the API itself, driven by Microsoft's
 * Graph client, is tests/integration/graph.test.ts). Apps are the organization's: each test
 * registers its own, under a name of its own, and deletes it.
 */
test("a Global admin registers an app, sees its secret once, revokes a secret and deletes the app; axe-clean", async ({
  pageAs,
  factories,
}) => {
  const name = `Onboarding ${factories.tag}`;
  const { page } = await pageAs("GlobalAdmin");
  await page.goto("/settings/apps");
  await expect(pageHeading(page, "App registrations")).toBeVisible();

  const add = page.getByRole("region", { name: "Register an app" });
  await add.getByLabel("Name (e.g. Onboarding script)").fill(name);
  await add.getByRole("checkbox", { name: "License admin" }).check();
  await add.getByRole("button", { name: "Register app" }).click();
  const shown = await page.getByRole("region", { name: "Client secret" }).getByRole("textbox").inputValue();
  expect(shown.length).toBeGreaterThan(20);
  const app = await factories.prisma.appRegistration.findFirstOrThrow({ where: { name }, include: { secrets: true } });
  expect(app.roles).toBe("LicenseAdmin");
  // Stored hashed: the secret's text is nowhere in the rows.
  expect(JSON.stringify(app)).not.toContain(shown);
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByText(shown)).toHaveCount(0);
  const item = page.getByRole("listitem").filter({ hasText: name }).first();
  await item.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(item).toContainText("Tokens issued with it stop working at once.");
  await item.getByRole("button", { name: "Revoke secret" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The client secret was revoked." })).toBeVisible();
  await expect.poll(async () => (await factories.prisma.appSecret.findFirstOrThrow({ where: { appId: app.id } })).revokedAt).not.toBeNull();

  await item.getByRole("button", { name: "Delete app" }).click();
  await item.getByRole("button", { name: "Delete app" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The app was deleted." })).toBeVisible();
  await expect.poll(() => factories.prisma.appRegistration.count({ where: { name } })).toBe(0);
});

test("in Dutch, the app registrations page; a License admin is told which role manages apps", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto("/settings/apps");
  await expect(pageHeading(page, "App-registraties")).toBeVisible();
  await expectNoAxeViolations(page);

  const other = await pageAs("LicenseAdmin");
  await other.page.goto("/settings/apps");
  await expect(other.page.getByRole("main")).toContainText("Global admin");
  await expect(other.page.getByRole("button", { name: "Register app" })).toHaveCount(0);
});
