import "server-only";
import { CLOUD_PROFILES } from "@/lib/cloud";
import { conflictsAfterQuantityChange } from "@/lib/domain/conflicts";
import { env } from "@/lib/env";
import { addMonths, addYears } from "date-fns";
import { lifecycleState } from "@/lib/domain/lifecycle";
import { Prisma } from "@/lib/generated/prisma/client";
import { assigningUserId, type Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { chunked, countRows, transaction, type Tx } from "../db";
import { purchaseSelect } from "../cloud";
import { AppError } from "../errors";
import { recordAudit, sampleOf } from "./audit-write";
import type { ProductViewInput } from "./licenses";
import { productView, standingSql } from "./listing-filters";
import { lockProducts, lockSubscription, lockUsers } from "./locks";
import { adjustSeats, claimSeats } from "./seats";
import { forgetExpiredRemovals, keepForUndo } from "./undo";
import { summaryOf } from "./totals";

/**
 * Locks users (NOT_FOUND when one is gone) and reads them with their assignments of `productIds`,
 * refusing a deleted one: the start of every change that gives users licenses.
 */
async function lockedUsersWithAssignments(tx: Tx, userIds: string[], productIds: string[]) {
  // Locked before their deletion state is read: a concurrent delete cannot slip in between.
  if ((await lockUsers(tx, userIds)).size !== userIds.length) throw new AppError("NOT_FOUND");
  const users = [];
  for (const ids of chunked(userIds)) {
    users.push(
      ...(await tx.user.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          displayName: true,
          deletedAt: true,
          usageLocation: true,
          assignments: { where: { productId: { in: productIds } }, select: { id: true, productId: true } },
        },
      })),
    );
  }
  const deleted = users.find((u) => u.deletedAt);
  if (deleted) throw new AppError("USER_DELETED", { name: deleted.displayName });
  return users;
}

/** A license can only be given to users with a usage location: refuses, naming the first five without. */
function requireUsageLocation(users: readonly { displayName: string; usageLocation: string | null }[]): void {
  const withoutLocation = users.filter((u) => !u.usageLocation);
  if (withoutLocation.length === 0) return;
  throw new AppError("USAGE_LOCATION_REQUIRED", {
    names: withoutLocation
      .slice(0, 5)
      .map((u) => u.displayName)
      .join(", "),
    count: withoutLocation.length,
  });
}

export interface AssignInput {
  productId: string;
  userIds: string[];
}

export interface AssignResult {
  assigned: number;
  alreadyAssigned: number;
}

/** Assigns a product's license to users. All or nothing; users who already have it are skipped. */
export async function assignLicenses(actor: Actor, input: AssignInput): Promise<AssignResult> {
  await authorize(actor, "license.assign", input.productId);
  const userIds = [...new Set(input.userIds)];
  return transaction(async (tx) => {
    await lockProducts(tx, [input.productId]);
    const users = await lockedUsersWithAssignments(tx, userIds, [input.productId]);
    const toAssign = users.filter((u) => u.assignments.length === 0);
    requireUsageLocation(toAssign);
    if (toAssign.length === 0) return { assigned: 0, alreadyAssigned: users.length };
    const assigned = await assignLocked(
      tx,
      actor,
      input.productId,
      toAssign.map((u) => u.id),
    );
    return { assigned: assigned.length, alreadyAssigned: users.length - assigned.length };
  });
}

/** Gives users (locked, live, with a usage location, not yet holding it) a product's license: seats claimed, audited. */
async function assignLocked(tx: Tx, actor: Actor, productId: string, assigned: string[]): Promise<string[]> {
  await claimSeats(tx, productId, assigned.length);
  const now = new Date();
  for (const ids of chunked(assigned)) {
    await tx.licenseAssignment.createMany({
      data: ids.map((userId) => ({ userId, productId, assignedById: assigningUserId(actor), assignedAt: now })),
    });
  }
  await recordAudit(tx, actor, { action: "license.assign", targetId: productId, after: sampleOf(assigned), users: assigned });
  return assigned;
}

