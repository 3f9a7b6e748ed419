import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium where present (Playwright cannot download browsers here); CHROMIUM_PATH
// overrides; elsewhere Playwright's own browser (`npx playwright install chromium`).
const isPostgres = /^postgres(ql)?:\/\//.test(process.env.E2E_DATABASE_URL ?? "");
const jsonReport = process.env.E2E_JSON_REPORT ?? ".reports/e2e.json";

const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: jsonReport }]],
  // The process tests start their own servers (SIGTERM on SQLite, the outage on PostgreSQL) and the
  // bench test runs both databases itself: once is enough.
  testIgnore: isPostgres ? ["**/process.spec.ts", "**/bench.spec.ts"] : [],
  use: {
    baseURL,
    trace: "retain-on-failure",
    locale: "en-US",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], locale: "en-US" }, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
