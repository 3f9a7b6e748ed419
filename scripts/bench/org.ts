/**
 * The benchmark organization: a large, realistic tenant generated deterministically and written
 * with bulk inserts (better-sqlite3 prepared statements in one transaction on SQLite, batched
 * `INSERT … SELECT FROM unnest(…)` on PostgreSQL). Used by `npm run bench:seed`, `npm run bench`
 * and tests/integration/bench.test.ts.
 *
 * Shape (N users, P products):
 * - the 5 demo admins (DEMO_ADMINS, DEMO_PASSWORD) so the benchmark can sign in;
 * - N users, 1 % of them deleted (in the 30-day restore window, still holding their licenses),
 *   some disabled, some without a usage location;
 * - product 0 is assigned to 97.5 % of the users (the "product page of 100,000 assigned users"),
 *   the others share about 0.525 × N assignments (Zipf), ~1.5 × N in all;
 * - every product has an Active subscription; across the org there are Expired (lapsed in the
 *   last 30 days), Disabled (31–119 days) and Deleted (> 120 days) subscriptions;
 * - every fifth product from 1 is in conflict through a reduction (reducedAt 10 days ago), every
 *   fifth from 3 through licenses that lapsed into the Expired grace;
 * - each product's assignedCount equals its assignments of non-deleted users;
 * - N / 10 audit events over the last year, by the five admins in turn (assignments, removals,
 *   user changes), each naming a user as its target, plus the seed's own event.
 *
 * DateTime columns are written the way Prisma's SQLite adapter writes them
 * (`2026-11-28T05:48:10.440+00:00`, TEXT) and booleans as 0/1; on PostgreSQL as UTC TIMESTAMP(3).
 */
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import pg from "pg";
import { addDays, type LifecycleState } from "../../lib/domain/lifecycle";
import type { User } from "../../lib/generated/prisma/client";
import { DEMO_ADMINS, DEMO_PASSWORD } from "../../prisma/demo-data";

export interface BenchOrgOptions {
  users: number;
  products: number;
  now?: Date;
}

export interface BenchOrgSummary {
  users: number;
  deletedUsers: number;
  admins: number;
  products: number;
  subscriptions: number;
  subscriptionsByState: Record<LifecycleState, number>;
  assignments: number;
  productsInConflict: number;
  /** The product with the most assignments (the product page that is measured). */
  largestProduct: { id: string; displayName: string; assignedCount: number };
  /** A search term of the users list (a family name, ~1/60 of the users) and how results show it. */
  searchTerm: string;
  searchMatch: string;
  auditEvents: number;
  /** A search term of the audit log (an admin's family name, ~1/5 of the events) and how results show it. */
  auditSearchTerm: string;
  auditSearchMatch: string;
  ms: number;
}