export interface RemoveInput {
  productId: string;
  userIds: string[];
}

/**
 * Removes a product's license from users, in one transaction however many there are. What was
 * removed is kept for UNDO_MINUTES (RemovedAssignment; server/data/undo.ts), tied to the audit
 * record, whose id comes back to offer the undo.
 */
export async function removeLicenses(actor: Actor, input: RemoveInput): Promise<{ removed: number; eventId: string | null }> {
  await authorize(actor, "license.remove", input.productId);
  const userIds = [...new Set(input.userIds)];
  return transaction(async (tx) => {
    await lockProducts(tx, [input.productId]);
    await lockUsers(tx, userIds);
    return removeLocked(tx, actor, input.productId, userIds);
  });
}

/** Takes a product's license from users (product and users locked): seats freed, kept for the undo, audited. */
async function removeLocked(
  tx: Tx,
  actor: Actor,
  productId: string,
  userIds: string[],
): Promise<{ removed: number; eventId: string | null }> {
  const removedFrom: string[] = [];
  // The licenses of users still there, for the undo (a deleted user's is kept for a restore instead).
  const undoable: { id: string; userId: string; assignedAt: Date; assignedById: string | null }[] = [];
  let counted = 0;
  for (const ids of chunked(userIds)) {
    const held = await tx.licenseAssignment.findMany({
      where: { productId, userId: { in: ids } },
      select: { id: true, userId: true, assignedAt: true, assignedById: true, user: { select: { deletedAt: true } } },
    });
    if (held.length === 0) continue;
    // Deleted users' assignments are kept for a restore but hold no seat: only the others free one.
    const seated = held.filter((a) => !a.user.deletedAt);
    counted += seated.length;
    undoable.push(...seated);
    await tx.licenseAssignment.deleteMany({ where: { id: { in: held.map((a) => a.id) } } });
    removedFrom.push(...held.map((a) => a.userId));
  }
  if (removedFrom.length === 0) return { removed: 0, eventId: null };
  await adjustSeats(tx, productId, -counted);
  const eventId = await recordAudit(tx, actor, {
    action: "license.remove",
    targetId: productId,
    after: sampleOf(removedFrom),
    users: removedFrom,
  });
  await keepForUndo(tx, eventId, productId, undoable);
  return { removed: removedFrom.length, eventId };
}

export interface ChangeLicensesInput {
  userId: string;
  addProductIds: string[];
  removeProductIds: string[];
}

/**
 * One user's licenses added and removed at once, all or nothing (Graph's assignLicense): each
 * product's change is authorized, seat-claimed and audited as the Licenses page's assign and
 * remove are, in one transaction. A license the user holds already is kept; removing one the user
 * doesn't hold is refused.
 */
export async function changeUserLicenses(actor: Actor, input: ChangeLicensesInput): Promise<{ assigned: string[]; removed: string[] }> {
  const add = [...new Set(input.addProductIds)];
  const remove = [...new Set(input.removeProductIds)];
  for (const productId of add) await authorize(actor, "license.assign", productId);
  for (const productId of remove) await authorize(actor, "license.remove", productId);
  return transaction(async (tx) => {
    await lockProducts(tx, [...add, ...remove]);
    const [user] = await lockedUsersWithAssignments(tx, [input.userId], [...add, ...remove]);
    const held = new Set(user!.assignments.map((a) => a.productId));
    if (remove.some((productId) => !held.has(productId))) throw new AppError("LICENSE_NOT_ASSIGNED", { name: user!.displayName });
    for (const productId of remove) await removeLocked(tx, actor, productId, [input.userId]);
    const assigned = add.filter((productId) => !held.has(productId));
    if (assigned.length > 0) requireUsageLocation([user!]);
    for (const productId of assigned) {
      try {
        await assignLocked(tx, actor, productId, [input.userId]);
      } catch (error) {
        // Which of the products had no license free: the API's error names its SKU.
        if (error instanceof AppError) throw new AppError(error.code, { ...error.values, productId });
        throw error;
      }
    }
    return { assigned, removed: remove };
  });
}

