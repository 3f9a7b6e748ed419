/**
 * Security over HTTP, as a forger would attack it: every server action of the build and every
 * mutating route refuses the roles the operations table denies (the lists come from the build,
 * the source and the table, so a new entry point without its row fails here), cross-origin posts,
 * malformed payloads, hostile names, bulk limits, and the response headers.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { ROLES, type Role } from "@/lib/domain/roles";
import {
  MUTATING_ROUTE_NAMES,
  MUTATING_ROUTES,
  SERVER_ACTION_NAMES,
  SERVER_ACTIONS,
  type MutatingRoute,
  type ServerActionName,
} from "@/server/actions/registry";
import { allows } from "@/server/auth/operations";
import { MAX_BULK } from "@/lib/validation";
import { expect, test } from "./fixtures";
import type { Factories } from "./factories";
import { actionIds, buildActions, callAction, callRoute, form, signInOverHttp } from "./http";

let ids: Record<ServerActionName, string>;
test.beforeAll(() => {
  ids = actionIds();
});

async function fixtures(factories: Factories) {
  const { product, users } = await factories.productWithUsers("Exchange Online", { valid: 25, assigned: 1 });
  const otherProduct = await factories.product({ name: "Visio Plan 2", subscriptions: [{ quantity: 5 }] });
  const target = await factories.user({ name: "Target" });
  const deleted = await factories.user({ name: "Gone", deletedDaysAgo: 1 });
  return {
    product,
    otherProduct,
    subscriptionId: product.subscriptions[0]!,
    holderId: users[0]!.id,
    targetId: target.id,
    deletedId: deleted.id,
    tag: factories.tag,
  };
}

type Fixtures = Awaited<ReturnType<typeof fixtures>>;

/** A well-formed endpoint id: the role is refused before any endpoint is looked up. */
const NO_ENDPOINT = "clnotanendpoint000000000";

/** The arguments each server action is called with: a valid request, so only authorization can refuse it. */
const CALLS: Record<ServerActionName, (f: Fixtures) => unknown[]> = {
  loadHelpArticleAction: () => ["licenses"],
  purchaseLicensesAction: (f) => [null, form({ subscriptionId: f.subscriptionId, quantity: "3", idempotencyKey: randomUUID() })],
  reduceQuantityAction: (f) => [null, form({ subscriptionId: f.subscriptionId, newQuantity: "1", confirm: "true" })],
  reactivateSubscriptionAction: (f) => [null, form({ subscriptionId: f.subscriptionId })],
  setLowLicenseAlertAction: (f) => [null, form({ productId: f.product.id, below: "5" })],
  setAutoRenewAction: (f) => [null, form({ subscriptionId: f.subscriptionId, autoRenew: "off" })],
  assignLicensesAction: (f) => [null, form({ productId: f.product.id, userIds: f.targetId })],
  removeLicensesAction: (f) => [null, form({ productId: f.product.id, userIds: f.holderId })],
  replaceLicensesAction: (f) => [null, form({ fromProductId: f.product.id, toProductId: f.otherProduct.id, userIds: f.holderId })],
  createScimTokenAction: () => [null, form({ name: "Forged" })],
  revokeScimTokenAction: (f) => [null, form({ tokenId: f.targetId })],
  createAppAction: () => [null, form({ name: "Forged", roles: "GlobalAdmin", secretDays: "180" })],
  addAppSecretAction: () => [null, form({ appId: NO_ENDPOINT, secretDays: "180" })],
  revokeAppSecretAction: () => [null, form({ secretId: NO_ENDPOINT })],
  deleteAppAction: () => [null, form({ appId: NO_ENDPOINT })],
  undoRemovalAction: (f) => [null, form({ eventId: f.targetId })],
  reclaimInactiveAction: (f) => [null, form({ days: "30", productIds: f.product.id, expected: "1" })],
  previewBulkAction: (f) => [null, form({ action: "delete", userIds: f.targetId })],
  countLicensesInViewAction: (f) => [null, form({ productId: f.product.id, q: "", filter: "all" })],
  createUserAction: (f) => [
    null,
    form({ displayName: `Forged ${f.tag}`, userPrincipalName: `forged.${f.tag}@contoso.example`, usageLocation: "US" }),
  ],
  uploadUserImportAction: (f) => [
    null,
    form({ file: new Blob([`User Name,Display Name\r\nforged.${f.tag}@contoso.example,Forged ${f.tag}\r\n`], { type: "text/csv" }) }),
  ],
  deleteUsersAction: (f) => [null, form({ userIds: f.targetId })],
  restoreUserAction: (f) => [null, form({ userId: f.deletedId })],
  setSignInAction: (f) => [null, form({ userIds: f.targetId, signIn: "blocked" })],
  updateUserAction: (f) => [null, form({ userId: f.targetId, displayName: `Forged ${f.tag}`, usageLocation: "NL", signIn: "blocked" })],
  setUserRolesAction: (f) => [null, form({ userId: f.targetId, roles: "GlobalAdmin" })],
  setLocaleAction: () => [null, form({ locale: "nl-NL" })],
  signOutEverywhereAction: () => [null, form({})],
  saveAlertChoicesAction: () => [null, form({ shown: "conflict.created", email: "conflict.created" })],
  setCalendarFeedAction: () => [null, form({ feed: "create" })],
  createWebhookAction: (f) => [null, form({ url: `https://forged-${f.tag}.example/hook`, description: "", kinds: "conflict.created" })],
  setWebhookEnabledAction: () => [null, form({ endpointId: NO_ENDPOINT, enabled: "false" })],
  rotateWebhookSecretAction: () => [null, form({ endpointId: NO_ENDPOINT })],
  deleteWebhookAction: () => [null, form({ endpointId: NO_ENDPOINT, confirm: "true" })],
  sendTestWebhookAction: () => [null, form({ endpointId: NO_ENDPOINT })],
};