const FIRST = [
  "Adele",
  "Alex",
  "Allan",
  "Anna",
  "Ben",
  "Cameron",
  "Chen",
  "Christie",
  "Daan",
  "Debra",
  "Diego",
  "Emily",
  "Emma",
  "Enrico",
  "Fatima",
  "Fleur",
  "Grady",
  "Henrietta",
  "Irvin",
  "Isaiah",
  "Johanna",
  "Joni",
  "Jonas",
  "Lars",
  "Lee",
  "Li",
  "Lidia",
  "Lukas",
  "Lynne",
  "Megan",
  "Mia",
  "Miriam",
  "Nestor",
  "Noah",
  "Omar",
  "Patti",
  "Pradeep",
  "Raul",
  "Sanne",
  "Sofia",
  "Wei",
  "Yuki",
  "Zoe",
  "Pieter",
  "Ingrid",
  "Mateo",
  "Aisha",
  "Hiro",
  "Olga",
  "Tomasz",
];
const LAST = [
  "Vance",
  "Wilber",
  "Deyoung",
  "Becker",
  "Walters",
  "White",
  "Jie",
  "Cline",
  "Jansen",
  "Berger",
  "Siciliani",
  "Braun",
  "Visser",
  "Cattaneo",
  "Noor",
  "Bakker",
  "Archie",
  "Mueller",
  "Sayers",
  "Langer",
  "Lorenz",
  "Sherman",
  "Weber",
  "Eriksen",
  "Gu",
  "Na",
  "Holloway",
  "Schmidt",
  "Robbins",
  "Bowen",
  "Hoffmann",
  "Graham",
  "Wilke",
  "Peeters",
  "Haddad",
  "Fernandez",
  "Gupta",
  "Razo",
  "de Vries",
  "Rossi",
  "Zhang",
  "Tanaka",
  "Okafor",
  "Novak",
  "Kowalski",
  "Silva",
  "Dubois",
  "Nielsen",
  "Murphy",
  "Kim",
  "Lopez",
  "Ivanova",
  "Santos",
  "Meyer",
  "Costa",
  "Fischer",
  "Moreau",
  "Yilmaz",
  "Andersen",
  "Horvath",
];
const LOCATIONS = ["US", "NL", "DE", "GB", "FR", "CN"];
const PRODUCTS = [
  ["Microsoft 365 E3", "SPE_E3", "EXCHANGE_S_ENTERPRISE,SHAREPOINTENTERPRISE,TEAMS1,OFFICESUBSCRIPTION", 3600],
  ["Microsoft 365 Business Premium", "SPB", "EXCHANGE_S_STANDARD,INTUNE_A,AAD_PREMIUM,TEAMS1", 2200],
  ["Office 365 E3", "ENTERPRISEPACK", "EXCHANGE_S_ENTERPRISE,SHAREPOINTENTERPRISE,TEAMS1", 2300],
  ["Microsoft 365 E5", "SPE_E5", "EXCHANGE_S_ENTERPRISE,ATP_ENTERPRISE,TEAMS1,POWER_BI_PRO", 5700],
  ["Power BI Pro", "POWER_BI_PRO", "BI_AZURE_P2", 1400],
  ["Visio Plan 2", "VISIOCLIENT", "VISIO_CLIENT_SUBSCRIPTION", 1500],
  ["Exchange Online (Plan 1)", "EXCHANGESTANDARD", "EXCHANGE_S_STANDARD", 400],
  ["Project Plan 3", "PROJECTPROFESSIONAL", "PROJECT_PROFESSIONAL", 3000],
  ["Microsoft Teams Essentials", "TEAMS_ESSENTIALS", "TEAMS1", 400],
  ["Office 365 E1", "STANDARDPACK", "EXCHANGE_S_STANDARD,TEAMS1", 1000],
  ["Microsoft 365 F3", "SPE_F1", "EXCHANGE_S_DESKLESS,TEAMS1", 800],
  ["Enterprise Mobility + Security E3", "EMS", "INTUNE_A,AAD_PREMIUM", 1060],
  ["Microsoft Defender for Endpoint P2", "DEFENDER_ENDPOINT_P2", "WINDEFATP", 520],
  ["Power Apps Premium", "POWERAPPS_PER_USER", "POWERAPPS_P2", 2000],
  ["Power Automate Premium", "POWERAUTOMATE_PREMIUM", "FLOW_P2", 1500],
  ["Dynamics 365 Sales Enterprise", "D365_SALES_ENT", "DYN365_ENTERPRISE_SALES", 10500],
  ["Microsoft 365 Copilot", "M365_COPILOT", "M365_COPILOT_APPS", 3000],
  ["Windows 11 Enterprise E3", "WIN_ENT_E3", "WIN10_PRO_ENT_SUB", 700],
  ["Microsoft Intune Plan 1", "INTUNE_A", "INTUNE_A", 800],
  ["Azure AD Premium P2", "AAD_PREMIUM_P2", "AAD_PREMIUM_P2", 900],
  ["Microsoft Stream", "STREAM", "STREAM_O365_E3", 300],
  ["Exchange Online Archiving", "EXCHANGEARCHIVE_ADDON", "EXCHANGE_S_ARCHIVE_ADDON", 300],
  ["Microsoft Purview Suite", "PURVIEW_SUITE", "MIP_S_CLP2", 1200],
  ["Teams Phone Standard", "MCOEV", "MCOEV", 800],
  ["Microsoft Planner Plan 1", "PLANNER_PLAN1", "PROJECT_P1", 1000],
] as const;

type UserRow = Pick<
  User,
  | "id"
  | "displayName"
  | "userPrincipalName"
  | "usageLocation"
  | "accountEnabled"
  | "lastSignInAt"
  | "deletedAt"
  | "passwordHash"
  | "createdAt"
