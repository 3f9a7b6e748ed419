/**
 * The seeded demo organization for integration tests. The demo data is seeded once per test
 * file; every `freshOrg()` starts from that seed again (a copy of the file on SQLite, the seeded
 * rows put back on PostgreSQL) and points the data layer (server/db.ts) at it, so each test
 * starts from the same seed and tests do not depend on each other's order.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { createRawReader, type RawReader } from "@/lib/raw-reader";
import { isRole, ROLES, type Role } from "@/lib/domain/roles";
import type { AuditEvent, PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_ADMINS, seedDemo } from "@/prisma/demo-data";
import type { Actor } from "@/server/actor";
import { AppError, type ErrorCode } from "@/server/errors";
import type { AssignmentFilter, Listing, Page } from "@/lib/listing";
import { getProductPage, type AssignmentRow, type AssignmentSort } from "@/server/data/licenses";
import { createTestDatabase } from "./database";
import { assertInvariants } from "./invariants";
import { createPostgresDatabase, dropPostgresDatabase, queryPostgres, runPostgresFile } from "./postgres";

/** TEST_DATABASE=postgres runs the same integration tests on PostgreSQL (scripts/test-all.mjs). */
export const isPostgresRun = process.env.TEST_DATABASE === "postgres";

export type ProductKey = "e3" | "bp" | "e5" | "pbi" | "visio" | "exo";

export const SKUS: Record<ProductKey, string> = {
  e3: "ENTERPRISEPACK",
  bp: "SPB",
  e5: "SPE_E5",
  pbi: "POWER_BI_PRO",
  visio: "VISIOCLIENT",
  exo: "EXCHANGESTANDARD",
};

export interface Org {
  /** A client of its own (another connection): it sees only what was committed. */
  prisma: PrismaClient;
  actors: Record<Role, Actor>;
  productId(key: ProductKey): Promise<string>;
  /** The product's subscription that ends last (its Active one in the seed). */
  activeSubscriptionId(key: ProductKey): Promise<string>;
  userId(displayName: string): Promise<string>;
  close(): Promise<void>;
}

// server/db.ts keeps its client here (it survives Next.js hot reloads); tests point it at each copy.
const holder = globalThis as unknown as { licenseCenterPrisma?: PrismaClient; licenseCenterRawReader?: RawReader };

let template: Promise<string> | undefined;
let postgresOrg: Promise<string> | undefined;

/**
 * On PostgreSQL a test file seeds one database of its own and every test resets its rows
 * (tests/support/postgres-reset.sql) instead of copying a template database, which cost
 * 260 ms a test. The database goes when the file's process exits, and with the run otherwise.
 */
async function seedPostgresOrg(): Promise<string> {
  const { name, url } = createPostgresDatabase("lc_org");
  process.once("exit", () => {
    try {
      dropPostgresDatabase(name);
    } catch {
      // The run's global teardown drops what is left (tests/support/global-setup.ts).
    }
  });
  const migrations = path.join(import.meta.dirname, "../../prisma/postgres/migrations");
  for (const dir of readdirSync(migrations)
    .filter((n) => /^\d/.test(n))
    .sort())
    runPostgresFile(url, path.join(migrations, dir, "migration.sql"));
  const prisma = createPrismaClient(url);
  await seedDemo(prisma, new Date());
  await prisma.$disconnect();
  runPostgresFile(url, path.join(import.meta.dirname, "postgres-reset.sql"));
  return url;
}

