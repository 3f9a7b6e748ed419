import { hash } from "@node-rs/argon2";
import { utcDay } from "../lib/domain/history";
import { addDays, lifecycleState } from "../lib/domain/lifecycle";
import { MICROSOFT_SKU_IDS } from "../lib/domain/graph";
import type { Role } from "../lib/domain/roles";
import type { PrismaClient } from "../lib/generated/prisma/client";

/** The password of every demo admin; printed by the demo command. Demo data only. */
export const DEMO_PASSWORD = "Demo-Password-2026";

export const DEMO_ADMINS: { upn: string; name: string; role: Role }[] = [
  { upn: "global.admin@contoso.example", name: "Megan Bowen", role: "GlobalAdmin" },
  { upn: "billing.admin@contoso.example", name: "Alex Wilber", role: "BillingAdmin" },
  { upn: "license.admin@contoso.example", name: "Diego Siciliani", role: "LicenseAdmin" },
  { upn: "user.admin@contoso.example", name: "Isaiah Langer", role: "UserAdmin" },
  { upn: "global.reader@contoso.example", name: "Lidia Holloway", role: "GlobalReader" },
];

const PEOPLE = [
  "Adele Vance",
  "Allan Deyoung",
  "Christie Cline",
  "Debra Berger",
  "Emily Braun",
  "Enrico Cattaneo",
  "Grady Archie",
  "Henrietta Mueller",
  "Irvin Sayers",
  "Johanna Lorenz",
  "Joni Sherman",
  "Lee Gu",
  "Lynne Robbins",
  "Miriam Graham",
  "Nestor Wilke",
  "Patti Fernandez",
  "Pradeep Gupta",
  "Raul Razo",
  "Sanne de Vries",
  "Daan Jansen",
  "Fleur Bakker",
  "Lukas Schmidt",
  "Anna Becker",
  "Wei Zhang",
  "Li Na",
  "Omar Haddad",
  "Sofia Rossi",
  "Noah Peeters",
  "Emma Visser",
  "Jonas Weber",
  "Mia Hoffmann",
  "Yuki Tanaka",
  "Chen Jie",
  "Fatima Noor",
  "Lars Eriksen",
];

const LOCATIONS = ["US", "NL", "DE", "CN", "GB", "FR"];

interface ProductSeed {
  key: string;
  displayName: string;
  sku: string;
  plans: string;
  priceCents: number;
  subscriptions: {
    quantity: number;
    startDays: number;
    endDays: number;
    frequency: string;
    reducedDays?: number;
    /** The quantity before the reduction, for the demo's history. */
    quantityBefore?: number;
    autoRenew?: boolean;
  }[];
  assignees: number[];
}