>;
interface ProductRow {
  id: string;
  displayName: string;
  skuPartNumber: string;
  servicePlans: string;
  assignedCount: number;
  unitPriceCents: number;
  createdAt: Date;
}
interface SubscriptionRow {
  id: string;
  productId: string;
  quantity: number;
  startsAt: Date;
  endsAt: Date;
  billingFrequency: string;
  autoRenew: boolean;
  reducedAt: Date | null;
  createdAt: Date;
}
interface AssignmentRow {
  id: string;
  userId: string;
  productId: string;
  assignedAt: Date;
  assignedById: string;
}
interface Plan {
  users: UserRow[];
  roles: { userId: string; role: string }[];
  products: ProductRow[];
  subscriptions: (SubscriptionRow & { state: LifecycleState })[];
  assignments: AssignmentRow[];
  auditEvents: AuditRow[];
  summary: Omit<BenchOrgSummary, "ms">;
}

interface AuditRow {
  id: string;
  at: Date;
  actorId: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
}

const AUDIT_ACTIONS: [action: string, targetType: string][] = [
  ["license.assign", "product"],
  ["license.remove", "product"],
  ["user.create", "user"],
  ["user.delete", "user"],
  ["user.restore", "user"],
];

/** Ids the app accepts (/^[a-z0-9]{10,40}$/i), unique per kind, sortable like cuids. */
const id = (kind: string, n: number) => `bench${kind}${n.toString(36).padStart(8, "0")}`;

