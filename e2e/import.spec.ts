/**
 * Users › Add multiple users as an admin does it: the template in the admin's language, a file
 * uploaded and previewed (nothing written yet), the import confirmed with its progress, the
 * result file, the same file again changing nothing, hostile text shown as text, a phone's width,
 * Dutch headers and separators, and the roles that may not import. Every user and product is the
 * test's own (factories' tag).
 */
import type { Download, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { expectNoAxeViolations, pageHeading } from "./support";

async function text(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function upload(page: Page, csv: string, label = "CSV file", button = "Check the file") {
  await page
    .getByLabel(label, { exact: true })
    .setInputFiles({ name: "users.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(/\/users\/import\?id=/);
}

function people(factories: Factories) {
  const tag = factories.tag;
  return {
    ann: { upn: `e2e.ann.${tag}@contoso.example`, name: `Ann Import ${tag}` },
    bob: { upn: `e2e.bob.${tag}@contoso.example`, name: `Bob Import ${tag}` },
  };
}

test("template, preview, import with progress, result file; the same file again changes nothing", async ({ pageAs, factories }) => {
  const product = await factories.product({ name: "Exchange Online (Plan 1)", subscriptions: [{ quantity: 25 }] });
  const { page } = await pageAs("UserAdmin");
  const { ann, bob } = people(factories);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await page.goto(`/users?q=${factories.tag}`);
  await page.getByRole("link", { name: "Add multiple users" }).click();
  await expect(pageHeading(page, "Add multiple users")).toBeVisible();
  await expectNoAxeViolations(page);

  const templateDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the template (CSV)" }).click();
  const template = await text(await templateDownload);
  expect(template.startsWith("\uFEFFUser Name,First Name,Last Name,Display Name,Job Title,Department,")).toBe(true);
  expect(template.trimEnd().endsWith("Country or Region,Licenses")).toBe(true);

  const hostile = `<img src=x onerror=alert(1)> ${factories.tag}`;
  const csv =
    "\uFEFFUser Name,First Name,Last Name,Display Name,Job Title,Department,Country or Region,Licenses\r\n" +
    `${ann.upn},Ann,Import,${ann.name},Buyer,Sales,Netherlands,${product.sku}\r\n` +
    `${bob.upn},Bob,Import,${bob.name},,,US,\r\n` +
    `not-a-user-name,,,Broken ${factories.tag},,,US,\r\n` +
    `e2e.eve.${factories.tag}@contoso.example,,,"${hostile}",,,US,\r\n`;
  await upload(page, csv);

  // The preview: nothing is written yet.
  await expect(page.getByRole("heading", { name: "2. Check the preview" })).toBeVisible();
  await expect(page.getByRole("link", { name: "2 new users" })).toBeVisible();
  await expect(page.getByRole("link", { name: "2 rows with errors" })).toBeVisible();
  const table = page.getByRole("table", { name: "Rows of the file and what each does" });
  await expect(table.getByRole("row", { name: new RegExp(ann.upn) })).toContainText("New user");
  await expect(table.getByRole("row", { name: new RegExp(ann.upn) })).toContainText(`Licenses: ${product.displayName}`);
  await expect(table.getByRole("row", { name: /not-a-user-name/ })).toContainText("User Name is not a valid user name");
  await expect(table.getByText(hostile, { exact: true })).toBeVisible();
  await expect(page.locator("img[src='x']")).toHaveCount(0);
  expect(await factories.prisma.user.count({ where: { userPrincipalName: { in: [ann.upn, bob.upn] } } })).toBe(0);
  await expectNoAxeViolations(page);

  // Only the errors.
  await page.getByRole("link", { name: "2 rows with errors" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);

  // Import: the button waits, the progress counts, the result says what happened.
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import finished" }).first()).toHaveText(
    "Import finished: 2 created, 0 updated, 0 unchanged, 2 skipped, 0 failed.",
  );
  await expect(page.getByRole("heading", { name: "Result", exact: true })).toBeVisible();
  expect(
    await factories.prisma.user.findUniqueOrThrow({
      where: { userPrincipalName: ann.upn },
      select: { displayName: true, jobTitle: true, usageLocation: true, assignments: { select: { productId: true } } },
    }),
  ).toEqual({ displayName: ann.name, jobTitle: "Buyer", usageLocation: "NL", assignments: [{ productId: product.id }] });
  expect(dialogs).toEqual([]);

  const resultDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the result (CSV)" }).click();
  const result = (await text(await resultDownload))
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(result[0]).toBe("Row,User name,Result,Message");
  expect(result[1]).toBe(`2,${ann.upn},Created,Licenses: ${product.displayName}`);
  expect(result[3]).toMatch(/^4,not-a-user-name,Skipped,User Name is not a valid user name/);
  expect(result).toHaveLength(5);

  // The same file again: every valid row unchanged, nothing to import.
  await page.getByRole("link", { name: "Import another file" }).click();
  await upload(page, csv);
  await expect(page.getByRole("link", { name: "2 unchanged" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "No row would change anything" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
});

test("a file it cannot read, or too large, says why", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin");
  await page.goto("/users/import");
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name: "users.csv", mimeType: "text/csv", buffer: Buffer.from("Display Name,City\nAnn,Delft\n") });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The first line must be the header" })).toBeVisible();
  await expect(page).toHaveURL(/\/users\/import$/);

  const big = `User Name,Display Name\n${"x".repeat(3.5 * 1024 * 1024)}\n`;
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(big) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.locator("#import-file-error")).toHaveText(
    "The file is larger than 3 MB. Split it into smaller files. Nothing was changed.",
  );
  await expect(page.getByLabel("CSV file", { exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("Dutch: the template has Dutch headers and semicolons, and a Dutch file reads", async ({ pageAs, factories }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  const { ann } = people(factories);
  await page.goto("/users/import");
  await expect(pageHeading(page, "Meerdere gebruikers toevoegen")).toBeVisible();
  const templateDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Sjabloon downloaden (CSV)" }).click();
  expect((await text(await templateDownload)).startsWith("\uFEFFGebruikersnaam;Voornaam;Achternaam;Weergavenaam;")).toBe(true);

  await upload(
    page,
    `Gebruikersnaam;Weergavenaam;Land of regio\r\n${ann.upn};"${ann.name}";Nederland\r\n`,
    "CSV-bestand",
    "Bestand controleren",
  );
  await expect(page.getByRole("link", { name: "1 nieuwe gebruiker" })).toBeVisible();
  await expect(page.getByRole("button", { name: "1 regel importeren" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the upload and the preview fit a 390 px screen", async ({ pageAs, factories }) => {
    const { page } = await pageAs("UserAdmin");
    const { ann } = people(factories);
    await page.goto("/users/import");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const long = `${"very-long-department-name-".repeat(2)}x`;
    await upload(page, `User Name,Display Name,Department\n${ann.upn},${ann.name},${long}\n`);
    await expect(page.getByRole("table", { name: "Rows of the file and what each does" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

for (const role of ["GlobalReader", "BillingAdmin"] as const) {
  test(`a ${role} sees no button and is told why on the page`, async ({ pageAs }) => {
    const { page } = await pageAs(role);
    await page.goto("/users");
    await expect(page.getByRole("link", { name: "Add multiple users" })).toHaveCount(0);
    await page.goto("/users/import");
    await expect(page.getByText("You can't add multiple users with your role")).toBeVisible();
    await expect(page.getByLabel("CSV file", { exact: true })).toHaveCount(0);
    const template = await page.request.get("/api/users/import/template");
    expect(template.status()).toBe(403);
  });
}
