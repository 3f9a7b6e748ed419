import { expect, test } from "./fixtures";
import { expectNoAxeViolations, pageHeading } from "./support";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/**
 * Settings › Provisioning and Users › Groups, with a SCIM client speaking to the server over HTTP
 * with the token the page showed (the protocol itself: tests/integration/scim.test.ts).
 */
test("a Global admin creates a SCIM token; a client provisions a user and a group with it; the group is listed read-only; the revoked token is refused", async ({
  pageAs,
  factories,
  playwright,
  baseURL,
}) => {
  const { page } = await pageAs("GlobalAdmin");
  await page.goto("/billing/licenses");
  await page.locator("details > summary", { hasText: "Account" }).click();
  await page.getByRole("link", { name: "Provisioning (SCIM)" }).click();
  await expect(pageHeading(page, "Provisioning")).toBeVisible();
  await expect(page.getByRole("region", { name: "Tenant URL" })).toContainText("/scim/v2");

  const name = `Entra ID ${factories.tag}`;
  await page.getByLabel("Name (e.g. Entra ID)").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByRole("region", { name: "Secret token", exact: true });
  await expect(secret).toContainText("it won't be shown again");
  const token = await secret.getByRole("textbox").inputValue();
  expect(token).toMatch(/^lcscim_/);
  await expectNoAxeViolations(page);

  const client = await playwright.request.newContext({
    baseURL: `${baseURL}/scim/v2/`,
    extraHTTPHeaders: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
  });
  const userName = `scim.${factories.tag}@contoso.example`;
  const created = await client.post("Users", {
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
      userName,
      displayName: `Provisioned ${factories.tag}`,
      name: { givenName: "Provisioned", familyName: factories.tag },
      addresses: [{ type: "work", country: "NL" }],
      [ENTERPRISE]: { department: "Finance" },
    },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toContain("application/scim+json");
  const user = (await created.json()) as { id: string };
  const group = await client.post("Groups", {
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: `Finance ${factories.tag}`,
      members: [{ value: user.id }],
    },
  });
  expect(group.status()).toBe(201);

  await page.goto("/groups");
  await page.getByRole("searchbox", { name: "Search groups" }).fill(`Finance ${factories.tag}`);
  await page.getByRole("searchbox", { name: "Search groups" }).press("Enter");
  const row = page.getByRole("row", { name: new RegExp(`Finance ${factories.tag}`) });
  await expect(row).toContainText("SCIM");
  await row.getByRole("link").click();
  await expect(pageHeading(page, `Finance ${factories.tag}`)).toBeVisible();
  await expect(page.getByText("Provisioned by SCIM: read-only in License Center.")).toBeVisible();
  await expect(page.getByRole("link", { name: `Provisioned ${factories.tag}` })).toBeVisible();
  await expectNoAxeViolations(page);

  // The audit log names the token as the actor.
  const audit = await factories.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: user.id } });
  expect(audit.actorName).toBe(`scim:${name}`);

  await page.goto("/settings/provisioning");
  const tokenRow = page.getByRole("row", { name: new RegExp(name) });
  await expect(tokenRow).not.toContainText("Not used yet");
  await tokenRow.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(tokenRow).toContainText("Revoked on");
  expect((await client.get("Users")).status()).toBe(401);
  await client.dispose();
});

test("in Dutch, provisioning and groups; a User admin sees groups but not the tokens", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto("/settings/provisioning");
  await expect(pageHeading(page, "Inrichting")).toBeVisible();
  await expect(page.getByRole("region", { name: "Geheime tokens" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/groups");
  await expect(pageHeading(page, "Groepen")).toBeVisible();
  await expectNoAxeViolations(page);

  const user = await pageAs("UserAdmin");
  await user.page.goto("/settings/provisioning");
  await expect(user.page.getByRole("main")).toContainText("Global admin");
  await expect(user.page.getByRole("button", { name: "Create token" })).toHaveCount(0);
  await user.page.goto("/groups");
  await expect(pageHeading(user.page, "Groups")).toBeVisible();
});
