// Manual check: screenshots of every admin page in en-US and nl-NL (not part of the tests).
// Usage: node scripts/screenshots.mjs [baseURL] — writes PNGs to screenshots/.
// SCREENSHOT_WIDTH=390 takes them at a phone's width (file names end in -390).
import { existsSync, mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const user = process.env.SCREENSHOT_USER ?? "global.admin@contoso.example";
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const width = Number(process.env.SCREENSHOT_WIDTH ?? 1440);
const suffix = width === 1440 ? "" : `-${width}`;
const pages = (process.env.SCREENSHOT_PAGES ?? "/billing/licenses,/users,/users/deleted,/audit,/users/new").split(",");
mkdirSync("screenshots", { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const locale of (process.env.SCREENSHOT_LOCALES ?? "en-US,nl-NL").split(",")) {
  const context = await browser.newContext({ locale, viewport: { width, height: width < 600 ? 844 : 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.screenshot({ path: `screenshots/${locale}-sign-in${suffix}.png` });
  await page.locator("input[name=username]").fill(user);
  await page.locator("input[name=password]").fill("Demo-Password-2026");
  await page.locator("button[type=submit]").click();
  await page.waitForURL(/billing\/licenses/);
  for (const path of pages) {
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.locator("main h1").first().waitFor();
    const name = path.replace(/^\//, "").replace(/[/?=&]/g, "_") || "home";
    await page.screenshot({ path: `screenshots/${locale}-${name}${suffix}.png`, fullPage: true });
    console.log(`screenshots/${locale}-${name}${suffix}.png`, "scrollWidth", await page.evaluate("document.documentElement.scrollWidth"));
  }
  await context.close();
}
await browser.close();