async function effects(factories: Factories, f: Fixtures) {
  const prisma = factories.prisma;
  return {
    subscription: await prisma.subscription.findUniqueOrThrow({
      where: { id: f.subscriptionId },
      select: { quantity: true, endsAt: true, autoRenew: true },
    }),
    assignments: await prisma.licenseAssignment.count({ where: { productId: f.product.id } }),
    otherAssignments: await prisma.licenseAssignment.count({ where: { productId: f.otherProduct.id } }),
    targetDeleted: (await prisma.user.findUniqueOrThrow({ where: { id: f.targetId }, select: { deletedAt: true } })).deletedAt !== null,
    deletedRestored: (await prisma.user.findUniqueOrThrow({ where: { id: f.deletedId }, select: { deletedAt: true } })).deletedAt === null,
    forgedUsers: await prisma.user.count({ where: { userPrincipalName: { startsWith: `forged.${f.tag}` } } }),
    forgedWebhooks: await prisma.webhookEndpoint.count({ where: { url: { contains: `forged-${f.tag}` } } }),
    forgedApps: await prisma.appRegistration.count({ where: { name: "Forged" } }),
    target: await prisma.user.findUniqueOrThrow({
      where: { id: f.targetId },
      select: { displayName: true, usageLocation: true, accountEnabled: true, roles: { select: { role: true } } },
    }),
  };
}

async function signedIn(factories: Factories, baseURL: string, role: Role, request: (baseURL: string) => Promise<APIRequestContext>) {
  const admin = await factories.admin(role);
  const context = await request(baseURL);
  await signInOverHttp(context, admin.upn, admin.password);
  return { request: context, admin };
}

test("the build's server actions are exactly those of the registry (each with an operation and a forged call below)", () => {
  expect([...buildActions().keys()].sort()).toEqual([...SERVER_ACTION_NAMES].sort());
});

const DENIED = SERVER_ACTION_NAMES.flatMap((action) =>
  ROLES.filter((role) => !allows([role], SERVER_ACTIONS[action])).map((role) => [action, role] as const),
);

