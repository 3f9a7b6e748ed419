/**
 * The rows a browser test needs, created by the test itself on the server's database: admins of a
 * role, products with subscriptions in any lifecycle state (in conflict or not), users holding
 * licenses, deleted users. Every name carries the test's tag, so tests running side by side never
 * see each other's rows, and assertions are about the test's own rows, never about a seed.
 * Seat counts are kept as the app keeps them (Product.assignedCount = non-deleted holders).
 */
import { hash } from "@node-rs/argon2";
import { utcDay } from "@/lib/domain/history";
import { addDays } from "@/lib/domain/lifecycle";
import type { Role } from "@/lib/domain/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TEST_PASSWORD } from "./environment";

export interface Admin {
  id: string;
  upn: string;
  displayName: string;
  password: string;
}

export interface UserRef {
  id: string;
  displayName: string;
  upn: string;
}

export interface ProductRef {
  id: string;
  displayName: string;
  sku: string;
  /** Subscription ids, in the order given. */
  subscriptions: string[];
}

export type SubscriptionState = "active" | "expired" | "disabled";

export interface SubscriptionSpec {
  quantity: number;
  state?: SubscriptionState;
  frequency?: "monthly" | "annual";
  /** Days ago the quantity was reduced below what was assigned (starts the 90-day window). */
  reducedDaysAgo?: number;
}

export interface ProductSpec {
  name: string;
  subscriptions: SubscriptionSpec[];
  priceCents?: number;
  plans?: string[];
}

/** A product's counts on a day, `daysAgo` UTC days before today (0: today). */
export interface SnapshotSpec {
  daysAgo: number;
  valid: number;
  assigned: number;
  expired?: number;
  disabled?: number;
}

export interface UserSpec {
  name?: string;
  usageLocation?: string | null;
  accountEnabled?: boolean;
  lastSignInDaysAgo?: number | null;
  deletedDaysAgo?: number;
}

const FIRST = [
  "Ada",
  "Bram",
  "Chen",
  "Dana",
  "Emre",
  "Femke",
  "Gita",
  "Hugo",
  "Iris",
  "Jonas",
  "Kim",
  "Lotte",
  "Mei",
  "Noor",
  "Oskar",
  "Pia",
];
const LAST = ["Visser", "Zhang", "Weber", "Jansen", "Rossi", "Tanaka", "Bakker", "Noor", "Eriksen", "Peeters"];

let passwordHash: Promise<string> | undefined;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

/** Subscription dates for a lifecycle state, relative to now. */
function termOf(state: SubscriptionState, now: Date): { startsAt: Date; endsAt: Date } {
  switch (state) {
    case "active":
      return { startsAt: addDays(now, -30), endsAt: addDays(now, 335) };
    case "expired":
      return { startsAt: addDays(now, -375), endsAt: addDays(now, -10) };
    case "disabled":
      return { startsAt: addDays(now, -425), endsAt: addDays(now, -60) };
  }
}

export class Factories {
  private users = 0;

  constructor(
    readonly prisma: PrismaClient,
    /** Unique to the test: in every name, username and SKU it creates. */
    readonly tag: string,
  ) {}

  /** A label made unique to this test ("Office 365 E3" → "Office 365 E3 k3x9…"). */
  name(label: string): string {
    return `${label} ${this.tag}`;
  }

  async admin(role: Role | Role[], spec: { name?: string; preferredLocale?: string } = {}): Promise<Admin> {
    const roles = Array.isArray(role) ? role : [role];
    const displayName = this.name(spec.name ?? `Admin ${roles.join(" ")}`);
    const upn = `${slug(displayName)}@contoso.example`;
    const user = await this.prisma.user.create({
      data: {
        displayName,
        userPrincipalName: upn,
        usageLocation: "US",
        preferredLocale: spec.preferredLocale ?? null,
        passwordHash: await (passwordHash ??= hash(TEST_PASSWORD)),
        roles: { create: roles.map((r) => ({ role: r })) },
      },
      select: { id: true },
    });
    return { id: user.id, upn, displayName, password: TEST_PASSWORD };
  }

  async user(spec: UserSpec = {}): Promise<UserRef> {
    const index = this.users++;
    const displayName = this.name(
      spec.name ?? `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index}`,
    );
    const upn = `${slug(displayName)}@contoso.example`;
    const now = new Date();
    const user = await this.prisma.user.create({
      data: {
        displayName,
        userPrincipalName: upn,
        usageLocation: spec.usageLocation === undefined ? "US" : spec.usageLocation,
        accountEnabled: spec.accountEnabled ?? true,
        lastSignInAt: spec.lastSignInDaysAgo === null ? null : addDays(now, -(spec.lastSignInDaysAgo ?? 1)),
        deletedAt: spec.deletedDaysAgo === undefined ? null : addDays(now, -spec.deletedDaysAgo),
        createdAt: addDays(now, -200),
      },
      select: { id: true },
    });
    return { id: user.id, displayName, upn };
  }

