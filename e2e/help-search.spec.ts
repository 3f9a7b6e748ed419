import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations, pageHeading } from "./support";

/** The help pane ("Help" in Dutch too, "帮助" in Chinese). */
function pane(page: Page, name = "Help") {
  return page.getByRole("complementary", { name });
}

test("searching help from the pane in Dutch: results with marked matches, announced, opened in the pane", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "nl-NL" });
  await page.goto("/billing/licenses");
  const search = pane(page).getByRole("search", { name: "Help doorzoeken" });
  await search.getByRole("searchbox", { name: "Help doorzoeken" }).fill("licentieconflicten");
  await search.getByRole("button", { name: "Zoeken" }).click();
  await expect(pane(page).getByRole("status")).toContainText("gevonden voor “licentieconflicten”");
  const first = pane(page).getByRole("listitem").first();
  await expect(first.getByRole("link")).toHaveText("Licentieconflicten oplossen");
  await expect(first.locator("mark").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await first.getByRole("link").click();
  await expect(pane(page).getByRole("article").getByRole("heading", { level: 1 })).toHaveText(/Licentieconflicten oplossen/);
});

test("searching help on /help in Chinese without spaces; no match and an over-long search are said so", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "zh-CN" });
  await page.goto("/help");
  await expect(pageHeading(page, "帮助")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "所有帮助文章" }).getByRole("link", { name: "删除用户", exact: true })).toBeVisible();
  const box = page.getByRole("search", { name: "搜索帮助" }).getByRole("searchbox");
  await box.fill("许可证冲突");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/help\?q=/);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "许可证冲突" })).toBeVisible();
  await expect(page.getByRole("link", { name: "解决许可证冲突" })).toBeVisible();
  await expect(page.locator("mark", { hasText: "许可证冲突" }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/help?q=${encodeURIComponent("不存在的词语组合")}`);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "不存在的词语组合" })).toHaveText(
    "没有与“不存在的词语组合”匹配的文章。",
  );
  await page.goto(`/help?q=${"x".repeat(201)}`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("搜索内容最多 200 个字符。");
});

test("the pane's search at a phone's width fits the screen", async ({ pageAs }) => {
  const { page } = await pageAs("GlobalAdmin", { locale: "zh-CN" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/billing/licenses");
  const search = pane(page, "帮助").getByRole("search", { name: "搜索帮助" });
  await search.getByRole("searchbox").fill("删除用户");
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(pane(page, "帮助").getByRole("link", { name: "删除用户", exact: true }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the search route answers only a signed-in admin", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await anonymous.get("/help/search?q=license", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  await anonymous.dispose();
});