// Days are relative to the seeding day; negative is in the past.
const PRODUCTS: ProductSeed[] = [
  {
    // Conflict through a reduced quantity: 11 assigned, reduced from 12 to 8 ten days ago.
    key: "e3",
    displayName: "Office 365 E3",
    sku: "ENTERPRISEPACK",
    plans: "EXCHANGE_S_ENTERPRISE,SHAREPOINTENTERPRISE,TEAMS1,OFFICESUBSCRIPTION",
    priceCents: 2300,
    subscriptions: [{ quantity: 8, startDays: -200, endDays: 165, frequency: "monthly", reducedDays: -10, quantityBefore: 12 }],
    assignees: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  },
  {
    // Conflict through expired licenses: 10 valid + 4 in Expired grace, 13 assigned.
    key: "bp",
    displayName: "Microsoft 365 Business Premium",
    sku: "SPB",
    plans: "EXCHANGE_S_STANDARD,INTUNE_A,AAD_PREMIUM,TEAMS1",
    priceCents: 2200,
    subscriptions: [
      { quantity: 10, startDays: -300, endDays: 65, frequency: "annual" },
      { quantity: 4, startDays: -375, endDays: -10, frequency: "annual", autoRenew: false },
    ],
    assignees: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23],
  },
  {
    key: "e5",
    displayName: "Microsoft 365 E5",
    sku: "SPE_E5",
    plans: "EXCHANGE_S_ENTERPRISE,ATP_ENTERPRISE,TEAMS1,POWER_BI_PRO",
    priceCents: 5700,
    subscriptions: [{ quantity: 5, startDays: -90, endDays: 275, frequency: "annual" }],
    assignees: [0, 24, 25],
  },
  {
    key: "pbi",
    displayName: "Power BI Pro",
    sku: "POWER_BI_PRO",
    plans: "BI_AZURE_P2",
    priceCents: 1400,
    subscriptions: [
      // Not renewing: in 20 days its 6 licenses expire and 2 of the 6 users will need one
      // (Billing › Licenses › Upcoming conflicts).
      { quantity: 6, startDays: -40, endDays: 20, frequency: "monthly", autoRenew: false },
      { quantity: 4, startDays: -20, endDays: 345, frequency: "annual" },
    ],
    assignees: [1, 2, 26, 27, 28, 29],
  },
  {
    // A Disabled subscription beside an active one: healthy, the disabled licenses are not counted.
    key: "visio",
    displayName: "Visio Plan 2",
    sku: "VISIOCLIENT",
    plans: "VISIO_CLIENT_SUBSCRIPTION",
    priceCents: 1500,
    subscriptions: [
      { quantity: 3, startDays: -500, endDays: -60, frequency: "annual", autoRenew: false },
      { quantity: 3, startDays: -30, endDays: 335, frequency: "annual" },
    ],
    assignees: [3, 30],
  },
  {
    key: "exo",
    displayName: "Exchange Online (Plan 1)",
    sku: "EXCHANGESTANDARD",
    plans: "EXCHANGE_S_STANDARD",
    priceCents: 400,
    subscriptions: [
      { quantity: 25, startDays: -120, endDays: 245, frequency: "annual" },
      { quantity: 5, startDays: -800, endDays: -200, frequency: "annual", autoRenew: false },
    ],
    assignees: [28, 31, 32],
  },
];

/** Days of history the demo starts with (the product page's chart shows the last 90). */
export const DEMO_HISTORY_DAYS = 120;

/**
 * A product's daily snapshots for the DEMO_HISTORY_DAYS days before today (today's is the daily
 * job's), from the product's first subscription on. The licenses follow the seed's subscription
 * dates through the lifecycle rule (and the quantity before a reduction); the assigned users are
 * a synthetic ramp from 70% of today's count up to it, as if they had been onboarded over time.
 */
function demoHistory(product: ProductSeed, productId: string, assigned: number, now: Date) {
  const today = utcDay(now);
  const first = Math.max(-DEMO_HISTORY_DAYS, Math.min(...product.subscriptions.map((s) => s.startDays)));
  const from = Math.ceil(assigned * 0.7);
  const rows = [];
  for (let d = first; d < 0; d++) {
    const day = addDays(today, d);
    const counts = { valid: 0, expired: 0, disabled: 0 };
    for (const s of product.subscriptions) {
      if (addDays(now, s.startDays) > day) continue;
      const reduced = s.reducedDays !== undefined && addDays(now, s.reducedDays) <= day;
      const quantity = reduced || s.quantityBefore === undefined ? s.quantity : s.quantityBefore;
      const state = lifecycleState({ endsAt: addDays(now, s.endDays) }, day);
      if (state === "Active") counts.valid += quantity;
      else if (state === "Expired") counts.expired += quantity;
      else if (state === "Disabled") counts.disabled += quantity;
    }
    const ramp = first === -1 ? 1 : (d - first) / (-1 - first);
    rows.push({ productId, day, ...counts, assigned: Math.round(from + (assigned - from) * ramp), takenAt: addDays(day, 1 / 12) });
  }
  return rows;
}

export interface SeedResult {
  admins: typeof DEMO_ADMINS;
  users: number;
  products: number;
  subscriptions: number;
}