export interface ReplaceInput {
  fromProductId: string;
  toProductId: string;
  userIds: string[];
}

export interface ReplaceResult {
  /** Users who held the first product and now hold the second instead. */
  replaced: number;
  /** Of those, users who held the second already (they only lost the first). */
  alreadyHeld: number;
  /** Selected users who did not hold the first product: left as they were. */
  skipped: number;
}

/**
 * Replaces one product's license with another's for users (E3 → E5), in one transaction: every
 * selected holder of the first loses it and holds the second, or nothing changes (no license of
 * the second free for all of them, a user without a usage location, a deleted user). Selected
 * users who don't hold the first are left as they were. The second's seats are claimed before
 * the first's are freed, so a replace never over-assigns however it interleaves.
 */
export async function replaceLicenses(actor: Actor, input: ReplaceInput): Promise<ReplaceResult> {
  await authorize(actor, "license.replace", input.toProductId);
  if (input.fromProductId === input.toProductId) throw new AppError("SAME_PRODUCT");
  const userIds = [...new Set(input.userIds)];
  return transaction(async (tx) => {
    await lockProducts(tx, [input.fromProductId, input.toProductId]);
    const users = await lockedUsersWithAssignments(tx, userIds, [input.fromProductId, input.toProductId]);
    const holders = users.filter((u) => u.assignments.some((a) => a.productId === input.fromProductId));
    const [from, to] = await Promise.all(
      [input.fromProductId, input.toProductId].map((id) => tx.product.findUniqueOrThrow({ where: { id }, select: { displayName: true } })),
    );
    if (holders.length === 0) throw new AppError("NONE_HOLD_PRODUCT", { product: from?.displayName ?? "" });
    const gaining = holders.filter((u) => !u.assignments.some((a) => a.productId === input.toProductId));
    requireUsageLocation(gaining);
    if (gaining.length > 0) await claimSeats(tx, input.toProductId, gaining.length);
    const losing = holders.flatMap((u) => u.assignments.filter((a) => a.productId === input.fromProductId).map((a) => a.id));
    for (const ids of chunked(losing)) await tx.licenseAssignment.deleteMany({ where: { id: { in: ids } } });
    await adjustSeats(tx, input.fromProductId, -holders.length);
    const now = new Date();
    for (const ids of chunked(gaining.map((u) => u.id))) {
      await tx.licenseAssignment.createMany({
        data: ids.map((userId) => ({ userId, productId: input.toProductId, assignedById: actor.id, assignedAt: now })),
      });
    }
    const replaced = holders.map((u) => u.id);
    await recordAudit(tx, actor, {
      action: "license.replace",
      targetId: input.toProductId,
      targetName: to?.displayName ?? null,
      before: { product: from?.displayName },
      after: { product: to?.displayName, ...sampleOf(replaced) },
      users: replaced,
    });
    return { replaced: replaced.length, alreadyHeld: holders.length - gaining.length, skipped: users.length - holders.length };
  });
}

export interface RemoveInViewInput extends ProductViewInput {
  /** How many users the admin confirmed: the view must still hold exactly that many. */
  expected: number;
}

/** Progress of a long removal: how many of how many are done (told after each part). */
export type RemovalProgress = (removed: number, total: number) => void;

/** How many assignments one statement of a large removal deletes, between progress reports. */
const REMOVAL_PART = 5_000;

/**
 * Deletes the assignments a removal took into the undo's rows (RemovedAssignment, under its audit
 * event `eventId`), in parts so that `onProgress` can tell how far it is, and names their users
 * beside the audit record. The caller moves the seat counts.
 */