test.describe("every server action refuses the roles the operations table denies, over HTTP", () => {
  // Under load, a refusal's audit record once waited out SQLite's 10 s busy timeout behind
  // another writer (P1008) and the call answered a bare server error ("1:E{digest}"): P1008 is
  // now retried as transient (server/db.ts), and a refusal that still can't be recorded says
  // "temporarily unavailable". One retry stays, so a call the database couldn't take in time
  // doesn't fail the suite; npm test's summary lists a retried test as flaky, not hidden.
  test.describe.configure({ retries: 1 });
  test("the denied calls cover every action that some role may not make", () => {
    expect(new Set(DENIED.map(([action]) => action))).toEqual(
      new Set(SERVER_ACTION_NAMES.filter((a) => ROLES.some((r) => !allows([r], SERVER_ACTIONS[a])))),
    );
    expect(DENIED.map(([action]) => action)).toContain("removeLicensesAction");
  });

  for (const [action, role] of DENIED) {
    test(`${action} as ${role}: refused, nothing changed, audited as denied`, async ({ factories, baseURL, playwright }) => {
      const f = await fixtures(factories);
      const { request, admin } = await signedIn(factories, baseURL!, role, (url) => playwright.request.newContext({ baseURL: url }));
      const before = await effects(factories, f);
      const response = await callAction(request, ids[action], CALLS[action](f));
      expect(response.status).toBe(200);
      expect(response.text).toContain('"ok":false');
      expect(response.text).toContain('"code":"FORBIDDEN"');
      expect(response.text).toContain("Your admin role does not allow this action");
      expect(await effects(factories, f)).toEqual(before);
      const audit = await factories.prisma.auditEvent.findMany({ where: { actorId: admin.id }, select: { result: true, action: true } });
      expect(audit.filter((e) => e.action !== "signIn")).toEqual([{ result: "denied", action: SERVER_ACTIONS[action] }]);
      await request.dispose();
    });
  }

  test("a User admin cannot delete another admin; the refusal is audited", async ({ factories, baseURL, playwright }) => {
    const { request, admin } = await signedIn(factories, baseURL!, "UserAdmin", (url) => playwright.request.newContext({ baseURL: url }));
    const other = await factories.admin("BillingAdmin", { name: "Other admin" });
    const response = await callAction(request, ids.deleteUsersAction, [null, form({ userIds: other.id })]);
    expect(response.text).toContain('"code":"CANNOT_MANAGE_ADMIN"');
    expect((await factories.prisma.user.findUniqueOrThrow({ where: { id: other.id }, select: { deletedAt: true } })).deletedAt).toBeNull();
    expect(await factories.prisma.auditEvent.count({ where: { actorId: admin.id, action: "user.delete", result: "denied" } })).toBe(1);
    await request.dispose();
  });

  test("without a session every action is refused", async ({ factories, baseURL, playwright }) => {
    const f = await fixtures(factories);
    const request = await playwright.request.newContext({ baseURL });
    const before = await effects(factories, f);
    for (const action of SERVER_ACTION_NAMES) {
      const response = await callAction(request, ids[action], CALLS[action](f));
      if (action === "loadHelpArticleAction") expect(response.text, action).not.toContain("help-article");
      else expect(response.text, action).toContain('"code":"UNAUTHENTICATED"');
    }
    expect(await effects(factories, f)).toEqual(before);
    await request.dispose();
  });
});

/** The fields each mutating route is posted with: a valid request, so only authorization can refuse it. */
const ROUTE_CALLS: Record<MutatingRoute, (f: Fixtures) => Record<string, string>> = {
  "POST /api/licenses/remove-in-view": (f) => ({ productId: f.product.id, q: "", filter: "all", expected: "1" }),
  // A well-formed id: the role is refused before any upload is looked up.
  "POST /api/users/import/run": () => ({ importId: "clnotanimport00000000000" }),
};

const DENIED_ROUTES = MUTATING_ROUTE_NAMES.flatMap((route) =>
  ROLES.filter((role) => !allows([role], MUTATING_ROUTES[route])).map((role) => [route, role] as const),
);

