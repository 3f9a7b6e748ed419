/**
 * The audit log reads as a report: the target by name, what changed as before → after, the
 * app's own date format, a date range, and a CSV export in the admin's spreadsheet conventions.
 */
import { expect, test } from "./fixtures";
import { pageHeading } from "./support";

test("an edit reads as name and before → after, the date range narrows the log, and the export has the same rows", async ({
  page,
  factories,
  signIn,
}) => {
  const user = await factories.user({ name: "Audit Subject", usageLocation: "US" });
  await signIn(page, await factories.admin("GlobalAdmin"));
  await page.goto(`/users/${user.id}/edit`);
  await page.getByLabel("Usage location").selectOption({ label: "Netherlands" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved 1 change." })).toBeVisible();

  await page.goto(`/audit?q=${user.id}`);
  await expect(pageHeading(page, "Audit log")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Edit a user" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(user.displayName);
  await expect(row).toContainText("Usage location: United States → Netherlands");
  // The stored record is one click away, folded.
  await expect(row.getByText(/"usageLocation"/)).toBeHidden();
  await row.getByText("Stored record").click();
  await expect(row.getByText(/"usageLocation":"NL"/)).toBeVisible();
  // The app's date format ("Dec 2, 2026" over "10:15:42 AM"), not a short numeric one.
  const time = row.getByRole("cell").first().locator("time");
  await expect(time).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  await expect(time).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}\d{1,2}:\d{2}:\d{2}\s?[AP]M$/);

  // Tomorrow onwards: nothing yet. A day that does not exist: said so, and left out.
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("From").fill(tomorrow);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${tomorrow}`));
  await expect(page.getByText("No events match.")).toBeVisible();
  await page.goto(`/audit?q=${user.id}&from=2026-02-30`);
  await expect(page.getByRole("alert").filter({ hasText: "Enter the dates as days of the calendar" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Edit a user" })).toHaveCount(1);

  await page.goto(`/audit?q=${user.id}`);
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", `/api/export/audit?q=${user.id}`);
  const csv = await (await page.request.get(`/api/export/audit?q=${user.id}`)).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("Time (UTC),Admin,Action,Action code,Target type,Target,Target ID,Result,Changes,Detail,Users affected");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
  expect(lines[1]).toContain(
    `,Edit a user,user.update,User,${user.displayName},${user.id},Succeeded,Usage location: United States → Netherlands,,0`,
  );
});

test("in Dutch the exports separate fields with a semicolon, as Excel there expects", async ({ page, factories, signIn }) => {
  const { product } = await factories.productWithUsers("Office 365 E3", { valid: 2, assigned: 1 });
  await signIn(page, await factories.admin("GlobalReader", { preferredLocale: "nl-NL" }));
  await page.goto(`/billing/licenses/${product.id}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl-NL");
  const csv = await (await page.request.get(`/api/export/products/${product.id}`)).text();
  const [header, row] = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(header).toBe("Weergavenaam;Gebruikersnaam;Toegewezen (UTC);Geldige licentie nodig");
  expect(row).toMatch(/^[^;]+;[^;]+@contoso\.example;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};Nee$/);
});