async function removeTaken(tx: Tx, eventId: string, count: number, onProgress?: RemovalProgress): Promise<void> {
  // A user may lose several products' licenses in one removal: one row each beside the record.
  await tx.$executeRaw`INSERT INTO "AuditEventUser" ("eventId", "userId") SELECT DISTINCT ${eventId}, r."userId" FROM "RemovedAssignment" r WHERE r."eventId" = ${eventId}`;
  onProgress?.(0, count);
  let removed = 0;
  while (removed < count) {
    // Each part deletes the first of the taken assignments still there.
    const part = await tx.$executeRaw`DELETE FROM "LicenseAssignment" WHERE "id" IN (
      SELECT r."id" FROM "RemovedAssignment" r JOIN "LicenseAssignment" a ON a."id" = r."id" WHERE r."eventId" = ${eventId} LIMIT ${REMOVAL_PART})`;
    if (part === 0) break;
    removed += part;
    onProgress?.(removed, count);
  }
  if (removed !== count) throw new Error(`removeTaken: took ${count}, removed ${removed}`);
}

/**
 * Removes the product's license from every user the product page lists for this search and
 * filter: statements on the assignments (no id list), in one transaction with its audit record,
 * deleted in parts so that `onProgress` can tell how far it is. The view is taken once (into the
 * undo's rows, RemovedAssignment) and what was taken is what is listed and removed: the product
 * lock holds the assignments still (every change to one of this product's, or to the deletion
 * state of a holder, locks it first), but not the sign-ins the reclaim filters read.
 */
export async function removeLicensesInView(
  actor: Actor,
  input: RemoveInViewInput,
  onProgress?: RemovalProgress,
): Promise<{ removed: number; eventId: string }> {
  await authorize(actor, "license.removeInView", input.productId);
  return transaction(async (tx) => {
    await lockProducts(tx, [input.productId]);
    const summary = await summaryOf(tx, input.productId);
    const inView = await productView(tx, input.productId, summary.conflicts, input.q, input.filter, { days: input.days });
    if (!inView) throw new AppError("VIEW_CHANGED", { count: 0 });
    const view = inView.all.sql;
    const count = await countRows(tx, view);
    // Another admin's change since the confirmation: the admin sees the new number first.
    if (count !== input.expected) throw new AppError("VIEW_CHANGED", { count });
    const eventId = await recordAudit(tx, actor, {
      action: "license.removeInView",
      targetId: input.productId,
      after: { count, view: { q: input.q, filter: input.filter, ...(input.filter === "inactive" ? { days: input.days } : {}) } },
      userCount: count,
    });
    // The view is taken once, into the undo's rows: on PostgreSQL (READ COMMITTED) each statement
    // would read it anew, and the reclaim filters depend on users' sign-ins and sign-in state,
    // which change without the product lock. What was taken is listed, and removed, from there.
    await forgetExpiredRemovals(tx);
    const taken =
      await tx.$executeRaw`INSERT INTO "RemovedAssignment" ("id", "eventId", "userId", "productId", "assignedAt", "assignedById", "removedAt")
      SELECT a."id", ${eventId}, a."userId", a."productId", a."assignedAt", a."assignedById", ${new Date()} ${view}`;
    if (taken !== count) throw new AppError("VIEW_CHANGED", { count: taken });
    await removeTaken(tx, eventId, count, onProgress);
    await adjustSeats(tx, input.productId, -count);
    return { removed: count, eventId };
  });
}

export interface ReclaimInput {
  /** Inactive: no sign-in for more than this many days. */
  days: number;
  /** The products to reclaim from, as the admin ticked them. */
  productIds: string[];
  /** How many licenses the admin confirmed: the products must still hold exactly that many. */
  expected: number;
}

export interface ReclaimResult {
  removed: number;
  products: number;
  eventId: string;
}

/**
 * Billing › Licenses › Reclaim: removes, from the products ticked, every license held by a user
 * inactive for more than `days` days, in one transaction with one audit record (each product's
 * name and count in it) and kept for the undo. The admin confirmed a number: when the products
 * hold another by now (a sign-in, another admin's change), nothing is removed (VIEW_CHANGED) and
 * the admin sees the new number. As the product page's removal, the licenses are taken once,
 * then deleted from what was taken.
 */
