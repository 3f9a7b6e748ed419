/**
 * Single sign-on for admins through a real OpenID provider (tests/support/oidc-provider.mjs, the
 * npm oidc-provider package) started by the test on loopback, and a License Center server of the
 * test's own configured for it. Chromium goes the whole way: the app's button, the provider's
 * login form, the code flow back, the app's decision.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { freePort } from "./servers";
import { pageHeading } from "./support";

const CLIENT_ID = "license-center";
const CLIENT_SECRET = "license-center-test-secret-0123456789";

interface Account {
  email: string;
  name: string;
  roles?: string[];
}

async function startProvider(
  port: number,
  redirectUri: string,
  accounts: Record<string, Account>,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["tests/support/oidc-provider.mjs", String(port), redirectUri, JSON.stringify(accounts)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`the OpenID provider exited with ${code}: ${errors}`)));
  });
  return child;
}

/** The provider's development login form: the account is the login typed; any password. */
async function signInAtProvider(page: Page, login: string) {
  await page.getByRole("button", { name: "Sign in with Contoso ID" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
}

test.describe("single sign-on", () => {
  let provider: ChildProcess | undefined;
  test.afterEach(() => {
    provider?.kill("SIGKILL");
    provider = undefined;
  });

  test("an IdP user signs in as the License Center user of the same name, with the role the claim maps; refused users are told why, audited", async ({
    ownServer,
    browser,
  }) => {
    test.setTimeout(150_000);
    const port = await freePort();
    const server = await ownServer("sso", {
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: "Contoso ID",
      OIDC_ROLES_CLAIM: "roles",
      OIDC_ROLE_MAP: "lc-license=LicenseAdmin,lc-global=GlobalAdmin",
    });
    const { prisma } = server;
    // Ada has no role in License Center: the provider's claim gives her one. Ben is a Billing
    // admin here, but the provider grants him nothing: with a role map, the provider decides.
    const ada = await prisma.user.create({
      data: { displayName: "Ada Okafor", userPrincipalName: "ada.okafor@contoso.example", usageLocation: "NL" },
    });
    const ben = await prisma.user.create({
      data: { displayName: "Ben Smit", userPrincipalName: "ben.smit@contoso.example", roles: { create: [{ role: "BillingAdmin" }] } },
    });
    provider = await startProvider(port, `${server.baseURL}/api/auth/callback/oidc`, {
      ada: { email: "Ada.Okafor@Contoso.example", name: "Ada Okafor", roles: ["lc-license", "someone-else"] },
      ben: { email: "ben.smit@contoso.example", name: "Ben Smit", roles: ["unmapped"] },
      eve: { email: "eve@fabrikam.example", name: "Eve", roles: ["lc-global"] },
    });

    const context = await browser.newContext({ baseURL: server.baseURL, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in with Contoso ID" })).toBeVisible();
    // Password sign-in stays on by default: the break-glass way in.
    await expect(page.getByLabel("Password")).toBeVisible();
    await signInAtProvider(page, "ada");
    await expect(pageHeading(page, "Licenses")).toBeVisible();
    await expect(page.locator("header")).toContainText("License admin");
    expect((await prisma.adminRole.findMany({ where: { userId: ada.id } })).map((r) => r.role)).toEqual(["LicenseAdmin"]);
    const adaEvents = await prisma.auditEvent.findMany({ where: { targetId: ada.id }, orderBy: { at: "asc" } });
    expect(adaEvents.map((e) => [e.action, e.result])).toEqual([
      ["signIn.syncRoles", "success"],
      ["signIn", "success"],
    ]);
    await context.close();

    // Ben: his Billing admin role is taken away by the provider's answer, and he is refused.
    const second = await browser.newContext({ baseURL: server.baseURL, locale: "nl-NL" });
    const refused = await second.newPage();
    await refused.goto("/sign-in");
    await refused.getByRole("button", { name: "Aanmelden met Contoso ID" }).click();
    await refused.locator('input[name="login"]').fill("ben");
    await refused.locator('input[name="password"]').fill("any password");
    await refused.locator('button[type="submit"]').click();
    await expect(
      refused.getByRole("alert").filter({ hasText: "U bent aangemeld, maar u hebt geen beheerdersrol in License Center." }),
    ).toBeVisible();
    expect(await prisma.adminRole.count({ where: { userId: ben.id } })).toBe(0);
    expect(await prisma.adminSession.count({ where: { userId: ben.id } })).toBe(0);
    await second.close();

    // Eve is not a License Center user at all.
    const third = await browser.newContext({ baseURL: server.baseURL, locale: "en-US" });
    const stranger = await third.newPage();
    await stranger.goto("/sign-in");
    await signInAtProvider(stranger, "eve");
    await expect(stranger.getByRole("alert").filter({ hasText: "has no License Center user with the same user name" })).toBeVisible();
    await expect(pageHeading(stranger, "Sign in to License Center")).toBeVisible();
    const failed = await prisma.auditEvent.findMany({ where: { action: "signIn", result: "failed" }, select: { detail: true } });
    expect(failed.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("ben.smit@contoso.example (single sign-on: SsoNotAdmin"),
        expect.stringContaining("eve@fabrikam.example (single sign-on: SsoNoAccount"),
      ]),
    );
    await third.close();
  });

  test("with PASSWORD_SIGN_IN=off only single sign-on is offered, and a posted password signs nobody in", async ({
    ownServer,
    browser,
  }) => {
    test.setTimeout(120_000);
    const port = await freePort();
    const server = await ownServer("sso-only", {
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: "Contoso ID",
      PASSWORD_SIGN_IN: "off",
    });
    const admin = await server.factories.admin("GlobalAdmin");
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in with Contoso ID" })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    // The credentials endpoint is gone, not merely hidden.
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const posted = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, username: admin.upn, password: admin.password, json: "true" },
      maxRedirects: 0,
    });
    expect(posted.status()).toBeGreaterThanOrEqual(300);
    await page.goto("/billing/licenses");
    await expect(pageHeading(page, "Sign in to License Center")).toBeVisible();
    expect(await server.prisma.adminSession.count({ where: { userId: admin.id } })).toBe(0);
    await context.close();
  });

  /**
   * next-auth's own checks, against the real provider: the browser's way back from the provider
   * is stopped, changed or delayed, then followed. Each is refused with the sign-in page's
   * message, and nobody is signed in.
   */
  test("a tampered state, an expired ID token, a code issued to another client: each refused, nobody signed in", async ({
    ownServer,
    browser,
  }) => {
    test.setTimeout(150_000);
    const port = await freePort();
    const sso = {
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: "Contoso ID",
    };
    const server = await ownServer("sso-checks", sso);
    const admin = await server.factories.admin("GlobalAdmin");
    const accounts = { admin: { email: admin.upn, name: admin.displayName } };
    const redirectUri = `${server.baseURL}/api/auth/callback/oidc`;
    provider = await startProvider(port, redirectUri, accounts);

    /**
     * Signs in at the provider; returns the callback URL the provider sent the browser to, not
     * followed. (A redirect's target can't be routed, so the provider's redirecting answer is.)
     */
    async function callbackOf(page: Page): Promise<URL> {
      let callback: URL | undefined;
      const providerOrigin = `http://127.0.0.1:${port}/**`;
      await page.route(providerOrigin, async (route) => {
        // The provider's redirects among its own pages are followed here (with the browser's
        // cookies), so that the one to the app's callback is seen.
        let response = await route.fetch({ maxRedirects: 0 });
        let at = route.request().url();
        for (let hop = 0; hop < 10; hop++) {
          const location = response.headers()["location"];
          if (response.status() < 300 || response.status() >= 400 || !location) break;
          const next = new URL(location, at);
          if (next.pathname.endsWith("/api/auth/callback/oidc")) {
            callback = next;
            await route.fulfill({ status: 200, contentType: "text/plain", body: "stopped by the test" });
            return;
          }
          if (!next.href.startsWith(`http://127.0.0.1:${port}/`)) break;
          at = next.href;
          response = await page.request.get(at, { maxRedirects: 0 });
        }
        await route.fulfill({ response });
      });
      await page.goto("/sign-in");
      await signInAtProvider(page, "admin");
      await expect.poll(() => callback).toBeDefined();
      await page.unroute(providerOrigin);
      return callback!;
    }
    const refusedOn = async (page: Page) => {
      await expect(page.getByRole("alert").filter({ hasText: "Single sign-on didn't complete." })).toBeVisible();
      await page.goto("/billing/licenses");
      await expect(pageHeading(page, "Sign in to License Center")).toBeVisible();
    };

    // A tampered state: next-auth compares it with the one it set in a cookie.
    const tampered = await browser.newContext({ baseURL: server.baseURL });
    const first = await tampered.newPage();
    const url = await callbackOf(first);
    url.searchParams.set("state", `${url.searchParams.get("state")}x`);
    await first.goto(url.toString());
    await refusedOn(first);
    await tampered.close();

    // An expired ID token: the provider's clock runs two hours behind, so its tokens (valid an
    // hour) have expired when the app checks them.
    provider.kill("SIGKILL");
    provider = await startProvider(port, redirectUri, accounts, { OIDC_TEST_CLOCK_OFFSET_SECONDS: "-7200" });
    const late = await browser.newContext({ baseURL: server.baseURL });
    const second = await late.newPage();
    await second.goto("/sign-in");
    await signInAtProvider(second, "admin");
    await refusedOn(second);
    await late.close();
    provider.kill("SIGKILL");
    provider = await startProvider(port, redirectUri, accounts);

    // A code the provider issued to another client (its ID token's audience is that client's): the
    // app redeems it as its own client, and it's refused.
    const other = await browser.newContext({ baseURL: server.baseURL });
    const third = await other.newPage();
    let authorize: URL | undefined;
    await third.route(`http://127.0.0.1:${port}/auth?**`, async (route) => {
      authorize = new URL(route.request().url());
      await route.abort();
    });
    await third.goto("/sign-in");
    await third.getByRole("button", { name: "Sign in with Contoso ID" }).click();
    await expect.poll(() => authorize).toBeDefined();
    await third.unroute(`http://127.0.0.1:${port}/auth?**`);
    authorize!.searchParams.set("client_id", "another-app");
    await third.goto(authorize!.toString());
    await third.locator('input[name="login"]').fill("admin");
    await third.locator('input[name="password"]').fill("any password");
    await third.locator('button[type="submit"]').click();
    await refusedOn(third);
    await other.close();

    expect(await server.prisma.adminSession.count({ where: { userId: admin.id } })).toBe(0);
    // Each refusal is audited with next-auth's reason.
    const failed = await server.prisma.auditEvent.findMany({ where: { action: "signIn", result: "failed" }, orderBy: { at: "asc" } });
    expect(failed.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^single sign-on: OAUTH_CALLBACK_ERROR: state mismatch/),
      expect.stringMatching(/^single sign-on: OAUTH_CALLBACK_ERROR: JWT expired/),
      expect.stringMatching(/^single sign-on: OAUTH_CALLBACK_ERROR: invalid_grant/),
    ]);
  });

  test("sign-in stays working for password admins beside single sign-on; a prompt callback signs the admin in", async ({
    ownServer,
    browser,
  }) => {
    test.setTimeout(120_000);
    const port = await freePort();
    const server = await ownServer("sso-prompt", {
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: "Contoso ID",
    });
    const admin = await server.factories.admin("BillingAdmin");
    provider = await startProvider(port, `${server.baseURL}/api/auth/callback/oidc`, {
      admin: { email: admin.upn, name: admin.displayName },
    });
    // Without a role map, License Center's own roles count.
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInAtProvider(page, "admin");
    await expect(pageHeading(page, "Licenses")).toBeVisible();
    await expect(page.locator("header")).toContainText("Billing admin");
    await context.close();
  });
});
