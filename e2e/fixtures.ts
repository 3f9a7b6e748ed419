/**
 * The browser tests' fixtures (in the manner of cal.com's `users.create()` per test):
 * - `factories`: creates this test's own rows on the shared server's database (e2e/factories.ts);
 * - `signIn(page, admin)`: signs a page's browser context in over HTTP, as next-auth's form does;
 * - `pageAs(role)`: a new admin of that role, with a signed-in page of its own;
 * - `ownServer(label, env)`: a server and database of the test's own (e2e/servers.ts), stopped after.
 */
import { test as base, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db-client";
import type { Role } from "@/lib/domain/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DATABASE_URL } from "./environment";
import { Factories, type Admin } from "./factories";
import { signInOverHttp } from "./http";
import { startOwnServer, type OwnServer } from "./servers";

export { expect } from "@playwright/test";

/** A short suffix that keeps names and usernames of rows a test creates unique across runs and workers. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

interface TestFixtures {
  factories: Factories;
  signIn: (page: Page, admin: Admin) => Promise<void>;
  pageAs: (
    role: Role | Role[],
    options?: { locale?: string; baseURL?: string; factories?: Factories },
  ) => Promise<{ page: Page; admin: Admin }>;
  ownServer: (label: string, env?: Record<string, string>) => Promise<OwnServer & { factories: Factories }>;
}

export const test = base.extend<TestFixtures, { db: PrismaClient }>({
  db: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const prisma = createPrismaClient(DATABASE_URL);
      await use(prisma);
      await prisma.$disconnect();
    },
    { scope: "worker" },
  ],
  factories: async ({ db }, use) => {
    await use(new Factories(db, uniqueSuffix()));
  },
  // eslint-disable-next-line no-empty-pattern
  signIn: async ({}, use) => {
    await use((page, admin) => signInOverHttp(page.request, admin.upn, admin.password));
  },
  pageAs: async ({ browser, factories, baseURL }, use) => {
    const contexts: { close(): Promise<void> }[] = [];
    await use(async (role, options = {}) => {
      const admin = await (options.factories ?? factories).admin(role);
      const context = await browser.newContext({ baseURL: options.baseURL ?? baseURL, locale: options.locale ?? "en-US" });
      contexts.push(context);
      const page = await context.newPage();
      await signInOverHttp(page.request, admin.upn, admin.password);
      return { page, admin };
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  // eslint-disable-next-line no-empty-pattern
  ownServer: async ({}, use) => {
    const servers: OwnServer[] = [];
    await use(async (label, env = {}) => {
      const server = await startOwnServer(label, env);
      servers.push(server);
      return { ...server, factories: new Factories(server.prisma, uniqueSuffix()) };
    });
    await Promise.all(servers.map((s) => s.stop()));
  },
});