test.describe("every mutating route refuses what the operations table denies, over HTTP", () => {
  test("the denied calls cover every route", () => {
    expect(new Set(DENIED_ROUTES.map(([route]) => route))).toEqual(new Set(MUTATING_ROUTE_NAMES));
  });

  for (const [route, role] of DENIED_ROUTES) {
    test(`${route} as ${role}: refused, nothing changed, audited as denied`, async ({ factories, baseURL, playwright }) => {
      const f = await fixtures(factories);
      const { request, admin } = await signedIn(factories, baseURL!, role, (url) => playwright.request.newContext({ baseURL: url }));
      const before = await effects(factories, f);
      const response = await callRoute(request, baseURL!, route, ROUTE_CALLS[route](f));
      expect(response.status).toBe(200);
      expect(response.lines).toEqual([
        { ok: false, code: "FORBIDDEN", message: expect.stringContaining("Your admin role does not allow") },
      ]);
      expect(await effects(factories, f)).toEqual(before);
      const audit = await factories.prisma.auditEvent.findMany({ where: { actorId: admin.id }, select: { result: true, action: true } });
      expect(audit.filter((e) => e.action !== "signIn")).toEqual([{ result: "denied", action: MUTATING_ROUTES[route] }]);
      await request.dispose();
    });
  }

  for (const route of MUTATING_ROUTE_NAMES) {
    test(`${route}: without a session 401, from another site 403, hostile fields a clear error; nothing changes`, async ({
      factories,
      baseURL,
      playwright,
    }) => {
      const f = await fixtures(factories);
      const anonymous = await playwright.request.newContext({ baseURL });
      const { request, admin } = await signedIn(factories, baseURL!, "GlobalAdmin", (url) =>
        playwright.request.newContext({ baseURL: url }),
      );
      const before = await effects(factories, f);
      const unauthenticated = await callRoute(anonymous, baseURL!, route, ROUTE_CALLS[route](f));
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.lines).toEqual([{ ok: false, code: "UNAUTHENTICATED", message: expect.any(String) }]);
      for (const origin of ["https://evil.example", "null", ""]) {
        const crossSite = await callRoute(request, baseURL!, route, ROUTE_CALLS[route](f), { Origin: origin });
        expect(crossSite.status, `Origin: ${origin}`).toBe(403);
        expect(crossSite.lines[0]).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
      const valid = ROUTE_CALLS[route](f);
      const hostile = ["", "x".repeat(100_000), "<script>alert(1)</script>", '\'; DROP TABLE "User"; --', "__proto__", "\u0000\u202e"];
      const bodies: (Record<string, string> | string)[] = [
        {},
        "not a form",
        // Each field in turn hostile (the valid form itself, an empty search of the whole view, is left out).
        ...hostile.flatMap((value) =>
          Object.keys(valid)
            .filter((field) => valid[field] !== value)
            .map((field) => ({ ...valid, [field]: value })),
        ),
      ];
      for (const body of bodies) {
        const response = await callRoute(request, baseURL!, route, body);
        const label = `${route} with ${JSON.stringify(body).slice(0, 80)}`;
        expect(response.status, label).toBe(200);
        // A hostile search is still a search: it finds nobody, so the confirmed count no longer holds.
        expect(response.lines.at(-1), label).toMatchObject({
          ok: false,
          code: expect.stringMatching(/^(VALIDATION|NOT_FOUND|VIEW_CHANGED)$/),
        });
      }
      expect(await effects(factories, f)).toEqual(before);
      expect(await factories.prisma.auditEvent.count({ where: { actorId: admin.id, result: "success", NOT: { action: "signIn" } } })).toBe(
        0,
      );
      await anonymous.dispose();
      await request.dispose();
    });
  }
});