/** A small deterministic PRNG (mulberry32): the same options give the same organization. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;

export function planBenchOrg(options: BenchOrgOptions, passwordHash: string): Plan {
  const { users: userCount, products: productCount } = options;
  if (!Number.isInteger(userCount) || userCount < 10) throw new Error("--users must be an integer ≥ 10");
  if (!Number.isInteger(productCount) || productCount < 3) throw new Error("--products must be an integer ≥ 3");
  const now = options.now ?? new Date();
  const rand = random(userCount * 31 + productCount);

  const users: UserRow[] = [];
  const roles: { userId: string; role: string }[] = [];
  DEMO_ADMINS.forEach((admin, i) => {
    users.push({
      id: id("a", i),
      displayName: admin.name,
      userPrincipalName: admin.upn,
      usageLocation: "US",
      accountEnabled: true,
      lastSignInAt: addDays(now, -1),
      deletedAt: null,
      passwordHash,
      createdAt: addDays(now, -800),
    });
    roles.push({ userId: id("a", i), role: admin.role });
  });
  const globalAdminId = id("a", 0);

  let deletedUsers = 0;
  const deleted: boolean[] = [];
  for (let i = 0; i < userCount; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const isDeleted = i % 100 === 42;
    deleted.push(isDeleted);
    if (isDeleted) deletedUsers++;
    users.push({
      id: id("u", i),
      displayName: `${first} ${last}`,
      userPrincipalName: `${first}.${last.replace(/\s+/g, "")}.${i}@contoso.example`.toLowerCase(),
      usageLocation: i % 200 === 199 ? null : LOCATIONS[i % LOCATIONS.length]!,
      accountEnabled: i % 37 !== 5,
      lastSignInAt: i % 9 === 4 ? null : new Date(now.getTime() - Math.floor(rand() * 90 * 24 * 60) * MINUTE),
      deletedAt: isDeleted ? addDays(now, -(1 + (i % 28))) : null,
      passwordHash: null,
      createdAt: new Date(now.getTime() - Math.floor((800 - (i / userCount) * 700) * 24 * 60) * MINUTE),
    });
  }

  const products: ProductRow[] = [];
  for (let p = 0; p < productCount; p++) {
    const [name, sku, plans, price] = PRODUCTS[p % PRODUCTS.length]!;
    const round = Math.floor(p / PRODUCTS.length);
    products.push({
      id: id("p", p),
      displayName: round === 0 ? name : `${name} (${round + 1})`,
      skuPartNumber: round === 0 ? sku : `${sku}_${round + 1}`,
      servicePlans: plans,
      assignedCount: 0,
      unitPriceCents: price,
      createdAt: addDays(now, -900),
    });
  }

  // Product 0 to 97.5 % of users; the others share ~0.525 × N assignments, Zipf-distributed.
  const weights = products.map((_, p) => (p === 0 ? 0 : 1 / p));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const share = weights.map((w) => Math.min(0.9, (0.525 * w) / weightSum));
  const assignments: AssignmentRow[] = [];
  const spanMinutes = 720 * 24 * 60;
  for (let i = 0; i < userCount; i++) {
    const userId = id("u", i);
    for (let p = 0; p < productCount; p++) {
      const holds = p === 0 ? i % 40 !== 7 : rand() < share[p]!;
      if (!holds) continue;
      // Distinct instants: the conflict rule orders assignments by assignedAt, then id.
      const assignedAt = new Date(now.getTime() - 2 * MINUTE - Math.floor(rand() * spanMinutes) * MINUTE - (assignments.length % 60_000));
      assignments.push({ id: id("l", assignments.length), userId, productId: products[p]!.id, assignedAt, assignedById: globalAdminId });
      if (!deleted[i]) products[p]!.assignedCount++;
    }
  }

  const subscriptions: (SubscriptionRow & { state: LifecycleState })[] = [];
  const addSubscription = (p: number, state: LifecycleState, quantity: number, extra: Partial<SubscriptionRow> = {}) => {
    const endDays = {
      Active: 30 + ((p * 47) % 330),
      Expired: -(1 + ((p * 7) % 29)),
      Disabled: -(31 + ((p * 13) % 88)),
      Deleted: -(150 + ((p * 17) % 400)),
    }[state];
    const annual = state !== "Active" || p % 2 === 0;
    subscriptions.push({
      id: id("s", subscriptions.length),
      productId: products[p]!.id,
      quantity,
      startsAt: addDays(now, endDays - (annual ? 365 : 30)),
      endsAt: addDays(now, endDays),
      billingFrequency: annual ? "annual" : "monthly",
      autoRenew: state === "Active",
      reducedAt: null,
      createdAt: addDays(now, endDays - 365),
      ...extra,
      state,
    });
  };
  let productsInConflict = 0;
  products.forEach((product, p) => {
    const assigned = product.assignedCount;
    const conflicts = Math.max(1, Math.round(assigned * 0.03));
    if (p % 5 === 1) {
      // Reduced below what is assigned 10 days ago: the 90-day window runs.
      addSubscription(p, "Active", Math.max(0, assigned - conflicts), { reducedAt: addDays(now, -10) });
      productsInConflict++;
    } else if (p % 5 === 3) {
      // Part of the licenses lapsed into the Expired grace: users keep access, admins must act.
      const valid = Math.max(0, assigned - conflicts);
      addSubscription(p, "Active", Math.ceil(valid / 2));
      addSubscription(p, "Active", Math.floor(valid / 2), { billingFrequency: "monthly" });
      addSubscription(p, "Expired", conflicts + 5);
      productsInConflict++;
    } else {
      addSubscription(p, "Active", assigned + Math.ceil(assigned * 0.1) + 20);
      if (p % 4 === 0) addSubscription(p, "Expired", 5 + (p % 7));
    }
    if (p % 3 === 0) addSubscription(p, "Disabled", 10 + p);
    if (p % 2 === 0) addSubscription(p, "Deleted", 20 + p);
  });

  const subscriptionsByState = { Active: 0, Expired: 0, Disabled: 0, Deleted: 0 };
  for (const s of subscriptions) subscriptionsByState[s.state]++;
  // A family name held by users in the middle of the list (any size of organization).
  let searchName = LAST[Math.floor(userCount / 2 / FIRST.length) % LAST.length]!;
  if (searchName.includes(" ")) searchName = LAST[0]!;
  const largest = products.reduce((a, b) => (b.assignedCount > a.assignedCount ? b : a));
  const auditEvents: AuditRow[] = [];
  const auditCount = Math.round(userCount / 10);
  for (let e = 0; e < auditCount; e++) {
    const admin = e % DEMO_ADMINS.length;
    const [action, targetType] = AUDIT_ACTIONS[Math.floor(e / DEMO_ADMINS.length) % AUDIT_ACTIONS.length]!;
    auditEvents.push({
      id: id("e", e + 1),
      at: new Date(now.getTime() - Math.floor(((auditCount - e) / auditCount) * 365 * 24 * 60) * MINUTE),
      actorId: id("a", admin),
      actorName: DEMO_ADMINS[admin]!.name,
      action,
      targetType,
      targetId: targetType === "product" ? products[e % productCount]!.id : id("u", (e * 7919) % userCount),
    });
  }
  const auditAdmin = DEMO_ADMINS[2]!.name;
  return {
    users,
    roles,
    products,
    subscriptions,
    assignments,
    auditEvents,
    summary: {
      users: userCount,
      deletedUsers,
      admins: DEMO_ADMINS.length,
      products: productCount,
      subscriptions: subscriptions.length,
      subscriptionsByState,
      assignments: assignments.length,
      productsInConflict,
      largestProduct: { id: largest.id, displayName: largest.displayName, assignedCount: largest.assignedCount },
      searchTerm: searchName.toLowerCase(),
      searchMatch: searchName,
      auditEvents: auditEvents.length + 1,
      auditSearchTerm: auditAdmin.split(" ").at(-1)!.toLowerCase(),
      auditSearchMatch: auditAdmin,
    },
  };
}

const sqliteDate = (d: Date | null) => (d ? d.toISOString().replace("Z", "+00:00") : null);
const pgDate = (d: Date | null) => (d ? d.toISOString().slice(0, 23).replace("T", " ") : null);

function sqlitePath(url: string): string {
  return url.slice("file:".length);
}

function writeSqlite(url: string, plan: Plan): void {
  const db = new Database(sqlitePath(url));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    const existing = db.prepare(`SELECT (SELECT COUNT(*) FROM "User") + (SELECT COUNT(*) FROM "Product") AS n`).get() as { n: number };
    if (existing.n > 0) throw new Error("the database is not empty: bench:seed fills an empty migrated database");
    const insertUser = db.prepare(
      `INSERT INTO "User" ("id","displayName","userPrincipalName","usageLocation","accountEnabled","lastSignInAt","deletedAt","passwordHash","createdAt") VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    const insertRole = db.prepare(`INSERT INTO "AdminRole" ("userId","role") VALUES (?,?)`);
    const insertProduct = db.prepare(
      `INSERT INTO "Product" ("id","displayName","skuPartNumber","servicePlans","assignedCount","unitPriceCents","createdAt") VALUES (?,?,?,?,?,?,?)`,
    );
    const insertSubscription = db.prepare(
      `INSERT INTO "Subscription" ("id","productId","quantity","startsAt","endsAt","billingFrequency","autoRenew","reducedAt","createdAt") VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    const insertAssignment = db.prepare(
      `INSERT INTO "LicenseAssignment" ("id","userId","productId","assignedAt","assignedById") VALUES (?,?,?,?,?)`,
    );
    const insertAudit = db.prepare(
      `INSERT INTO "AuditEvent" ("id","at","actorName","action","targetType","result","detail") VALUES (?,?,'system','organization.seed','organization','success',?)`,
    );
    const insertEvent = db.prepare(
      `INSERT INTO "AuditEvent" ("id","at","actorId","actorName","action","targetType","targetId","result") VALUES (?,?,?,?,?,?,?,'success')`,
    );
    db.transaction(() => {
      for (const u of plan.users) {
        insertUser.run(
          u.id,
          u.displayName,
          u.userPrincipalName,
          u.usageLocation,
          u.accountEnabled ? 1 : 0,
          sqliteDate(u.lastSignInAt),
          sqliteDate(u.deletedAt),
          u.passwordHash,
          sqliteDate(u.createdAt),
        );
      }
      for (const r of plan.roles) insertRole.run(r.userId, r.role);
      for (const p of plan.products)
        insertProduct.run(p.id, p.displayName, p.skuPartNumber, p.servicePlans, p.assignedCount, p.unitPriceCents, sqliteDate(p.createdAt));
      for (const s of plan.subscriptions) {
        insertSubscription.run(
          s.id,
          s.productId,
          s.quantity,
          sqliteDate(s.startsAt),
          sqliteDate(s.endsAt),
          s.billingFrequency,
          s.autoRenew ? 1 : 0,
          sqliteDate(s.reducedAt),
          sqliteDate(s.createdAt),
        );
      }
      for (const a of plan.assignments) insertAssignment.run(a.id, a.userId, a.productId, sqliteDate(a.assignedAt), a.assignedById);
      for (const e of plan.auditEvents) insertEvent.run(e.id, sqliteDate(e.at), e.actorId, e.actorName, e.action, e.targetType, e.targetId);
      insertAudit.run(
        id("e", 0),
        sqliteDate(new Date()),
        `Benchmark organization: ${plan.summary.users} users, ${plan.summary.products} products`,
      );
    })();
  } finally {
    db.close();
  }
}

type Column = [name: string, type: string];

async function insertBatches<T>(
  client: pg.Client,
  table: string,
  columns: Column[],
  rows: T[],
  values: (row: T) => unknown[],
  batch = 10_000,
): Promise<void> {
  const names = columns.map(([name]) => `"${name}"`).join(",");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(",");
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const params: unknown[][] = columns.map(() => []);
    for (const row of slice) values(row).forEach((v, i) => params[i]!.push(v));
    await client.query(sql, params);
  }
}

async function writePostgres(url: string, plan: Plan): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT (SELECT COUNT(*) FROM "User") + (SELECT COUNT(*) FROM "Product") AS n`);
    if (Number(rows[0]?.n) > 0) throw new Error("the database is not empty: bench:seed fills an empty migrated database");
    await client.query("BEGIN");
    const ts = "timestamp(3)";
    await insertBatches(
      client,
      "User",
      [
        ["id", "text"],
        ["displayName", "text"],
        ["userPrincipalName", "text"],
        ["usageLocation", "text"],
        ["accountEnabled", "boolean"],
        ["lastSignInAt", ts],
        ["deletedAt", ts],
        ["passwordHash", "text"],
        ["createdAt", ts],
      ],
      plan.users,
      (u) => [
        u.id,
        u.displayName,
        u.userPrincipalName,
        u.usageLocation,
        u.accountEnabled,
        pgDate(u.lastSignInAt),
        pgDate(u.deletedAt),
        u.passwordHash,
        pgDate(u.createdAt),
      ],
    );
    await insertBatches(
      client,
      "AdminRole",
      [
        ["userId", "text"],
        ["role", "text"],
      ],
      plan.roles,
      (r) => [r.userId, r.role],
    );
    await insertBatches(
      client,
      "Product",
      [
        ["id", "text"],
        ["displayName", "text"],
        ["skuPartNumber", "text"],
        ["servicePlans", "text"],
        ["assignedCount", "int"],
        ["unitPriceCents", "int"],
        ["createdAt", ts],
      ],
      plan.products,
      (p) => [p.id, p.displayName, p.skuPartNumber, p.servicePlans, p.assignedCount, p.unitPriceCents, pgDate(p.createdAt)],
    );
    await insertBatches(
      client,
      "Subscription",
      [
        ["id", "text"],
        ["productId", "text"],
        ["quantity", "int"],
        ["startsAt", ts],
        ["endsAt", ts],
        ["billingFrequency", "text"],
        ["autoRenew", "boolean"],
        ["reducedAt", ts],
        ["createdAt", ts],
      ],
      plan.subscriptions,
      (s) => [
        s.id,
        s.productId,
        s.quantity,
        pgDate(s.startsAt),
        pgDate(s.endsAt),
        s.billingFrequency,
        s.autoRenew,
        pgDate(s.reducedAt),
        pgDate(s.createdAt),
      ],
    );
    await insertBatches(
      client,
      "LicenseAssignment",
      [
        ["id", "text"],
        ["userId", "text"],
        ["productId", "text"],
        ["assignedAt", ts],
        ["assignedById", "text"],
      ],
      plan.assignments,
      (a) => [a.id, a.userId, a.productId, pgDate(a.assignedAt), a.assignedById],
    );
    await insertBatches(
      client,
      "AuditEvent",
      [
        ["id", "text"],
        ["at", ts],
        ["actorId", "text"],
        ["actorName", "text"],
        ["action", "text"],
        ["targetType", "text"],
        ["targetId", "text"],
        ["result", "text"],
      ],
      plan.auditEvents,
      (e) => [e.id, pgDate(e.at), e.actorId, e.actorName, e.action, e.targetType, e.targetId, "success"],
    );
    await client.query(
      `INSERT INTO "AuditEvent" ("id","at","actorName","action","targetType","result","detail") VALUES ($1, $2::timestamp(3), 'system','organization.seed','organization','success',$3)`,
      [id("e", 0), pgDate(new Date()), `Benchmark organization: ${plan.summary.users} users, ${plan.summary.products} products`],
    );
    await client.query("COMMIT");
    // Autovacuum would analyze the new tables within minutes; do it now so plans are steady-state.
    await client.query("ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Fills an empty, migrated database (SQLite `file:` or `postgresql://` URL) with the benchmark organization. */
export async function seedBenchOrg(databaseUrl: string, options: BenchOrgOptions): Promise<BenchOrgSummary> {
  const started = performance.now();
  const plan = planBenchOrg(options, await hash(DEMO_PASSWORD));
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) await writePostgres(databaseUrl, plan);
  else if (databaseUrl.startsWith("file:")) writeSqlite(databaseUrl, plan);
  else throw new Error(`unsupported database URL: ${databaseUrl}`);
  return { ...plan.summary, ms: Math.round(performance.now() - started) };
}
