import "server-only";
import { CLOUD_PROFILES } from "@/lib/cloud";
import { canAssign, conflictsAfterQuantityChange } from "@/lib/domain/conflicts";
import { env } from "@/lib/env";
import { lifecycleState } from "@/lib/domain/lifecycle";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { chunked, transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { authorize, recordAudit } from "./audit";
import { atOrAfter, conflictCutoff, lockProduct, summaryOf } from "./totals";
import { userSearch } from "./users";

export interface AssignInput {
  productId: string;
  userIds: string[];
}

export interface AssignResult {
  assigned: number;
  alreadyAssigned: number;
}

/**
 * Claims `count` seats of a product: one guarded UPDATE that succeeds only while enough valid
 * licenses remain, so concurrent admins can never over-assign. Call after lockProduct.
 */
async function claimSeats(tx: Tx, productId: string, count: number): Promise<void> {
  const summary = await summaryOf(tx, productId);
  if (!canAssign(summary, count)) {
    if (summary.valid === 0 && summary.disabled > 0) throw new AppError("SUBSCRIPTION_DISABLED");
    throw new AppError("NO_LICENSES_AVAILABLE", { available: summary.available, requested: count });
  }
  const claimed = await tx.product.updateMany({
    where: { id: productId, assignedCount: { lte: summary.valid - count } },
    data: { assignedCount: { increment: count } },
  });
  if (claimed.count !== 1) throw new AppError("NO_LICENSES_AVAILABLE", { available: summary.available, requested: count });
}

/** Assigns a product's license to users. All or nothing; users who already have it are skipped. */
export async function assignLicenses(actor: Actor, input: AssignInput): Promise<AssignResult> {
  await authorize(actor, "assign", "license.assign", { type: "product", id: input.productId });
  const userIds = [...new Set(input.userIds)];
  return transaction(async (tx) => {
    await lockProduct(tx, input.productId);
    const users = [];
    for (const ids of chunked(userIds)) {
      users.push(
        ...(await tx.user.findMany({
          where: { id: { in: ids } },
          select: { id: true, displayName: true, deletedAt: true, usageLocation: true, assignments: { where: { productId: input.productId }, select: { id: true } } },
        })),
      );
    }
    if (users.length !== userIds.length) throw new AppError("NOT_FOUND");
    const deleted = users.find((u) => u.deletedAt);
    if (deleted) throw new AppError("USER_DELETED", { name: deleted.displayName });
    const toAssign = users.filter((u) => u.assignments.length === 0);
    const withoutLocation = toAssign.filter((u) => !u.usageLocation);
    if (withoutLocation.length > 0) {
      throw new AppError("USAGE_LOCATION_REQUIRED", { names: withoutLocation.slice(0, 5).map((u) => u.displayName).join(", "), count: withoutLocation.length });
    }
    if (toAssign.length === 0) return { assigned: 0, alreadyAssigned: users.length };
    await claimSeats(tx, input.productId, toAssign.length);
    const now = new Date();
    await tx.licenseAssignment.createMany({
      data: toAssign.map((u) => ({ userId: u.id, productId: input.productId, assignedById: actor.id, assignedAt: now })),
    });
    await recordAudit(tx, actor, {
      action: "license.assign",
      targetType: "product",
      targetId: input.productId,
      after: { count: toAssign.length, userIds: toAssign.map((u) => u.id) },
    });
    return { assigned: toAssign.length, alreadyAssigned: users.length - toAssign.length };
  });
}

export interface RemoveInput {
  productId: string;
  userIds: string[];
}

/** Removes a product's license from users, in one transaction however many there are. */
export async function removeLicenses(actor: Actor, input: RemoveInput): Promise<{ removed: number }> {
  await authorize(actor, "assign", "license.remove", { type: "product", id: input.productId });
  const userIds = [...new Set(input.userIds)];
  return transaction(async (tx) => {
    await lockProduct(tx, input.productId);
    let counted = 0;
    let count = 0;
    for (const ids of chunked(userIds)) {
      const where = { productId: input.productId, userId: { in: ids } };
      // Deleted users' assignments are kept for a restore but not counted: only count the others.
      counted += await tx.licenseAssignment.count({ where: { ...where, user: { deletedAt: null } } });
      count += (await tx.licenseAssignment.deleteMany({ where })).count;
    }
    if (count === 0) return { removed: 0 };
    await tx.product.update({ where: { id: input.productId }, data: { assignedCount: { decrement: counted } } });
    await recordAudit(tx, actor, {
      action: "license.remove",
      targetType: "product",
      targetId: input.productId,
      after: { count, userIds },
    });
    return { removed: count };
  });
}

export interface RemoveInViewInput {
  productId: string;
  q: string;
  filter: "all" | "needsLicense";
}

/**
 * Removes the product's license from every user the product page lists for this search and
 * filter: one statement on the assignments (no id list), in one transaction with its audit record.
 */
export async function removeLicensesInView(actor: Actor, input: RemoveInViewInput): Promise<{ removed: number }> {
  await authorize(actor, "assign", "license.remove", { type: "product", id: input.productId });
  return transaction(async (tx) => {
    await lockProduct(tx, input.productId);
    const summary = await summaryOf(tx, input.productId);
    const cutoff = input.filter === "needsLicense" ? await conflictCutoff(tx, input.productId, summary.conflicts) : null;
    if (input.filter === "needsLicense" && !cutoff) return { removed: 0 };
    const where = { productId: input.productId, user: { deletedAt: null, ...userSearch(input.q) }, ...(cutoff ? atOrAfter(cutoff) : {}) };
    const { count } = await tx.licenseAssignment.deleteMany({ where });
    if (count === 0) return { removed: 0 };
    await tx.product.update({ where: { id: input.productId }, data: { assignedCount: { decrement: count } } });
    await recordAudit(tx, actor, { action: "license.remove", targetType: "product", targetId: input.productId, after: { count, view: { q: input.q, filter: input.filter } } });
    return { removed: count };
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
  await authorize(actor, "purchase", "license.purchase", { type: "subscription", id: input.subscriptionId });
  if (!CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD].canPurchase) throw new AppError("PURCHASE_UNAVAILABLE");
  try {
    return await transaction(async (tx) => {
      // Write first: serializes purchases of this subscription before anything is read.
      const locked = await tx.subscription.updateMany({ where: { id: input.subscriptionId }, data: { quantity: { increment: 0 } } });
      if (locked.count !== 1) throw new AppError("NOT_FOUND");
      const replay = await findOrder(tx, input);
      if (replay) return replay;
      const sub = await tx.subscription.findUniqueOrThrow({ where: { id: input.subscriptionId }, select: { productId: true, quantity: true, endsAt: true } });
      if (lifecycleState(sub, new Date()) !== "Active") throw new AppError("SUBSCRIPTION_NOT_ACTIVE");
      const order = await tx.order.create({
        data: { idempotencyKey: input.idempotencyKey, productId: sub.productId, subscriptionId: input.subscriptionId, quantity: input.quantity, actorId: actor.id },
        select: { id: true },
      });
      const updated = await tx.subscription.update({
        where: { id: input.subscriptionId },
        data: { quantity: { increment: input.quantity } },
        select: { quantity: true },
      });
      await recordAudit(tx, actor, {
        action: "license.purchase",
        targetType: "subscription",
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
  await authorize(actor, "purchase", "subscription.reduce", { type: "subscription", id: input.subscriptionId });
  return transaction(async (tx) => {
    const locked = await tx.subscription.updateMany({ where: { id: input.subscriptionId }, data: { quantity: { increment: 0 } } });
    if (locked.count !== 1) throw new AppError("NOT_FOUND");
    const sub = await tx.subscription.findUniqueOrThrow({ where: { id: input.subscriptionId }, select: { productId: true, quantity: true, endsAt: true, reducedAt: true } });
    await lockProduct(tx, sub.productId);
    const now = new Date();
    if (lifecycleState(sub, now) !== "Active") throw new AppError("SUBSCRIPTION_NOT_ACTIVE");
    if (input.newQuantity >= sub.quantity) throw new AppError("QUANTITY_NOT_LOWER", { current: sub.quantity });
    const summary = await summaryOf(tx, sub.productId, now);
    const conflicts = conflictsAfterQuantityChange(summary, sub.quantity, input.newQuantity);
    if (conflicts > summary.conflicts && !input.confirm) throw new AppError("CONFIRMATION_REQUIRED", { count: conflicts });
    await tx.subscription.update({
      where: { id: input.subscriptionId },
      data: { quantity: input.newQuantity, reducedAt: conflicts > summary.conflicts ? now : sub.reducedAt },
    });
    await recordAudit(tx, actor, {
      action: "subscription.reduce",
      targetType: "subscription",
      targetId: input.subscriptionId,
      before: { quantity: sub.quantity, conflicts: summary.conflicts },
      after: { quantity: input.newQuantity, conflicts },
    });
    return { quantity: input.newQuantity, conflicts };
  });
}