test.describe("cross-origin posts", () => {
  for (const origin of ["https://evil.example", "null"]) {
    test(`a server action posted with Origin: ${origin} is refused and changes nothing`, async ({ factories, baseURL, playwright }) => {
      const f = await fixtures(factories);
      const { request } = await signedIn(factories, baseURL!, "GlobalAdmin", (url) => playwright.request.newContext({ baseURL: url }));
      const before = await effects(factories, f);
      const response = await callAction(request, ids.purchaseLicensesAction, CALLS.purchaseLicensesAction(f), { Origin: origin });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.text).not.toContain('"ok":true');
      expect(await effects(factories, f)).toEqual(before);
      await request.dispose();
    });
  }
});

test.describe("malformed payloads", () => {
  const hostile = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e3",
    "0x10",
    " 3 ",
    "1e309",
    "10001",
    "99999999999999999999",
    "<script>alert(1)</script>",
    '\'; DROP TABLE "User"; --',
    "\u0000\u202e",
    "x".repeat(100_000),
    "__proto__",
    "[object Object]",
  ];

  for (const action of SERVER_ACTION_NAMES.filter((a) => a !== "signOutEverywhereAction" && a !== "loadHelpArticleAction")) {
    test(`${action} answers hostile field values with a clear error; nothing a browser could not send changes anything`, async ({
      factories,
      baseURL,
      playwright,
    }) => {
      const f = await fixtures(factories);
      const { request, admin } = await signedIn(factories, baseURL!, "GlobalAdmin", (url) =>
        playwright.request.newContext({ baseURL: url }),
      );
      const before = await effects(factories, f);
      // Not what a browser sends: Next.js either cannot decode it (an error digest) or it reaches our validation.
      const garbage: (unknown[] | string)[] = ["not a React reply", "[]", JSON.stringify([null, { __proto__: { isAdmin: true } }])];
      // Well-formed calls with wrong or hostile arguments: our validation answers each, as a 200.
      const hostileForms: unknown[][] = [
        [],
        [null],
        [null, "a string instead of a form"],
        [null, 42],
        [null, form({})],
        [null, form({ constructor: "x", __proto__: "y", prototype: "z" })],
        ...hostile.map((value) => [
          null,
          form({
            productId: value,
            userIds: [value, f.targetId],
            subscriptionId: value,
            quantity: value,
            newQuantity: value,
            idempotencyKey: value,
            confirm: value,
            displayName: value,
            userPrincipalName: value,
            usageLocation: value,
            userId: value,
            locale: value,
            q: value,
            filter: value,
          }),
        ]),
      ];
      for (const body of garbage) {
        const response = await callAction(request, ids[action], body);
        expect(response.text, `${action} with ${String(body)}`).not.toContain('"ok":true');
        expect(response.text).toMatch(/"ok":false|"digest"/);
      }
      for (const body of hostileForms) {
        const response = await callAction(request, ids[action], body);
        const label = `${action} with ${JSON.stringify(body).slice(0, 80)}`;
        expect(response.status, label).toBe(200);
        expect(response.text, label).toContain('"ok":false');
        expect(response.text, label).toMatch(/"code":"(VALIDATION|NOT_FOUND)"/);
      }
      expect(await effects(factories, f)).toEqual(before);
      expect(await factories.prisma.auditEvent.count({ where: { actorId: admin.id, result: "success", NOT: { action: "signIn" } } })).toBe(
        0,
      );
      // And the server is still there.
      expect((await request.get("/sign-in")).status()).toBe(200);
      await request.dispose();
    });
  }
});