export async function reclaimInactiveLicenses(actor: Actor, input: ReclaimInput, onProgress?: RemovalProgress): Promise<ReclaimResult> {
  await authorize(actor, "license.reclaimInactive");
  const productIds = [...new Set(input.productIds)];
  return transaction(async (tx) => {
    await lockProducts(tx, productIds);
    const products = await tx.product.findMany({ where: { id: { in: productIds } }, select: { id: true, displayName: true } });
    const now = new Date();
    const inactive = standingSql("inactive", { days: input.days, now });
    const held = Prisma.sql`FROM "LicenseAssignment" a JOIN "User" u ON u."id" = a."userId"
      WHERE a."productId" IN (${Prisma.join(productIds)}) AND u."deletedAt" IS NULL AND ${inactive}`;
    // What will be removed, counted first for the audit record (written before the undo's rows
    // that point to it, and never updated); the rows taken are then checked against it.
    const counted = await tx.$queryRaw<{ productId: string; licenses: number | bigint }[]>`
      SELECT a."productId", COUNT(*) AS "licenses" ${held} GROUP BY a."productId"`;
    const perProduct = new Map(counted.map((row) => [row.productId, Number(row.licenses)]));
    const count = [...perProduct.values()].reduce((sum, n) => sum + n, 0);
    // Another admin's change, or a user's sign-in, since the confirmation: nothing is removed.
    if (count !== input.expected) throw new AppError("RECLAIM_CHANGED", { count });
    const [distinct] = await tx.$queryRaw<{ users: number | bigint }[]>`SELECT COUNT(DISTINCT a."userId") AS "users" ${held}`;
    const users = Number(distinct?.users ?? 0);
    const names = new Map(products.map((p) => [p.id, p.displayName]));
    const only = perProduct.size === 1 ? [...perProduct.keys()][0] : undefined;
    const eventId = await recordAudit(tx, actor, {
      action: "license.reclaimInactive",
      targetId: null,
      targetName: only ? (names.get(only) ?? null) : null,
      after: {
        days: input.days,
        count,
        products: [...perProduct]
          .map(([productId, n]) => ({ name: names.get(productId) ?? "", count: n }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      },
      userCount: users,
    });
    await forgetExpiredRemovals(tx, now);
    const taken =
      await tx.$executeRaw`INSERT INTO "RemovedAssignment" ("id", "eventId", "userId", "productId", "assignedAt", "assignedById", "removedAt")
      SELECT a."id", ${eventId}, a."userId", a."productId", a."assignedAt", a."assignedById", ${now} ${held}`;
    // On PostgreSQL each statement reads anew: a sign-in between the count and the take is seen here.
    const takenPerProduct = await tx.removedAssignment.groupBy({ by: ["productId"], where: { eventId }, _count: { _all: true } });
    if (taken !== count || takenPerProduct.some((row) => perProduct.get(row.productId) !== row._count._all))
      throw new AppError("RECLAIM_CHANGED", { count: taken });
    await removeTaken(tx, eventId, taken, onProgress);
    if ((await tx.auditEventUser.count({ where: { eventId } })) !== users) throw new AppError("RECLAIM_CHANGED", { count: taken });
    for (const [productId, n] of perProduct) await adjustSeats(tx, productId, -n);
    return { removed: taken, products: perProduct.size, eventId };
  });
}

export interface PurchaseInput {
  subscriptionId: string;
  quantity: number;
  idempotencyKey: string;
}

export interface PurchaseResult {
  orderId: string;
  quantity: number;
  replayed: boolean;
}

async function findOrder(tx: Tx, input: PurchaseInput): Promise<PurchaseResult | null> {
  const order = await tx.order.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
    select: { id: true, subscriptionId: true, quantity: true, subscription: { select: { quantity: true } } },
  });
  if (!order) return null;
  if (order.subscriptionId !== input.subscriptionId || order.quantity !== input.quantity) throw new AppError("IDEMPOTENCY_MISMATCH");
  return { orderId: order.id, quantity: order.subscription.quantity, replayed: true };
}