  async usersOf(count: number, spec: UserSpec = {}): Promise<UserRef[]> {
    const created: UserRef[] = [];
    for (let i = 0; i < count; i++) created.push(await this.user(spec));
    return created;
  }

  /** `count` users named "<label> <n> <tag>" in a few statements, for lists of tens of thousands. */
  async bulkUsers(count: number, label: string): Promise<UserRef[]> {
    const now = new Date();
    const rows = Array.from({ length: count }, (_, i) => {
      const displayName = this.name(`${label} ${i}`);
      return { displayName, userPrincipalName: `${slug(displayName)}@contoso.example`, usageLocation: "US", createdAt: addDays(now, -200) };
    });
    // Short statements: tests side by side share the database's one writer.
    for (let i = 0; i < rows.length; i += 1_000) await this.prisma.user.createMany({ data: rows.slice(i, i + 1_000) });
    const created = await this.prisma.user.findMany({
      where: { displayName: { startsWith: `${label} ` }, userPrincipalName: { endsWith: `${slug(this.tag)}@contoso.example` } },
      select: { id: true, displayName: true, userPrincipalName: true },
    });
    return created.map((u) => ({ id: u.id, displayName: u.displayName, upn: u.userPrincipalName }));
  }

  async product(spec: ProductSpec): Promise<ProductRef> {
    const now = new Date();
    const displayName = this.name(spec.name);
    const sku = `${slug(spec.name).replace(/\./g, "_").toUpperCase()}_${this.tag.toUpperCase()}`;
    const product = await this.prisma.product.create({
      data: {
        displayName,
        skuPartNumber: sku,
        servicePlans: (spec.plans ?? ["EXCHANGE_S_STANDARD"]).join(","),
        unitPriceCents: spec.priceCents ?? 1000,
        subscriptions: {
          create: spec.subscriptions.map((s) => ({
            quantity: s.quantity,
            ...termOf(s.state ?? "active", now),
            billingFrequency: s.frequency ?? "monthly",
            autoRenew: (s.state ?? "active") === "active",
            reducedAt: s.reducedDaysAgo === undefined ? null : addDays(now, -s.reducedDaysAgo),
          })),
        },
      },
      select: { id: true, subscriptions: { select: { id: true, quantity: true, endsAt: true }, orderBy: { createdAt: "asc" } } },
    });
    return { id: product.id, displayName, sku, subscriptions: product.subscriptions.map((s) => s.id) };
  }

  /**
   * Gives users a product's license, as the app would (one day apart, the first `firstDaysAgo`
   * days ago, so the most recently assigned are the last given). Deleted users keep theirs unseen.
   */
  async assign(
    product: { id: string },
    users: readonly { id: string }[],
    { firstDaysAgo = 100 }: { firstDaysAgo?: number } = {},
  ): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction(
      async (tx) => {
        await tx.licenseAssignment.createMany({
          data: users.map((u, i) => ({ userId: u.id, productId: product.id, assignedAt: addDays(now, -firstDaysAgo + i) })),
        });
        const counted = await tx.licenseAssignment.count({ where: { productId: product.id, user: { deletedAt: null } } });
        await tx.product.update({ where: { id: product.id }, data: { assignedCount: counted, holdersVersion: { increment: 1 } } });
        // Thousands of rows while every worker is busy: more than Prisma's default 5 s.
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
  }

  /**
   * A product's daily snapshots (ProductSnapshot), as the daily job writes them: one row per UTC
   * day, the counts given by the test for its own product.
   */
  async history(product: { id: string }, days: readonly SnapshotSpec[]): Promise<void> {
    const today = utcDay(new Date());
    await this.prisma.productSnapshot.createMany({
      data: days.map((d) => ({
        productId: product.id,
        day: addDays(today, -d.daysAgo),
        valid: d.valid,
        assigned: d.assigned,
        expired: d.expired ?? 0,
        disabled: d.disabled ?? 0,
        takenAt: addDays(today, -d.daysAgo + 1 / 24),
      })),
    });
  }

  /** A product whose `assigned` users hold it, `valid` of them with a valid license. */
  async productWithUsers(
    name: string,
    { valid, assigned, cause = "reduced" }: { valid: number; assigned: number; cause?: "reduced" | "expired" },
  ): Promise<{ product: ProductRef; users: UserRef[] }> {
    const excess = Math.max(0, assigned - valid);
    const subscriptions: SubscriptionSpec[] =
      excess > 0 && cause === "expired"
        ? [{ quantity: valid }, { quantity: excess, state: "expired" }]
        : [{ quantity: valid, ...(excess > 0 ? { reducedDaysAgo: 10 } : {}) }];
    const product = await this.product({ name, subscriptions });
    const users = await this.usersOf(assigned);
    await this.assign(product, users);
    return { product, users };
  }
}