test.describe("bulk requests", () => {
  test(`MAX_BULK (${MAX_BULK}) users in one request get an answer; one more is refused with a clear message; a body over the limit is 413`, async ({
    factories,
    baseURL,
    playwright,
  }) => {
    test.setTimeout(120_000);
    const f = await fixtures(factories);
    const { request } = await signedIn(factories, baseURL!, "LicenseAdmin", (url) => playwright.request.newContext({ baseURL: url }));
    // Unknown ids: the request is answered (NOT_FOUND for the unknown users), not a transport error.
    const ids_ = (n: number) => [f.holderId, ...Array.from({ length: n - 1 }, (_, i) => `nobody${String(i).padStart(10, "0")}`)];
    const atLimit = await callAction(request, ids.removeLicensesAction, [null, form({ productId: f.product.id, userIds: ids_(MAX_BULK) })]);
    expect(atLimit.status).toBe(200);
    expect(atLimit.text).toContain('"ok":true');
    expect(atLimit.text).toContain('"removed":1');
    const overLimit = await callAction(request, ids.removeLicensesAction, [
      null,
      form({ productId: f.product.id, userIds: ids_(MAX_BULK + 1) }),
    ]);
    expect(overLimit.status).toBe(200);
    expect(overLimit.text).toContain('"code":"VALIDATION"');
    expect(overLimit.text).toContain("Too many");
    const huge = await callAction(request, ids.removeLicensesAction, [
      null,
      form({ productId: f.product.id, userIds: ["x".repeat(5 * 1024 * 1024)] }),
    ]);
    expect(huge.status).toBe(413);
    expect(huge.text).toContain("PAYLOAD_TOO_LARGE");
    await request.dispose();
  });
});

test.describe("hostile text never runs in the browser", () => {
  test("a user named with script payloads renders as text", async ({ page, factories, signIn }) => {
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;
    await factories.prisma.user.create({
      data: { displayName: payload, userPrincipalName: `hostile.${factories.tag}@contoso.example`, usageLocation: "US" },
    });
    await signIn(page, await factories.admin("GlobalReader"));
    page.on("dialog", () => {
      throw new Error("a dialog opened: script ran");
    });
    await page.goto(`/users?q=${encodeURIComponent(`hostile.${factories.tag}`)}`);
    await expect(page.getByText(payload, { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe("response headers and statuses", () => {
  for (const path of ["/sign-in", "/billing/licenses", "/api/auth/csrf"]) {
    test(`${path} carries the security headers`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-powered-by"]).toBeUndefined();
      expect(headers["strict-transport-security"]).toBeUndefined();
    });
  }

  test("served over https (as the proxy in front says), every answer asks browsers to keep to https", async ({ request }) => {
    const response = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https" } });
    expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });

  test("an unknown product, user, audit event or help article, and the benchmark page outside the benchmark, answer 404 with the page that says so", async ({
    page,
    factories,
    signIn,
  }) => {
    await signIn(page, await factories.admin("GlobalReader"));
    for (const path of [
      "/billing/licenses/nosuchproduct00",
      "/billing/licenses/nosuchproduct00/assign",
      "/users/nosuchuser0000",
      "/audit/nosuchevent000",
      "/help/no-such-article",
      "/billing/licenses/bad",
      "/bench-floor",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });
});

test.describe("hostile help content never runs in the browser", () => {
  test("an article full of script payloads, rendered as served, is inert in Chromium", async ({ page }) => {
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
    // Rendered by npm run help:render, exactly as the app serves it (its own process: the
    // renderer's message catalogs are JSON modules, which Playwright's loader does not import).
    const dir = mkdtempSync(path.join(tmpdir(), "hostile-help-"));
    const file = path.join(dir, "hostile.md");
    writeFileSync(file, markdown);
    const article = {
      html: execFileSync(
        process.execPath,
        ["--import", "tsx", "scripts/help-render.ts", file, "--cloud", "worldwide", "--locale", "en-US"],
        {
          encoding: "utf8",
        },
      ),
    };
    rmSync(dir, { recursive: true, force: true });
    page.on("dialog", () => {
      throw new Error("a dialog opened: script ran");
    });
    await page.setContent(`<!doctype html><html><body><div class="help-article">${article.html}</div></body></html>`);
    await page
      .locator("a")
      .first()
      .click({ trial: true })
      .catch(() => undefined);
    await page.mouse.move(10, 10);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Payloads may survive as visible text; never as markup, handlers or URLs.
    expect(article.html).not.toMatch(/<script|\son\w+=|(href|src|data)="\s*(javascript|data):|<iframe|<object|<embed/i);
  });
});
