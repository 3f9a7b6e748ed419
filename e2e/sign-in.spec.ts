/**
 * Signing in, attacked: the callback after sign-in never leaves the app; guesses are limited
 * before the password is checked (so concurrent guesses cannot exceed the limit), by the address
 * the socket saw (a forged X-Forwarded-For changes nothing), per account and address so the real
 * admin elsewhere is not locked out, and in Redis so every instance shares the limits.
 */
import { createConnection } from "node:net";
import { expect, test, uniqueSuffix } from "./fixtures";
import { trySignInOverHttp } from "./http";
import { pageHeading } from "./support";

async function signInWithForm(page: import("@playwright/test").Page, upn: string, password: string): Promise<void> {
  await page.locator("input[name=username]").fill(upn);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();
}

test.describe("the callback after sign-in", () => {
  const offSite = [
    "/\\evil.example/x",
    "/\t/evil.example",
    "/\\/evil.example",
    "//evil.example/x",
    "https://evil.example/",
    "javascript:alert(document.domain)",
  ];
  for (const callback of offSite) {
    test(`${JSON.stringify(callback)} stays on the app: the Licenses page`, async ({ page, factories }) => {
      const admin = await factories.admin("GlobalReader");
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callback)}`);
      await signInWithForm(page, admin.upn, admin.password);
      await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/billing\/licenses$/);
      await expect(pageHeading(page, "Licenses")).toBeVisible();
    });
  }

  test("a path of the app is followed", async ({ page, factories }) => {
    const admin = await factories.admin("GlobalReader");
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/users?q=zhang")}`);
    await signInWithForm(page, admin.upn, admin.password);
    await expect(page).toHaveURL(/\/users\?q=zhang$/);
    await expect(pageHeading(page, "Active users")).toBeVisible();
  });

  test("already signed in, an off-site callback still lands on the app", async ({ page, factories, signIn }) => {
    await signIn(page, await factories.admin("GlobalReader"));
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/\\evil.example/x")}`);
    await expect(page).toHaveURL(/\/billing\/licenses$/);
  });
});

test.describe("guessing passwords", () => {
  test("five wrong guesses are told so; the sixth is refused without a check, and every attempt is audited", async ({
    page,
    factories,
  }) => {
    const account = `nobody.${uniqueSuffix()}@contoso.example`;
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await signInWithForm(page, account, `wrong-${attempt}`);
      await expect(page.locator("#sign-in-error")).toHaveText(attempt <= 5 ? /incorrect/i : /too many sign-in attempts/i);
    }
    expect(
      await factories.prisma.auditEvent.count({ where: { action: "signIn", result: "failed", detail: { startsWith: account } } }),
    ).toBe(5);
    expect(
      await factories.prisma.auditEvent.count({ where: { action: "signIn", result: "denied", detail: { startsWith: account } } }),
    ).toBe(1);
  });

  test("30 guesses at once: at most 5 reach the password check, the rest are refused unchecked", async ({
    factories,
    playwright,
    baseURL,
  }) => {
    const admin = await factories.admin("GlobalAdmin");
    const contexts = await Promise.all(Array.from({ length: 30 }, () => playwright.request.newContext({ baseURL })));
    const outcomes = await Promise.all(contexts.map((c, i) => trySignInOverHttp(c, admin.upn, `wrong-${i}`)));
    expect(outcomes.filter((o) => o === "CredentialsSignin")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "RATE_LIMITED")).toHaveLength(25);
    expect(
      await factories.prisma.auditEvent.count({ where: { action: "signIn", result: "failed", detail: { startsWith: admin.upn } } }),
    ).toBe(5);
    expect(
      await factories.prisma.auditEvent.count({ where: { action: "signIn", result: "denied", detail: { startsWith: admin.upn } } }),
    ).toBe(25);
    // Even the right password, now, from that address.
    expect(await trySignInOverHttp(contexts[0]!, admin.upn, admin.password)).toBe("RATE_LIMITED");
    await Promise.all(contexts.map((c) => c.dispose()));
  });

  test("rotating a forged X-Forwarded-For does not get more guesses, and is not what the audit records", async ({
    factories,
    playwright,
    baseURL,
  }) => {
    const account = `rotator.${uniqueSuffix()}@contoso.example`;
    const request = await playwright.request.newContext({ baseURL });
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) outcomes.push(await trySignInOverHttp(request, account, "wrong", { "X-Forwarded-For": `198.51.100.${i}` }));
    expect(outcomes).toEqual([...Array<string>(5).fill("CredentialsSignin"), "RATE_LIMITED", "RATE_LIMITED"]);
    const details = (
      await factories.prisma.auditEvent.findMany({ where: { action: "signIn", detail: { startsWith: account } }, select: { detail: true } })
    ).map((e) => e.detail ?? "");
    expect(details.every((d) => d.includes("127.0.0.1") && !d.includes("198.51.100."))).toBe(true);
    await request.dispose();
  });

  test("behind a trusted proxy: the attacker's address is blocked, the admin at their own desk still signs in", async ({
    ownServer,
    playwright,
  }) => {
    test.setTimeout(90_000);
    const server = await ownServer("proxied", { TRUSTED_PROXIES: "1" });
    const admin = await server.factories.admin("GlobalAdmin");
    const attacker = await playwright.request.newContext({ baseURL: server.baseURL });
    const desk = await playwright.request.newContext({ baseURL: server.baseURL });
    // The proxy in front appends the client's address: the attacker's own entries before it are ignored.
    const viaProxy = (client: string, forged = "") => ({ "X-Forwarded-For": forged ? `${forged}, ${client}` : client });
    const attempts: string[] = [];
    for (let i = 0; i < 7; i++)
      attempts.push(await trySignInOverHttp(attacker, admin.upn, `guess-${i}`, viaProxy("203.0.113.66", `10.9.9.${i}`)));
    expect(attempts.slice(5)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
    expect(await trySignInOverHttp(desk, admin.upn, admin.password, viaProxy("192.0.2.10"))).toBe("signed-in");
    const recorded = await server.prisma.auditEvent.findFirstOrThrow({
      where: { action: "signIn", result: "success", targetId: admin.id },
      select: { detail: true },
    });
    expect(recorded.detail).toBe("192.0.2.10");
    await attacker.dispose();
    await desk.dispose();
  });
});

async function isRedisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port: 6379 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

test.describe("two instances behind one Redis", () => {
  test("share the limit: guesses spread over both count once", async ({ ownServer, playwright }) => {
    test.skip(
      !(await isRedisReachable()),
      "Redis is not reachable at 127.0.0.1:6379: the shared-limit check needs one (memory limits are per instance)",
    );
    test.setTimeout(120_000);
    const env = { REDIS_URL: "redis://127.0.0.1:6379", RATE_LIMIT_PREFIX: `e2e-${uniqueSuffix()}` };
    const [first, second] = await Promise.all([ownServer("redis-a", env), ownServer("redis-b", env)]);
    const account = `shared.${uniqueSuffix()}@contoso.example`;
    const a = await playwright.request.newContext({ baseURL: first.baseURL });
    const b = await playwright.request.newContext({ baseURL: second.baseURL });
    const outcomes: string[] = [];
    for (const [i, request] of [a, b, a, b, a, b, a].entries()) outcomes.push(await trySignInOverHttp(request, account, `wrong-${i}`));
    expect(outcomes).toEqual([
      "CredentialsSignin",
      "CredentialsSignin",
      "CredentialsSignin",
      "CredentialsSignin",
      "CredentialsSignin",
      "RATE_LIMITED",
      "RATE_LIMITED",
    ]);
    await a.dispose();
    await b.dispose();
  });
});
