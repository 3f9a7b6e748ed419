import "server-only";
import { CLOUD_PROFILES } from "@/lib/cloud";
import { NEW_ACCOUNT_DAYS, reclaimReason, type ReclaimReason } from "@/lib/domain/reclaim";
import { env } from "@/lib/env";
import { MAX_BULK } from "@/lib/validation";
import { subDays } from "date-fns";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { rawBoolean, rawDate, rawDateOrNull, transaction } from "../db";
import { standingSql } from "./listing-filters";
import { summaryOf } from "./totals";

export interface ReclaimCandidate {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  reason: ReclaimReason;
  idleDays: number;
  lastSignInAt: Date | null;
}

export interface ResolutionPlan {
  productId: string;
  productName: string;
  /** Users who need a valid license: removing this many licenses ends the conflict exactly. */
  conflicts: number;
  /** Holders in the order to reclaim: the first `conflicts` are proposed, the rest offered. */
  candidates: ReclaimCandidate[];
  /** Buying the missing licenses instead, where this cloud can buy. */
  buy: { quantity: number; monthlyCents: number; currency: string } | null;
}

/** How many holders past those needed the planner offers, for the admin to choose among. */
const EXTRA_CANDIDATES = 20;

/**
 * The cheapest way to end a product's conflict (Billing › Licenses › a product › Resolve): remove
 * the licenses of as many holders as need a valid license, chosen blocked first, then never
 * signed in, then the longest inactive (lib/domain/reclaim.ts); beside it, what buying the
 * missing licenses would cost. Read-only: the removal is the product page's own
 * (license.remove), of the users the admin confirms.
 */
export async function planResolution(actor: Actor, productId: string, now = new Date()): Promise<ResolutionPlan | null> {
  await authorize(actor, "product.read", productId);
  return transaction(async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: productId },
      select: { id: true, displayName: true, unitPriceCents: true },
    });
    if (!product) return null;
    const summary = await summaryOf(tx, productId, now);
    // No more than one removal takes (MAX_BULK): a larger conflict is resolved in more than one step.
    const limit = summary.conflicts > 0 ? Math.min(summary.conflicts + EXTRA_CANDIDATES, MAX_BULK) : 0;
    const newAccounts = subDays(now, NEW_ACCOUNT_DAYS);
    const rows =
      limit === 0
        ? []
        : await tx.$queryRaw<
            {
              id: string;
              displayName: string;
              userPrincipalName: string;
              accountEnabled: boolean | number;
              lastSignInAt: Date | string | null;
              createdAt: Date | string;
            }[]
          >`
          SELECT u."id", u."displayName", u."userPrincipalName", u."accountEnabled", u."lastSignInAt", u."createdAt"
          FROM "LicenseAssignment" a JOIN "User" u ON u."id" = a."userId"
          WHERE a."productId" = ${productId} AND u."deletedAt" IS NULL
          ORDER BY CASE WHEN NOT u."accountEnabled" THEN 0 WHEN u."lastSignInAt" IS NULL AND u."createdAt" < ${newAccounts} THEN 1 ELSE 2 END,
            COALESCE(u."lastSignInAt", u."createdAt") ASC, u."id" ASC
          LIMIT ${limit}`;
    const cloud = CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD];
    return {
      productId: product.id,
      productName: product.displayName,
      conflicts: summary.conflicts,
      candidates: rows.map((row) => {
        const facts = {
          accountEnabled: rawBoolean(row.accountEnabled),
          lastSignInAt: rawDateOrNull(row.lastSignInAt),
          createdAt: rawDate(row.createdAt),
        };
        return {
          userId: row.id,
          displayName: row.displayName,
          userPrincipalName: row.userPrincipalName,
          lastSignInAt: facts.lastSignInAt,
          ...reclaimReason(facts, now),
        };
      }),
      buy:
        cloud.canPurchase && summary.conflicts > 0
          ? { quantity: summary.conflicts, monthlyCents: summary.conflicts * product.unitPriceCents, currency: cloud.currency }
          : null,
    };
  });
}

export interface InactiveLicenses {
  productId: string;
  productName: string;
  /** Licenses of this product held by users inactive for more than the days asked. */
  licenses: number;
  /** What those licenses cost per month (the product's unit price). */
  monthlyCents: number;
}

export interface ReclaimOverview {
  days: number;
  /** Products with licenses held by inactive users, the most costly first. */
  products: InactiveLicenses[];
  licenses: number;
  monthlyCents: number;
  currency: string;
}

/**
 * Billing › Licenses › Reclaim: per product, the licenses held by users who haven't signed in for
 * more than `days` days (those who never signed in once their account is that old), and what they
 * cost a month. One aggregate over the assignments of such users: a row per product, never a row
 * per user.
 */
export async function findInactiveLicenses(actor: Actor, days: number, now = new Date()): Promise<ReclaimOverview> {
  await authorize(actor, "product.list");
  const rows = await transaction(
    (tx) =>
      tx.$queryRaw<{ productId: string; displayName: string; unitPriceCents: number | bigint; licenses: number | bigint }[]>`
      SELECT a."productId", p."displayName", p."unitPriceCents", COUNT(*) AS "licenses"
      FROM "LicenseAssignment" a JOIN "User" u ON u."id" = a."userId" JOIN "Product" p ON p."id" = a."productId"
      WHERE u."deletedAt" IS NULL AND ${standingSql("inactive", { days, now })}
      GROUP BY a."productId", p."displayName", p."unitPriceCents"`,
  );
  const products = rows
    .map((row) => {
      const licenses = Number(row.licenses);
      return { productId: row.productId, productName: row.displayName, licenses, monthlyCents: licenses * Number(row.unitPriceCents) };
    })
    .sort((a, b) => b.monthlyCents - a.monthlyCents || b.licenses - a.licenses || a.productName.localeCompare(b.productName));
  return {
    days,
    products,
    licenses: products.reduce((sum, p) => sum + p.licenses, 0),
    monthlyCents: products.reduce((sum, p) => sum + p.monthlyCents, 0),
    currency: CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD].currency,
  };
}
