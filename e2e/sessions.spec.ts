/**
 * Sessions end on the server: a cookie copied before sign-out, sign out everywhere, or a change to
 * the admin's standing (deleted, restored, disabled, another role) gets the sign-in page and no
 * action, and no refresh of the cookie outlives the session's absolute end.
 */
import type { Browser, BrowserContext, Cookie } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Admin, Factories } from "./factories";
import { actionIds, callAction, form } from "./http";
import { pageHeading } from "./support";

/** A new browser holding only a copy of `cookies`: what someone who captured them would have. */
async function replay(browser: Browser, baseURL: string, cookies: Cookie[]): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addCookies(cookies);
  return context;
}

/** With only the copied cookies: pages send to sign-in, and an action is refused as signed out. */
async function expectEnded(browser: Browser, baseURL: string, cookies: Cookie[]): Promise<void> {
  const context = await replay(browser, baseURL, cookies);
  const page = await context.newPage();
  await page.goto("/billing/licenses");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(pageHeading(page, "Sign in to License Center")).toBeVisible();
  const response = await callAction(context.request, actionIds().setLocaleAction, [null, form({ locale: "nl-NL" })]);
  expect(response.text).toContain('"code":"UNAUTHENTICATED"');
  const session = (await (await context.request.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user).toBeUndefined();
  await context.close();
}

async function expectLive(browser: Browser, baseURL: string, cookies: Cookie[], admin: Admin): Promise<void> {
  const context = await replay(browser, baseURL, cookies);
  const page = await context.newPage();
  await page.goto("/billing/licenses");
  await expect(page.getByRole("banner")).toContainText(admin.displayName);
  await context.close();
}

async function signedInCookies(
  browser: Browser,
  baseURL: string,
  admin: Admin,
  signIn: (page: import("@playwright/test").Page, admin: Admin) => Promise<void>,
) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, admin);
  const cookies = await context.cookies();
  return { context, page, cookies };
}

test("a cookie copied before sign-out no longer works after it", async ({ browser, baseURL, factories, signIn }) => {
  const admin = await factories.admin("GlobalAdmin");
  const { context, page, cookies } = await signedInCookies(browser, baseURL!, admin, signIn);
  await expectLive(browser, baseURL!, cookies, admin);
  await page.goto("/billing/licenses");
  await page.getByRole("banner").locator("summary", { hasText: admin.displayName }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectEnded(browser, baseURL!, cookies);
  expect(await factories.prisma.auditEvent.count({ where: { action: "signOut", actorId: admin.id } })).toBe(1);
  await context.close();
});

test("Sign out everywhere ends every session of the admin, this one too, and no one else's", async ({
  browser,
  baseURL,
  factories,
  signIn,
}) => {
  const admin = await factories.admin("LicenseAdmin");
  const other = await factories.admin("LicenseAdmin", { name: "Someone else" });
  const laptop = await signedInCookies(browser, baseURL!, admin, signIn);
  const phone = await signedInCookies(browser, baseURL!, admin, signIn);
  const colleague = await signedInCookies(browser, baseURL!, other, signIn);
  await phone.page.goto("/billing/licenses");
  await phone.page.getByRole("banner").locator("summary", { hasText: admin.displayName }).click();
  await expect(phone.page.getByText("Ends your sessions on every device and browser, this one too.")).toBeVisible();
  await phone.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(phone.page).toHaveURL(/\/sign-in/);
  await expectEnded(browser, baseURL!, laptop.cookies);
  await expectEnded(browser, baseURL!, phone.cookies);
  await expectLive(browser, baseURL!, colleague.cookies, other);
  const audit = await factories.prisma.auditEvent.findMany({
    where: { action: "session.revokeAll", actorId: admin.id },
    select: { after: true },
  });
  expect(audit).toEqual([{ after: JSON.stringify({ ended: 2 }) }]);
  for (const c of [laptop, phone, colleague]) await c.context.close();
});

type Act = (action: "deleteUsersAction" | "restoreUserAction", fields: Record<string, string>) => Promise<string>;

/** Each change to an admin's standing: through the app where it has the action, else as an operator would. */
const CHANGES: Record<string, (admin: Admin, factories: Factories, act: Act) => Promise<void>> = {
  "deleted by a Global admin": async (admin, _factories, act) => {
    expect(await act("deleteUsersAction", { userIds: admin.id })).toContain('"ok":true');
  },
  "restored after being deleted": async (admin, factories, act) => {
    await factories.prisma.user.update({ where: { id: admin.id }, data: { deletedAt: new Date() } });
    expect(await act("restoreUserAction", { userId: admin.id })).toContain('"ok":true');
  },
  disabled: async (admin, factories) => {
    await factories.prisma.user.update({ where: { id: admin.id }, data: { accountEnabled: false } });
  },
  "given another role": async (admin, factories) => {
    await factories.prisma.adminRole.updateMany({ where: { userId: admin.id }, data: { role: "GlobalReader" } });
  },
};

for (const [change, apply] of Object.entries(CHANGES)) {
  test(`an admin ${change}: their sessions end`, async ({ browser, baseURL, factories, signIn }) => {
    const admin = await factories.admin("BillingAdmin");
    const before = await signedInCookies(browser, baseURL!, admin, signIn);
    await expectLive(browser, baseURL!, before.cookies, admin);
    const acting = await signedInCookies(browser, baseURL!, await factories.admin("GlobalAdmin", { name: "Acting admin" }), signIn);
    const act: Act = async (action, fields) => (await callAction(acting.context.request, actionIds()[action], [null, form(fields)])).text;
    await apply(admin, factories, act);
    await expectEnded(browser, baseURL!, before.cookies);
    await acting.context.close();
    await before.context.close();
  });
}

test("refreshing the session never extends it past its absolute end", async ({ browser, baseURL, factories, signIn }) => {
  const admin = await factories.admin("GlobalReader");
  const { context, cookies } = await signedInCookies(browser, baseURL!, admin, signIn);
  const [session] = await factories.prisma.adminSession.findMany({ where: { userId: admin.id } });
  expect(session).toBeDefined();
  const hours = (session!.expiresAt.getTime() - session!.createdAt.getTime()) / 3_600_000;
  expect(hours).toBeCloseTo(12, 2);
  for (let i = 0; i < 3; i++)
    expect(((await (await context.request.get("/api/auth/session")).json()) as { user?: { name?: string } }).user?.name).toBe(
      admin.displayName,
    );
  expect((await factories.prisma.adminSession.findUniqueOrThrow({ where: { id: session!.id } })).expiresAt).toEqual(session!.expiresAt);

  // The session reaches its end: the refreshed cookie is worth nothing, and a refresh does not revive it.
  await factories.prisma.adminSession.update({ where: { id: session!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const refreshed = await context.request.get("/api/auth/session");
  expect(((await refreshed.json()) as { user?: unknown }).user).toBeUndefined();
  await expectEnded(browser, baseURL!, cookies);
  await expectEnded(browser, baseURL!, await context.cookies());
  await context.close();
});