/** The seeded organization: a reset database on PostgreSQL, a copy of the seeded file on SQLite. */
async function copyOfTemplate(): Promise<{ url: string; cleanup: () => void }> {
  if (isPostgresRun) {
    postgresOrg ??= seedPostgresOrg();
    let url = await postgresOrg;
    const [[reset] = []] = queryPostgres(url, "SELECT lc_seed.reset()");
    if (reset !== "t") {
      // The last test changed the schema and left it so: this file goes on in a new database.
      dropPostgresDatabase(new URL(url).pathname.slice(1));
      postgresOrg = seedPostgresOrg();
      url = await postgresOrg;
    }
    return { url, cleanup: () => {} };
  }
  template ??= seedTemplate();
  const source = await template;
  const dir = mkdtempSync(path.join(tmpdir(), "license-center-org-"));
  const file = path.join(dir, "org.db");
  copyFileSync(source, file);
  return { url: `file:${file}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function seedTemplate(): Promise<string> {
  const { url, file } = createTestDatabase();
  process.once("exit", () => rmSync(path.dirname(file), { recursive: true, force: true }));
  const prisma = createPrismaClient(url);
  await seedDemo(prisma, new Date());
  await prisma.$disconnect();
  // Fold the WAL into the main file so a plain copy holds the whole seed.
  const raw = new Database(file);
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.close();
  return file;
}

export async function loadActor(prisma: PrismaClient, userPrincipalName: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { userPrincipalName },
    select: { id: true, displayName: true, userPrincipalName: true, preferredLocale: true, roles: { select: { role: true } } },
  });
  return { ...user, roles: user.roles.map((r) => r.role).filter(isRole) };
}

/** A fresh copy of the seeded demo organization, used by the data layer from now on. */
export async function freshOrg(): Promise<Org> {
  const { url, cleanup } = await copyOfTemplate();
  process.env.DATABASE_URL = url;

  await holder.licenseCenterPrisma?.$disconnect();
  holder.licenseCenterPrisma = createPrismaClient(url);
  await holder.licenseCenterRawReader?.close();
  holder.licenseCenterRawReader = createRawReader(url);
  const { db } = await import("@/server/db");
  // Each test's organization starts from the same template: nothing remembered from the last one.
  (await import("@/server/data/cutoffs")).forgetCutoffs();
  if (db() !== holder.licenseCenterPrisma)
    throw new Error("server/db.ts no longer keeps its client on globalThis.licenseCenterPrisma: update tests/support/org.ts");

  const prisma = createPrismaClient(url);
  const actors = {} as Record<Role, Actor>;
  for (const role of ROLES) {
    const admin = DEMO_ADMINS.find((a) => a.role === role);
    if (!admin) throw new Error(`the seed has no ${role}`);
    actors[role] = await loadActor(prisma, admin.upn);
  }
  await assertInvariants(prisma);

  const productId = async (key: ProductKey) =>
    (await prisma.product.findUniqueOrThrow({ where: { skuPartNumber: SKUS[key] }, select: { id: true } })).id;
  return {
    prisma,
    actors,
    productId,
    async activeSubscriptionId(key) {
      const sub = await prisma.subscription.findFirstOrThrow({
        where: { product: { skuPartNumber: SKUS[key] } },
        orderBy: { endsAt: "desc" },
        select: { id: true },
      });
      return sub.id;
    },
    async userId(displayName) {
      return (await prisma.user.findFirstOrThrow({ where: { displayName }, select: { id: true } })).id;
    },
    async close() {
      await prisma.$disconnect();
      await holder.licenseCenterPrisma?.$disconnect();
      holder.licenseCenterPrisma = undefined;
      await holder.licenseCenterRawReader?.close();
      holder.licenseCenterRawReader = undefined;
      cleanup();
    },
  };
}

/** Everything a denied or refused call must leave untouched. */
export async function snapshot(prisma: PrismaClient) {
  return {
    assignments: await prisma.licenseAssignment.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, productId: true } }),
    products: await prisma.product.findMany({ orderBy: { id: "asc" }, select: { id: true, assignedCount: true } }),
    subscriptions: await prisma.subscription.findMany({ orderBy: { id: "asc" }, select: { id: true, quantity: true, reducedAt: true } }),
    users: await prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, deletedAt: true } }),
    orders: await prisma.order.count(),
    webhooks: await prisma.webhookEndpoint.findMany({ orderBy: { id: "asc" }, select: { id: true, enabled: true, secret: true } }),
  };
}

export type AuditRow = Pick<AuditEvent, "id" | "actorId" | "action" | "targetType" | "targetId" | "result" | "before" | "after">;

/** Ids of the audit events so far, to find the ones a call adds. */
export async function auditIds(prisma: PrismaClient): Promise<Set<string>> {
  return new Set((await prisma.auditEvent.findMany({ select: { id: true } })).map((e) => e.id));
}

export async function auditSince(prisma: PrismaClient, before: ReadonlySet<string>): Promise<AuditRow[]> {
  const events = await prisma.auditEvent.findMany({
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, actorId: true, action: true, targetType: true, targetId: true, result: true, before: true, after: true },
  });
  return events.filter((event) => !before.has(event.id));
}

/** Awaits a call that must fail with an AppError of `code`; returns the error for its values. */
export async function expectAppError(call: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  return appError;
}

/** Asserts a refusal with `code`: the data are unchanged and no success was audited. */
export async function expectRefusedIn(org: Org, call: () => Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const before = await snapshot(org.prisma);
  const audit = await auditIds(org.prisma);
  const error = await expectAppError(call(), code);
  expect(await snapshot(org.prisma)).toEqual(before);
  expect((await auditSince(org.prisma, audit)).filter((e) => e.result === "success")).toEqual([]);
  return error;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A listing with defaults, as the pages parse it from the URL. */
export function listing<S extends string>(sort: S, overrides: { q?: string; page?: number; dir?: "asc" | "desc" } = {}) {
  return { q: "", page: 1, dir: "asc" as "asc" | "desc", ...overrides, sort };
}

/** A page of a product's assigned users, as the product page lists them (getProductPage). */
export async function productAssignments(
  actor: Actor,
  productId: string,
  pageListing: Listing<AssignmentSort>,
  filter: AssignmentFilter = "all",
): Promise<Page<AssignmentRow>> {
  const page = await getProductPage(actor, productId, pageListing, filter);
  if (!page) throw new Error(`no product ${productId}`);
  return page.assignments;
}
