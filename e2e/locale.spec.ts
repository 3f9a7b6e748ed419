import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { pageHeading } from "./support";

function helpArticle(page: Page) {
  return page.getByRole("complementary", { name: "Help" }).getByRole("article");
}

test("a Dutch browser gets the Dutch UI and a Dutch help pane beside the Licenses page", async ({ pageAs, factories }) => {
  await factories.product({ name: "Visio Plan 2", subscriptions: [{ quantity: 3 }] });
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto(`/billing/licenses?q=${factories.tag}`);
  await expect(pageHeading(page, "Licenties")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl-NL");
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Actieve gebruikers" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Producten" }).getByRole("columnheader", { name: "Product" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Taal" })).toHaveValue("nl-NL");

  const pane = page.getByRole("complementary", { name: "Help" });
  await expect(pane.getByRole("button", { name: "Help verbergen" })).toBeVisible();
  await expect(helpArticle(page)).toHaveAttribute("lang", "nl-NL");
  await expect(pane.getByText("Machinaal vertaald artikel.")).toBeVisible();
  await expect(pane.getByRole("button", { name: "Engelse originelen weergeven" })).toBeVisible();
  await expect(pane.getByRole("link", { name: "Op volledige pagina openen" })).toBeVisible();
});

test("pointing to a translated sentence shows its English original; sentences are not tab stops; the toggle shows them all", async ({
  pageAs,
}) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto("/billing/licenses");
  const article = helpArticle(page);
  await expect(article).toHaveAttribute("lang", "nl-NL");
  const sentences = article.locator(".sxs");
  const originals = article.locator(".sxs-original");
  const originalOf = (index: number) => sentences.nth(index).locator("> .sxs-original");
  expect(await sentences.count()).toBeGreaterThan(3);
  await expect(originals.first()).toHaveAttribute("lang", "en-US");
  await expect(originals.first()).toBeHidden();

  // Pointing.
  const first = sentences.first();
  const firstDutch = (await first.evaluate((el) => el.firstChild?.textContent ?? "")).trim();
  await first.hover();
  await expect(originalOf(0)).toBeVisible();
  const firstEnglish = (await originalOf(0).textContent()) ?? "";
  expect(firstEnglish).not.toBe("");
  expect(firstEnglish).not.toBe(firstDutch);
  await page.mouse.move(1, 1);
  await expect(originalOf(0)).toBeHidden();

  // The keyboard does not stop at every sentence: the toggle below is its way to the originals.
  await expect(article.locator(".sxs[tabindex]")).toHaveCount(0);

  // The article-level toggle shows every original at once, and hides them again.
  const toggle = page.getByRole("button", { name: "Engelse originelen weergeven" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  const total = await originals.count();
  const visibleCount = () => originals.evaluateAll((nodes) => nodes.filter((n) => getComputedStyle(n).display !== "none").length);
  expect(await visibleCount()).toBe(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect.poll(visibleCount).toBe(total);
  await expect(originals.last()).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect.poll(visibleCount).toBe(0);
});

test.describe("the language switcher", () => {
  test("changes the UI language, and the choice sticks after a reload and in a new session", async ({
    page,
    factories,
    signIn,
    browser,
  }) => {
    const admin = await factories.admin("UserAdmin");
    await signIn(page, admin);
    await page.goto("/billing/licenses");
    await expect(pageHeading(page, "Licenses")).toBeVisible();
    await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "Nederlands (Nederland)" });
    await expect(pageHeading(page, "Licenties")).toBeVisible();
    await expect(page.getByRole("link", { name: "Actieve gebruikers" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl-NL");

    await page.reload();
    await expect(pageHeading(page, "Licenties")).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Taal" })).toHaveValue("nl-NL");
    await expect(page.getByRole("complementary", { name: "Help" }).getByRole("article")).toHaveAttribute("lang", "nl-NL");

    // Saved on the account: an English browser signed in as the same admin reads Dutch too.
    const other = await browser.newContext({ locale: "en-US" });
    const otherPage = await other.newPage();
    await signIn(otherPage, admin);
    await otherPage.goto("/users");
    await expect(pageHeading(otherPage, "Actieve gebruikers")).toBeVisible();
    await other.close();

    await page.getByRole("combobox", { name: "Taal" }).selectOption({ label: "English (United States)" });
    await expect(pageHeading(page, "Licenses")).toBeVisible();
    await page.reload();
    await expect(pageHeading(page, "Licenses")).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en-US");
  });
});

test("the sign-in page has its own language picker, and the admin center opens in the language chosen there", async ({
  page,
  factories,
}) => {
  const admin = await factories.admin("GlobalReader");
  await page.goto("/sign-in");
  await page.getByLabel("Language").selectOption({ label: "Nederlands (Nederland)" });
  await expect(page.getByRole("heading", { name: "Aanmelden bij License Center" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl-NL");
  await page.getByLabel("E-mailadres").fill(admin.upn);
  await page.getByLabel("Wachtwoord").fill(admin.password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(pageHeading(page, "Licenties")).toBeVisible();
});

test("in Chinese, a subscription's term and its next date are written alike (no 2026/5/1 beside 2026年5月1日)", async ({
  pageAs,
  factories,
}) => {
  const product = await factories.product({ name: "Visio Plan 2", subscriptions: [{ quantity: 3 }] });
  const { page } = await pageAs("GlobalAdmin", { locale: "zh-CN" });
  await page.goto(`/billing/licenses/${product.id}`);
  const row = page.getByRole("region", { name: "订阅" }).getByRole("row").nth(1);
  await expect(row).toContainText("年");
  await expect(row).toContainText("至");
  await expect(row).not.toContainText(/\d{4}\/\d{1,2}\/\d{1,2}/);
});
