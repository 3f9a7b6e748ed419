/**
 * Security over HTTP, as a forger would attack it: the role × action table enforced by every
 * server action itself, cross-origin posts, malformed payloads, hostile names, rate-limited
 * sign-in, and the response headers.
 */
import { randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import type { Role } from "@/lib/domain/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { actionIds, callAction, createAdmin, e2eDatabase, form, signInOverHttp, type ActionName } from "./http";

const PASSWORD = "Security-Test-Password-1";
let prisma: PrismaClient;
let ids: Record<ActionName, string>;
const contexts: APIRequestContext[] = [];

test.beforeAll(() => {
  prisma = e2eDatabase();
  ids = actionIds();
});
test.afterAll(async () => {
  // Contexts a test created may already be closed with it.
  await Promise.all(contexts.map((c) => c.dispose().catch(() => undefined)));
  await prisma.$disconnect();
});

async function signedIn(baseURL: string, role: Role): Promise<{ request: APIRequestContext; adminId: string }> {
  const admin = await createAdmin(prisma, role, PASSWORD);
  const request = await playwrightRequest.newContext({ baseURL });
  contexts.push(request);
  await signInOverHttp(request, admin.upn, PASSWORD);
  return { request, adminId: admin.id };
}

async function fixtures() {
  const product = await prisma.product.findUniqueOrThrow({ where: { skuPartNumber: "EXCHANGESTANDARD" }, select: { id: true } });
  const subscription = await prisma.subscription.findFirstOrThrow({ where: { productId: product.id }, orderBy: { endsAt: "desc" }, select: { id: true, quantity: true } });
  const suffix = randomUUID().slice(0, 8);
  const target = await prisma.$transaction((tx) =>
    tx.user.create({ data: { displayName: `Target ${suffix}`, userPrincipalName: `target.${suffix}@contoso.example`, usageLocation: "US" }, select: { id: true } }),
  );
  const deleted = await prisma.$transaction((tx) =>
    tx.user.create({ data: { displayName: `Gone ${suffix}`, userPrincipalName: `gone.${suffix}@contoso.example`, usageLocation: "US", deletedAt: new Date() }, select: { id: true } }),
  );
  return { productId: product.id, subscription, targetId: target.id, deletedId: deleted.id, suffix };
}

type Fixtures = Awaited<ReturnType<typeof fixtures>>;

const CALLS: Record<Exclude<ActionName, "setLocaleAction">, { denied: Role[]; args: (f: Fixtures) => FormData }> = {
  purchaseLicensesAction: { denied: ["LicenseAdmin", "UserAdmin", "GlobalReader"], args: (f) => form({ subscriptionId: f.subscription.id, quantity: "3", idempotencyKey: randomUUID() }) },
  reduceQuantityAction: { denied: ["LicenseAdmin", "UserAdmin", "GlobalReader"], args: (f) => form({ subscriptionId: f.subscription.id, newQuantity: "1", confirm: "true" }) },
  assignLicensesAction: { denied: ["BillingAdmin", "GlobalReader"], args: (f) => form({ productId: f.productId, userIds: f.targetId }) },
  removeLicensesAction: { denied: ["BillingAdmin", "GlobalReader"], args: (f) => form({ productId: f.productId, userIds: f.targetId }) },
  createUserAction: { denied: ["BillingAdmin", "LicenseAdmin", "GlobalReader"], args: (f) => form({ displayName: `Forged ${f.suffix}`, userPrincipalName: `forged.${f.suffix}@contoso.example`, usageLocation: "US" }) },
  deleteUsersAction: { denied: ["BillingAdmin", "LicenseAdmin", "GlobalReader"], args: (f) => form({ userIds: f.targetId }) },
  restoreUserAction: { denied: ["BillingAdmin", "LicenseAdmin", "GlobalReader"], args: (f) => form({ userId: f.deletedId }) },
};

async function effects(f: Fixtures) {
  return {
    quantity: (await prisma.subscription.findUniqueOrThrow({ where: { id: f.subscription.id }, select: { quantity: true } })).quantity,
    targetAssigned: await prisma.licenseAssignment.count({ where: { userId: f.targetId } }),
    targetDeleted: (await prisma.user.findUniqueOrThrow({ where: { id: f.targetId }, select: { deletedAt: true } })).deletedAt !== null,
    deletedRestored: (await prisma.user.findUniqueOrThrow({ where: { id: f.deletedId }, select: { deletedAt: true } })).deletedAt === null,
    forgedUsers: await prisma.user.count({ where: { userPrincipalName: { startsWith: `forged.${f.suffix}` } } }),
  };
}

test.describe("every server action refuses the roles the table denies, over HTTP", () => {
  for (const [action, { denied }] of Object.entries(CALLS) as [keyof typeof CALLS, (typeof CALLS)[keyof typeof CALLS]][]) {
    for (const role of denied) {
      test(`${action} as ${role}: refused, nothing changed, audited as denied`, async ({ baseURL }) => {
        const f = await fixtures();
        const { request, adminId } = await signedIn(baseURL!, role);
        const before = await effects(f);
        const response = await callAction(request, ids[action], [null, CALLS[action].args(f)]);
        expect(response.status).toBe(200);
        expect(response.text).toContain('"ok":false');
        expect(response.text).toContain('"code":"FORBIDDEN"');
        expect(response.text).toContain("Your admin role does not allow this action");
        expect(await effects(f)).toEqual(before);
        const audit = await prisma.auditEvent.findMany({ where: { actorId: adminId }, select: { result: true, action: true } });
        expect(audit.filter((e) => e.action !== "signIn")).toEqual([expect.objectContaining({ result: "denied" })]);
      });
    }
  }

  test("a User admin cannot delete another admin; the refusal is audited", async ({ baseURL }) => {
    const { request, adminId } = await signedIn(baseURL!, "UserAdmin");
    const other = await createAdmin(prisma, "BillingAdmin", PASSWORD);
    const response = await callAction(request, ids.deleteUsersAction, [null, form({ userIds: other.id })]);
    expect(response.text).toContain('"code":"CANNOT_MANAGE_ADMIN"');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: other.id }, select: { deletedAt: true } })).deletedAt).toBeNull();
    expect(await prisma.auditEvent.count({ where: { actorId: adminId, action: "user.delete", result: "denied" } })).toBe(1);
  });

  test("without a session every action is refused", async ({ baseURL }) => {
    const f = await fixtures();
    const request = await playwrightRequest.newContext({ baseURL });
    contexts.push(request);
    const before = await effects(f);
    for (const [action, { args }] of Object.entries(CALLS) as [keyof typeof CALLS, (typeof CALLS)[keyof typeof CALLS]][]) {
      const response = await callAction(request, ids[action], [null, args(f)]);
      expect(response.text, action).toContain('"code":"UNAUTHENTICATED"');
    }
    expect(await effects(f)).toEqual(before);
  });
});