/** Fills an empty database with the demo organization, dates relative to `now`. */
export async function seedDemo(prisma: PrismaClient, now = new Date(), password = DEMO_PASSWORD): Promise<SeedResult> {
  const passwordHash = await hash(password);
  return prisma.$transaction(
    async (tx) => {
      const adminIds: string[] = [];
      for (const admin of DEMO_ADMINS) {
        const user = await tx.user.create({
          data: {
            displayName: admin.name,
            userPrincipalName: admin.upn,
            usageLocation: "US",
            passwordHash,
            lastSignInAt: addDays(now, -1),
            createdAt: addDays(now, -400),
            roles: { create: [{ role: admin.role }] },
          },
          select: { id: true },
        });
        adminIds.push(user.id);
      }
      const userIds: string[] = [];
      for (const [index, name] of PEOPLE.entries()) {
        const [first = name, ...rest] = name.toLowerCase().split(" ");
        const user = await tx.user.create({
          data: {
            displayName: name,
            userPrincipalName: `${first}.${rest.join("")}@contoso.example`.replace(".@", "@"),
            // Two users have no usage location yet: a license cannot be assigned to them.
            usageLocation: index === 33 || index === 34 ? null : LOCATIONS[index % LOCATIONS.length],
            accountEnabled: index % 11 !== 5,
            lastSignInAt: index % 7 === 6 ? null : addDays(now, -(index % 20)),
            createdAt: addDays(now, -300 + index),
          },
          select: { id: true },
        });
        userIds.push(user.id);
      }
      let subscriptions = 0;
      for (const product of PRODUCTS) {
        // Only non-deleted users' assignments are counted.
        const assignees = product.assignees.map((i) => userIds[i]).filter((id): id is string => !!id);
        const created = await tx.product.create({
          data: {
            displayName: product.displayName,
            skuPartNumber: product.sku,
            skuId: MICROSOFT_SKU_IDS[product.sku],
            servicePlans: product.plans,
            unitPriceCents: product.priceCents,
            assignedCount: assignees.length,
            subscriptions: {
              create: product.subscriptions.map((s) => ({
                quantity: s.quantity,
                startsAt: addDays(now, s.startDays),
                endsAt: addDays(now, s.endDays),
                billingFrequency: s.frequency,
                autoRenew: s.autoRenew ?? true,
                reducedAt: s.reducedDays === undefined ? null : addDays(now, s.reducedDays),
              })),
            },
          },
          select: { id: true },
        });
        subscriptions += product.subscriptions.length;
        await tx.productSnapshot.createMany({ data: demoHistory(product, created.id, assignees.length, now) });
        await tx.licenseAssignment.createMany({
          data: assignees.map((userId, i) => ({
            userId,
            productId: created.id,
            assignedById: adminIds[0],
            assignedAt: addDays(now, -150 + i * 3),
          })),
        });
      }
      // Two users deleted five days ago, still holding an E3 license: restoring them adds to the E3 conflict.
      const e3 = await tx.product.findUniqueOrThrow({ where: { skuPartNumber: "ENTERPRISEPACK" }, select: { id: true } });
      for (const name of ["Ben Walters", "Cameron White"]) {
        await tx.user.create({
          data: {
            displayName: name,
            userPrincipalName: `${name.toLowerCase().replace(" ", ".")}@contoso.example`,
            usageLocation: "US",
            deletedAt: addDays(now, -5),
            createdAt: addDays(now, -200),
            assignments: { create: [{ productId: e3.id, assignedAt: addDays(now, -180) }] },
          },
        });
      }
      await tx.auditEvent.create({
        data: {
          actorName: "system",
          action: "organization.seed",
          targetType: "organization",
          result: "success",
          detail: "Demo organization created",
        },
      });
      return { admins: DEMO_ADMINS, users: DEMO_ADMINS.length + PEOPLE.length + 2, products: PRODUCTS.length, subscriptions };
    },
    { timeout: 60_000 },
  );
}
