import "server-only";
import { conflictsAfterQuantityChange, type LicenseSummary } from "@/lib/domain/conflicts";
import { lifecycleState, lifecycleWindows, nextTransitionAt, type LifecycleState } from "@/lib/domain/lifecycle";
import { pageOf, pageTotal, pageWindow, type AssignmentFilter, type Listing, type Page } from "@/lib/listing";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { countRows, rawBoolean, rawDate, rawDateOrNull, transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { isAtOrAfter } from "./cutoffs";
import { assignableUsersSql, containsSql, prepareUserSearch, productView, type SearchRows } from "./listing-filters";
import { aggregateSummaries, summaryOf } from "./totals";

export const PRODUCT_SORTS = ["name", "sku", "available", "assigned", "expired"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductRow {
  id: string;
  displayName: string;
  skuPartNumber: string;
  summary: LicenseSummary;
}

export interface LicensesOverview {
  page: Page<ProductRow>;
  productsInConflict: number;
  usersNeedingLicense: number;
  earliestDeadline: Date | null;
}

const DIRECTION = { asc: Prisma.raw("ASC"), desc: Prisma.raw("DESC") } as const;

/** Licenses of a product's subscriptions whose end lies in (after, upTo]: Active ones from now, Expired ones in their grace. */
function licensesEnding(after: Date, upTo?: Date): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(SUM(s."quantity"), 0) FROM "Subscription" s WHERE s."productId" = "Product"."id"
    AND s."endsAt" > ${after}${upTo ? Prisma.sql` AND s."endsAt" <= ${upTo}` : Prisma.empty})`;
}

/**
 * The products' orders. Available and expired licenses are sorted by the same rule as the totals
 * (lib/domain/lifecycle.ts): a subscription is Active until its end, Expired for 30 days after.
 */
const productOrder: Record<ProductSort, (dir: "asc" | "desc", now: Date) => Prisma.Sql> = {
  name: (dir) => Prisma.sql`"displayName" ${DIRECTION[dir]}, "id" ASC`,
  sku: (dir) => Prisma.sql`"skuPartNumber" ${DIRECTION[dir]}, "id" ASC`,
  available: (dir, now) =>
    Prisma.sql`CASE WHEN ${licensesEnding(now)} > "assignedCount" THEN ${licensesEnding(now)} - "assignedCount" ELSE 0 END ${DIRECTION[dir]},
      "displayName" ASC, "id" ASC`,
  assigned: (dir) => Prisma.sql`"assignedCount" ${DIRECTION[dir]}, "displayName" ASC, "id" ASC`,
  expired: (dir, now) =>
    Prisma.sql`${licensesEnding(lifecycleWindows(now).expiredSince, now)} ${DIRECTION[dir]}, "displayName" ASC, "id" ASC`,
};

/** The Licenses page: a page of products with their totals, and the organization's conflicts. */
export async function findProductSummaries(actor: Actor, listing: Listing<ProductSort>): Promise<LicensesOverview> {
  await authorize(actor, "product.list");
  return transaction(async (tx) => {
    // Raw SQL, like the totals below: this page is the app's landing page, and a Prisma query is
    // compiled on every call (docs/benchmarks.md). Sort keys and directions come from closed lists.
    const search = listing.q
      ? Prisma.sql`WHERE ${containsSql(Prisma.raw(`"displayName"`), listing.q)} OR ${containsSql(Prisma.raw(`"skuPartNumber"`), listing.q)}`
      : Prisma.empty;
    const { skip, take } = pageWindow(listing.page);
    const products = await tx.$queryRaw<{ id: string; displayName: string; skuPartNumber: string }[]>`
      SELECT "id", "displayName", "skuPartNumber" FROM "Product" ${search}
      ORDER BY ${productOrder[listing.sort](listing.dir, new Date())} LIMIT ${take} OFFSET ${skip}`;
    const total = await pageTotal(listing.page, products.length, (limit) => countRows(tx, Prisma.sql`FROM "Product" ${search}`, limit));
    // Totals for every product (one statement, a few rows per product): the Status column and warning are org-wide.
    const summaries = await aggregateSummaries(tx);
    let productsInConflict = 0;
    let usersNeedingLicense = 0;
    let earliestDeadline: Date | null = null;
    for (const summary of summaries.values()) {
      if (summary.conflicts === 0) continue;
      productsInConflict++;
      usersNeedingLicense += summary.conflicts;
      if (summary.deadline && (!earliestDeadline || summary.deadline < earliestDeadline)) earliestDeadline = summary.deadline;
    }
    const rows = products.flatMap((product) => {
      const summary = summaries.get(product.id);
      return summary ? [{ ...product, summary }] : [];
    });
    return { page: pageOf(rows, total, listing.page), productsInConflict, usersNeedingLicense, earliestDeadline };
  });
}

export interface SubscriptionRow {
  id: string;
  quantity: number;
  startsAt: Date;
  endsAt: Date;
  billingFrequency: string;
  autoRenew: boolean;
  state: LifecycleState;
  nextTransitionAt: Date | null;
}

export interface ProductDetail {
  id: string;
  displayName: string;
  skuPartNumber: string;
  servicePlans: string[];
  unitPriceCents: number;
  /** The "few licenses left" alert's threshold (null: none). */
  lowLicensesBelow: number | null;
  summary: LicenseSummary;
  subscriptions: SubscriptionRow[];
}

export async function getProductById(actor: Actor, productId: string): Promise<ProductDetail | null> {
  await authorize(actor, "product.read", productId);
  return transaction((tx) => productDetail(tx, productId, new Date()));
}

async function productDetail(tx: Tx, productId: string, now: Date): Promise<ProductDetail | null> {
  const product = await tx.product.findUnique({
    where: { id: productId },
    select: { id: true, displayName: true, skuPartNumber: true, servicePlans: true, unitPriceCents: true, lowLicensesBelow: true },
  });
  if (!product) return null;
  const subscriptions = await tx.subscription.findMany({
    // Deleted subscriptions (past their Disabled window) are gone from the admin's view.
    where: { productId, endsAt: { gt: lifecycleWindows(now).disabledSince } },
    orderBy: [{ endsAt: "desc" }],
    take: 100,
    select: { id: true, quantity: true, startsAt: true, endsAt: true, billingFrequency: true, autoRenew: true },
  });
  return {
    ...product,
    servicePlans: product.servicePlans ? product.servicePlans.split(",") : [],
    summary: await summaryOf(tx, productId, now),
    subscriptions: subscriptions.map((s) => ({ ...s, state: lifecycleState(s, now), nextTransitionAt: nextTransitionAt(s, now) })),
  };
}

export const ASSIGNMENT_SORTS = ["assignedAt", "name", "lastSignIn"] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

export interface AssignmentRow {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  assignedAt: Date;
  assignedBy: string | null;
  needsValidLicense: boolean;
}

export interface ProductPage {
  product: ProductDetail;
  assignments: Page<AssignmentRow>;
}

/** A product page's list: the product, its search and its filter (server/data/listing-filters.ts productView). */
export interface ProductViewInput {
  productId: string;
  q: string;
  filter: AssignmentFilter;
  /** The "inactive" filter's days without a sign-in. */
  days?: number;
}

/**
 * How many users a product page's list holds, exactly (the page itself stops counting at
 * COUNT_CAP): what "remove from every user in this view" asks the admin to confirm.
 */
export async function countLicensesInView(actor: Actor, input: ProductViewInput): Promise<{ count: number }> {
  await authorize(actor, "product.read", input.productId);
  return transaction(async (tx) => {
    const summary = await summaryOf(tx, input.productId);
    const inView = await productView(tx, input.productId, summary.conflicts, input.q, input.filter, { days: input.days });
    return { count: inView ? await countRows(tx, inView.all.sql) : 0 };
  });
}

/**
 * The product page: the product with its totals and subscriptions, and a page of its assigned
 * users, read in one transaction, so the totals and the users flagged as needing a license come
 * from the same snapshot (and the totals are aggregated once).
 */
export async function getProductPage(
  actor: Actor,
  productId: string,
  listing: Listing<AssignmentSort>,
  filter: AssignmentFilter = "all",
  days?: number,
): Promise<ProductPage | null> {
  await authorize(actor, "product.read", productId);
  return transaction(async (tx) => {
    const product = await productDetail(tx, productId, new Date());
    if (!product) return null;
    return { product, assignments: await assignmentsPage(tx, productId, product.summary, listing, filter, days) };
  });
}

const assignmentOrder: Record<AssignmentSort, (dir: "asc" | "desc") => Prisma.Sql> = {
  name: (dir) => Prisma.sql`u."displayName" ${DIRECTION[dir]}, a."id" ASC`,
  assignedAt: (dir) => Prisma.sql`a."assignedAt" ${DIRECTION[dir]}, a."id" ${DIRECTION[dir]}`,
  // As on Active users: oldest first starts with those who never signed in. No index holds this
  // order per product, so a product's holders are sorted (an admin's choice, not the default).
  lastSignIn: (dir) =>
    Prisma.sql`u."lastSignInAt" ${DIRECTION[dir]} ${Prisma.raw(dir === "asc" ? "NULLS FIRST" : "NULLS LAST")}, a."id" ASC`,
};

async function assignmentsPage(
  tx: Tx,
  productId: string,
  summary: LicenseSummary,
  listing: Listing<AssignmentSort>,
  filter: AssignmentFilter,
  days?: number,
): Promise<Page<AssignmentRow>> {
  const inView = await productView(tx, productId, summary.conflicts, listing.q, filter, { days });
  if (!inView) return pageOf([], 0, listing.page);
  const { cutoff, page: view } = inView;
  const { skip, take } = pageWindow(listing.page);
  const rows = await tx.$queryRaw<
    {
      id: string;
      assignedAt: Date | string;
      userId: string;
      displayName: string;
      userPrincipalName: string;
      accountEnabled: boolean | number;
      lastSignInAt: Date | string | null;
      assignedBy: string | null;
    }[]
  >`
    SELECT a."id", a."assignedAt", u."id" AS "userId", u."displayName", u."userPrincipalName", u."accountEnabled", u."lastSignInAt",
      b."displayName" AS "assignedBy"
    ${view.from} LEFT JOIN "User" b ON b."id" = a."assignedById" ${view.where}
    ORDER BY ${assignmentOrder[listing.sort](listing.dir)} LIMIT ${take} OFFSET ${skip}`;
  // Without a search the total is already known: the product's maintained assignedCount (all
  // non-deleted users' assignments) or its conflicts (the users at or after the cutoff). Counting
  // 100,000 assignments joined to their users took ~250 ms on SQLite (docs/benchmarks.md).
  // The reclaim filters (inactive, never signed in, blocked) are counted, up to the cap.
  const total =
    listing.q || (filter !== "all" && filter !== "needsLicense")
      ? await pageTotal(listing.page, rows.length, (limit) => countRows(tx, inView.all.sql, limit))
      : filter === "needsLicense"
        ? summary.conflicts
        : summary.assigned;
  return pageOf(
    rows.map((row) => {
      const assignedAt = rawDate(row.assignedAt);
      return {
        userId: row.userId,
        displayName: row.displayName,
        userPrincipalName: row.userPrincipalName,
        accountEnabled: rawBoolean(row.accountEnabled),
        lastSignInAt: rawDateOrNull(row.lastSignInAt),
        assignedAt,
        assignedBy: row.assignedBy,
        needsValidLicense: isAtOrAfter({ assignedAt, id: row.id }, cutoff),
      };
    }),
    total,
    listing.page,
  );
}

export interface ReductionPreview {
  subscriptionId: string;
  productId: string;
  productName: string;
  currentQuantity: number;
  newQuantity: number;
  conflictsBefore: number;
  conflictsAfter: number;
  /** The users who would need a valid license, most recently assigned first (first 200). */
  users: { userId: string; displayName: string; userPrincipalName: string; assignedAt: Date }[];
}

/** What reducing a subscription to `newQuantity` would do, for the confirmation step. */
export async function previewReduction(actor: Actor, subscriptionId: string, newQuantity: number): Promise<ReductionPreview> {
  await authorize(actor, "subscription.read", subscriptionId);
  return transaction(async (tx) => {
    const sub = await tx.subscription.findUnique({
      where: { id: subscriptionId },
      select: { id: true, quantity: true, product: { select: { id: true, displayName: true } } },
    });
    if (!sub) throw new AppError("NOT_FOUND");
    const summary = await summaryOf(tx, sub.product.id);
    const conflictsAfter = conflictsAfterQuantityChange(summary, sub.quantity, newQuantity);
    const users = await tx.licenseAssignment.findMany({
      where: { productId: sub.product.id, user: { deletedAt: null } },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      take: Math.min(conflictsAfter, 200),
      select: { assignedAt: true, user: { select: { id: true, displayName: true, userPrincipalName: true } } },
    });
    return {
      subscriptionId: sub.id,
      productId: sub.product.id,
      productName: sub.product.displayName,
      currentQuantity: sub.quantity,
      newQuantity,
      conflictsBefore: summary.conflicts,
      conflictsAfter,
      users: users.map((u) => ({
        userId: u.user.id,
        displayName: u.user.displayName,
        userPrincipalName: u.user.userPrincipalName,
        assignedAt: u.assignedAt,
      })),
    };
  });
}

export interface AssignableUserRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
}

/** Users who do not hold the product yet, for the assign page. */
export async function findAssignableUsers(actor: Actor, productId: string, listing: Listing<"name">): Promise<Page<AssignableUserRow>> {
  await authorize(actor, "product.read", productId);
  return transaction(async (tx) => {
    const search = await prepareUserSearch(tx, listing.q);
    const assignable = (rows: SearchRows) => assignableUsersSql(rows, productId);
    const { skip, take } = pageWindow(listing.page);
    const dir = DIRECTION[listing.dir];
    const users = await tx.$queryRaw<(Omit<AssignableUserRow, "accountEnabled"> & { accountEnabled: boolean | number })[]>`
      SELECT u."id", u."displayName", u."userPrincipalName", u."usageLocation", u."accountEnabled" ${assignable(search.page)}
      ORDER BY u."displayName" ${dir}, u."userPrincipalName" ${dir} LIMIT ${take} OFFSET ${skip}`;
    const rows = users.map((u) => ({ ...u, accountEnabled: rawBoolean(u.accountEnabled) }));
    return pageOf(rows, await pageTotal(listing.page, rows.length, (limit) => countRows(tx, assignable(search.all), limit)), listing.page);
  });
}
