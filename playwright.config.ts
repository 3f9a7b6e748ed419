import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, isPostgres, PORT } from "./e2e/environment";

// Debian's Chromium where present (Playwright cannot download browsers here); CHROMIUM_PATH
// overrides; elsewhere Playwright's own browser (`npx playwright install chromium`).
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const jsonReport = process.env.E2E_JSON_REPORT ?? ".reports/e2e.json";

export default defineConfig({
  testDir: "e2e",
  // Every test creates its own rows (e2e/factories.ts): all run in parallel, a worker per core.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? cpus().length),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: jsonReport }]],
  // The process tests start their own servers on SQLite (SIGTERM) and PostgreSQL (the outage):
  // once per run is enough. So are the specs of what the database doesn't decide (accessibility,
  // a phone's layout, languages, the clouds' help content, single sign-on's protocol, which
  // tests/integration/oidc.test.ts covers on both databases): they run on SQLite only, keeping
  // the whole suite within its time. The benchmark is not a test (npm run bench, bench:check).
  testIgnore: isPostgres
    ? ["**/process.spec.ts", "**/a11y.spec.ts", "**/phone.spec.ts", "**/locale.spec.ts", "**/clouds.spec.ts", "**/sso.spec.ts"]
    : [],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    locale: "en-US",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], locale: "en-US" } }],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${BASE_URL}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