test.describe("cross-origin posts", () => {
  for (const origin of ["https://evil.example", "null"]) {
    test(`a server action posted with Origin: ${origin} is refused and changes nothing`, async ({ baseURL }) => {
      const f = await fixtures();
      const { request } = await signedIn(baseURL!, "GlobalAdmin");
      const before = await effects(f);
      const response = await callAction(request, ids.purchaseLicensesAction, [null, CALLS.purchaseLicensesAction.args(f)], { Origin: origin });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.text).not.toContain('"ok":true');
      expect(await effects(f)).toEqual(before);
    });
  }
});

test.describe("malformed payloads", () => {
  const hostile = ["", " ", "abc", "-1", "0", "1.5", "1e309", "10001", "99999999999999999999", "<script>alert(1)</script>", "'; DROP TABLE \"User\"; --", "\u0000\u202e", "x".repeat(100_000), "__proto__", "[object Object]"];

  test("every action answers clear errors, never a 500, and changes nothing", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const f = await fixtures();
    const { request, adminId } = await signedIn(baseURL!, "GlobalAdmin");
    const before = await effects(f);
    const bodies: (unknown[] | string)[] = [
      "not a React reply",
      "[]",
      JSON.stringify([null, { __proto__: { isAdmin: true } }]),
      [],
      [null],
      [null, "a string instead of a form"],
      [null, 42],
      [null, form({})],
      [null, form({ constructor: "x", __proto__: "y", prototype: "z" })],
      ...hostile.map((value) =>
        [null, form({ productId: value, userIds: [value, f.targetId], subscriptionId: value, quantity: value, newQuantity: value, idempotencyKey: value, confirm: value, displayName: value, userPrincipalName: value, usageLocation: value, userId: value, locale: value })],
      ),
    ];
    for (const action of Object.keys(CALLS) as (keyof typeof CALLS)[]) {
      for (const body of bodies) {
        const response = await callAction(request, ids[action], body);
        expect(response.status, `${action} with ${typeof body === "string" ? body : JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
        expect(response.text).not.toContain('"ok":true');
      }
    }
    expect(await effects(f)).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { actorId: adminId, result: "success", NOT: { action: "signIn" } } })).toBe(0);
  });
});

test.describe("hostile text never runs in the browser", () => {
  test("a user named with script payloads renders as text", async ({ browser, baseURL }) => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;
    const suffix = randomUUID().slice(0, 8);
    await prisma.$transaction((tx) => tx.user.create({ data: { displayName: payload, userPrincipalName: `hostile.${suffix}@contoso.example`, usageLocation: "US" } }));
    const admin = await createAdmin(prisma, "GlobalReader", PASSWORD);
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    page.on("dialog", () => {
      throw new Error("a dialog opened: script ran");
    });
    await page.goto("/sign-in");
    await page.locator("input[name=username]").fill(admin.upn);
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/billing\/licenses/);
    await page.goto(`/users?q=${encodeURIComponent(`hostile.${suffix}`)}`);
    await expect(page.getByText(payload, { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });
});

test.describe("sign-in", () => {
  test("is rate-limited per account with a clear message, and failures are audited", async ({ page }) => {
    const account = `nobody.${randomUUID().slice(0, 8)}@contoso.example`;
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.locator("input[name=username]").fill(account);
      await page.locator("input[name=password]").fill(`wrong-${attempt}`);
      await page.locator("button[type=submit]").click();
      const expected = attempt <= 5 ? /incorrect/i : /too many sign-in attempts/i;
      await expect(page.locator("#sign-in-error")).toHaveText(expected);
    }
    expect(await prisma.auditEvent.count({ where: { action: "signIn", result: "failed", detail: { startsWith: account } } })).toBe(5);
    expect(await prisma.auditEvent.count({ where: { action: "signIn", result: "denied", detail: { startsWith: account } } })).toBe(1);
  });
});

test.describe("response headers", () => {
  for (const path of ["/sign-in", "/billing/licenses", "/api/auth/csrf"]) {
    test(`${path} carries the security headers`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-powered-by"]).toBeUndefined();
    });
  }
});

test.describe("hostile help content never runs in the browser", () => {
  test("an article full of script payloads, rendered as served, is inert in Chromium", async ({ page }) => {
    const { renderHelpMarkdown } = await import("@/lib/help/render");
    const markdown = [
      "---",
      "title: Hostile",
      "---",
      "# Hostile <script>window.__pwned = 1</script>",
      '<img src="x" onerror="window.__pwned = 1">',
      '<a href="javascript:window.__pwned = 1">click</a> [md link](javascript:window.__pwned=1)',
      '<svg onload="window.__pwned = 1"><script>window.__pwned = 1</script></svg>',
      '<iframe src="javascript:window.__pwned = 1"></iframe><object data="data:text/html,x"></object>',
      '<span data-ttu-id="1" onmouseover="window.__pwned = 1">t</span><span class="sxs-lookup"><span data-stu-id="1"><img src=x onerror="window.__pwned=1"></span></span>',
      "> [!NOTE]",
      '> <details open ontoggle="window.__pwned = 1">x</details>',
    ].join("\n");
    const article = await renderHelpMarkdown(markdown, { cloud: "worldwide", locale: "en-US", articleExists: () => true });
    page.on("dialog", () => {
      throw new Error("a dialog opened: script ran");
    });
    await page.setContent(`<!doctype html><html><body><div class="help-article">${article.html}</div></body></html>`);
    await page.locator("a").first().click({ trial: true }).catch(() => undefined);
    await page.mouse.move(10, 10);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Payloads may survive as visible text; never as markup, handlers or URLs.
    expect(article.html).not.toMatch(/<script|\son\w+=|(href|src|data)="\s*(javascript|data):|<iframe|<object|<embed/i);
  });
});