/** Buys licenses into an Active subscription. The same idempotency key buys once. */
export async function purchaseLicenses(actor: Actor, input: PurchaseInput): Promise<PurchaseResult> {
  await authorize(actor, "license.purchase", input.subscriptionId);
  if (!CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD].canPurchase) throw new AppError("PURCHASE_UNAVAILABLE");
  try {
    return await transaction(async (tx) => {
      // Serializes purchases of this subscription before anything is read.
      await lockSubscription(tx, input.subscriptionId);
      const replay = await findOrder(tx, input);
      if (replay) return replay;
      const sub = await tx.subscription.findUniqueOrThrow({
        where: { id: input.subscriptionId },
        select: { productId: true, quantity: true, endsAt: true },
      });
      if (lifecycleState(sub, new Date()) !== "Active") throw new AppError("SUBSCRIPTION_NOT_ACTIVE");
      const order = await tx.order.create({
        data: {
          idempotencyKey: input.idempotencyKey,
          productId: sub.productId,
          subscriptionId: input.subscriptionId,
          quantity: input.quantity,
          actorId: actor.id,
        },
        select: { id: true },
      });
      const updated = await tx.subscription.update({
        where: { id: input.subscriptionId },
        data: { quantity: { increment: input.quantity } },
        select: { quantity: true },
      });
      await recordAudit(tx, actor, {
        action: "license.purchase",
        targetId: input.subscriptionId,
        before: { quantity: sub.quantity },
        after: { quantity: updated.quantity, orderId: order.id },
      });
      return { orderId: order.id, quantity: updated.quantity, replayed: false };
    });
  } catch (error) {
    // A concurrent submit with the same key won the unique index: answer with its order.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const replay = await transaction((tx) => findOrder(tx, input));
      if (replay) return replay;
    }
    throw error;
  }
}

export interface ReduceInput {
  subscriptionId: string;
  newQuantity: number;
  confirm: boolean;
}

/**
 * Lowers a subscription's quantity. Going below what is assigned needs an explicit confirmation
 * and starts the 90-day window in which admins resolve the excess.
 */
export async function reduceQuantity(actor: Actor, input: ReduceInput): Promise<{ quantity: number; conflicts: number }> {
  await authorize(actor, "subscription.reduce", input.subscriptionId);
  return transaction(async (tx) => {
    await lockSubscription(tx, input.subscriptionId);
    const sub = await tx.subscription.findUniqueOrThrow({
      where: { id: input.subscriptionId },
      select: { productId: true, quantity: true, endsAt: true, reducedAt: true },
    });
    await lockProducts(tx, [sub.productId]);
    const now = new Date();
    if (lifecycleState(sub, now) !== "Active") throw new AppError("SUBSCRIPTION_NOT_ACTIVE");
    if (input.newQuantity >= sub.quantity) throw new AppError("QUANTITY_NOT_LOWER", { current: sub.quantity, purchase: purchaseSelect() });
    const summary = await summaryOf(tx, sub.productId, now);
    const conflicts = conflictsAfterQuantityChange(summary, sub.quantity, input.newQuantity);
    if (conflicts > summary.conflicts && !input.confirm) throw new AppError("CONFIRMATION_REQUIRED", { count: conflicts });
    await tx.subscription.update({
      where: { id: input.subscriptionId },
      data: { quantity: input.newQuantity, reducedAt: conflicts > summary.conflicts ? now : sub.reducedAt },
    });
    await recordAudit(tx, actor, {
      action: "subscription.reduce",
      targetId: input.subscriptionId,
      before: { quantity: sub.quantity, conflicts: summary.conflicts },
      after: { quantity: input.newQuantity, conflicts },
    });
    return { quantity: input.newQuantity, conflicts };
  });
}

/**
 * Reactivates an Expired or Disabled subscription (Global and Billing admins, as in Microsoft
 * 365): a new term starts today, of the subscription's billing period (a month or a year), and
 * its licenses are valid again, which ends the conflict they caused. A cloud that can't buy
 * (Microsoft Cloud Germany) can't reactivate either.
 */
export async function reactivateSubscription(actor: Actor, input: { subscriptionId: string }): Promise<{ endsAt: Date }> {
  await authorize(actor, "subscription.reactivate", input.subscriptionId);
  if (!CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD].canPurchase) throw new AppError("PURCHASE_UNAVAILABLE");
  return transaction(async (tx) => {
    await lockSubscription(tx, input.subscriptionId);
    const sub = await tx.subscription.findUnique({
      where: { id: input.subscriptionId },
      select: { endsAt: true, billingFrequency: true },
    });
    if (!sub) throw new AppError("NOT_FOUND");
    const now = new Date();
    const state = lifecycleState(sub, now);
    if (state !== "Expired" && state !== "Disabled") throw new AppError("SUBSCRIPTION_NOT_LAPSED", { state });
    const endsAt = sub.billingFrequency === "annual" ? addYears(now, 1) : addMonths(now, 1);
    // As a purchase, this changes valid licenses, not holders: the remembered cutoffs are keyed
    // by the conflicts' count too (server/data/cutoffs.ts).
    await tx.subscription.update({ where: { id: input.subscriptionId }, data: { endsAt, startsAt: now } });
    await recordAudit(tx, actor, {
      action: "subscription.reactivate",
      targetId: input.subscriptionId,
      before: { state, endsAt: sub.endsAt.toISOString() },
      after: { state: "Active", endsAt: endsAt.toISOString() },
    });
    return { endsAt };
  });
}

/** Turns a subscription's automatic renewal on or off (Global and Billing admins). */
export async function setAutoRenew(actor: Actor, input: { subscriptionId: string; autoRenew: boolean }): Promise<{ autoRenew: boolean }> {
  await authorize(actor, "subscription.setAutoRenew", input.subscriptionId);
  return transaction(async (tx) => {
    await lockSubscription(tx, input.subscriptionId);
    const sub = await tx.subscription.findUnique({ where: { id: input.subscriptionId }, select: { autoRenew: true, endsAt: true } });
    if (!sub) throw new AppError("NOT_FOUND");
    if (lifecycleState(sub, new Date()) !== "Active") throw new AppError("SUBSCRIPTION_NOT_ACTIVE");
    if (sub.autoRenew === input.autoRenew) return { autoRenew: sub.autoRenew };
    await tx.subscription.update({ where: { id: input.subscriptionId }, data: { autoRenew: input.autoRenew } });
    await recordAudit(tx, actor, {
      action: "subscription.setAutoRenew",
      targetId: input.subscriptionId,
      before: { autoRenew: sub.autoRenew },
      after: { autoRenew: input.autoRenew },
    });
    return { autoRenew: input.autoRenew };
  });
}

/**
 * Sets (or, with null, turns off) a product's "few licenses left" alert: the scheduler raises it
 * when the product's free licenses fall below `below`, once each time (server/alerts/raise.ts).
 * A Billing or Global admin's setting, audited with the threshold before and after.
 */
export async function setLowLicenseAlert(
  actor: Actor,
  input: { productId: string; below: number | null },
): Promise<{ below: number | null }> {
  await authorize(actor, "product.setLowLicenseAlert", input.productId);
  return transaction(async (tx) => {
    await lockProducts(tx, [input.productId]);
    const product = await tx.product.findUniqueOrThrow({ where: { id: input.productId }, select: { lowLicensesBelow: true } });
    await tx.product.update({
      where: { id: input.productId },
      // A new threshold is judged afresh: alerted for an old one doesn't silence it.
      data: { lowLicensesBelow: input.below, ...(product.lowLicensesBelow !== input.below ? { lowAlertedAt: null } : {}) },
    });
    await recordAudit(tx, actor, {
      action: "product.setLowLicenseAlert",
      targetId: input.productId,
      before: { below: product.lowLicensesBelow },
      after: { below: input.below },
    });
    return { below: input.below };
  });
}
