import "server-only";
import { isRestorable } from "@/lib/domain/lifecycle";
import { canManageUser, isRole } from "@/lib/domain/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { chunked, transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { authorize, recordAudit, recordDenied } from "./audit";
import { lockProduct, summaryOf } from "./totals";

export interface CreateUserInput {
  displayName: string;
  userPrincipalName: string;
  usageLocation: string;
  productIds: string[];
}

export interface CreateUserResult {
  userId: string;
  assigned: string[];
  /** Products whose license could not be assigned because none were available. */
  skipped: string[];
}

/** Locks products in a fixed order (by id) so concurrent multi-product changes cannot deadlock. */
async function lockProducts(tx: Tx, productIds: Iterable<string>): Promise<void> {
  for (const id of [...new Set(productIds)].sort()) await lockProduct(tx, id);
}

/** Adds a user; each requested license is assigned only if one is available. */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<CreateUserResult> {
  await authorize(actor, "manageUsers", "user.create", { type: "user" });
  try {
    return await transaction(async (tx) => {
      await lockProducts(tx, input.productIds);
      const user = await tx.user.create({
        data: { displayName: input.displayName, userPrincipalName: input.userPrincipalName.toLowerCase(), usageLocation: input.usageLocation },
        select: { id: true },
      });
      const assigned: string[] = [];
      const skipped: string[] = [];
      for (const productId of [...new Set(input.productIds)]) {
        const summary = await summaryOf(tx, productId);
        if (summary.available < 1) {
          skipped.push(productId);
          continue;
        }
        const claimed = await tx.product.updateMany({
          where: { id: productId, assignedCount: { lte: summary.valid - 1 } },
          data: { assignedCount: { increment: 1 } },
        });
        if (claimed.count !== 1) {
          skipped.push(productId);
          continue;
        }
        await tx.licenseAssignment.create({ data: { userId: user.id, productId, assignedById: actor.id } });
        assigned.push(productId);
      }
      await recordAudit(tx, actor, {
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        after: { ...input, assigned, skipped },
      });
      return { userId: user.id, assigned, skipped };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("UPN_TAKEN", { upn: input.userPrincipalName });
    }
    throw error;
  }
}

interface TargetUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  deletedAt: Date | null;
  roles: { role: string }[];
}

const targetSelect = { id: true, displayName: true, userPrincipalName: true, deletedAt: true, roles: { select: { role: true } } } as const;

/** Refuses (audited as denied) when a user admin acts on another admin. */
async function assertMayManage(actor: Actor, target: TargetUser, action: string): Promise<void> {
  const targetRoles = target.roles.map((r) => r.role).filter(isRole);
  if (canManageUser(actor.roles, targetRoles)) return;
  await recordDenied(actor, action, { type: "user", id: target.id });
  throw new AppError("CANNOT_MANAGE_ADMIN", { name: target.displayName });
}

/** Licenses held by users, per product, for keeping product counts in step. */
async function licenseCountsOf(tx: Tx, userIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const ids of chunked(userIds)) {
    const rows = await tx.licenseAssignment.groupBy({ by: ["productId"], where: { userId: { in: ids } }, _count: { _all: true } });
    for (const row of rows) counts.set(row.productId, (counts.get(row.productId) ?? 0) + row._count._all);
  }
  return counts;
}

/**
 * Deletes users (soft: restorable for 30 days). Their licenses are freed immediately; the
 * assignments are kept so a restore brings them back.
 */
export async function deleteUsers(actor: Actor, input: { userIds: string[] }): Promise<{ deleted: number }> {
  await authorize(actor, "manageUsers", "user.delete", { type: "user", id: input.userIds[0] });
  const userIds = [...new Set(input.userIds)];
  const targets = await transaction(async (tx) => {
    const found: TargetUser[] = [];
    for (const ids of chunked(userIds)) found.push(...(await tx.user.findMany({ where: { id: { in: ids } }, select: targetSelect })));
    return found;
  });
  if (targets.length !== userIds.length) throw new AppError("NOT_FOUND");
  for (const target of targets) {
    if (target.id === actor.id) throw new AppError("CANNOT_DELETE_SELF");
    if (target.deletedAt) throw new AppError("USER_DELETED", { name: target.displayName });
    await assertMayManage(actor, target, "user.delete");
  }
  const removesGlobalAdmin = targets.some((t) => t.roles.some((r) => r.role === "GlobalAdmin"));
  return transaction(async (tx) => {
    // Two Global admins deleting each other at once must not both succeed: lock every Global
    // admin row first (a no-op write), so the second transaction counts after the first commits.
    if (removesGlobalAdmin) await tx.adminRole.updateMany({ where: { role: "GlobalAdmin" }, data: { role: "GlobalAdmin" } });
    const counts = await licenseCountsOf(tx, userIds);
    await lockProducts(tx, counts.keys());
    // Re-checked inside the transaction: a concurrent delete may have won.
    const deletedAt = new Date();
    let count = 0;
    for (const ids of chunked(userIds)) count += (await tx.user.updateMany({ where: { id: { in: ids }, deletedAt: null }, data: { deletedAt } })).count;
    if (count !== userIds.length) throw new AppError("USER_DELETED", { name: "" });
    const remainingGlobalAdmins = await tx.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } } });
    if (remainingGlobalAdmins === 0) throw new AppError("LAST_GLOBAL_ADMIN");
    for (const [productId, held] of counts) {
      await tx.product.update({ where: { id: productId }, data: { assignedCount: { decrement: held } } });
    }
    for (const target of targets) {
      await recordAudit(tx, actor, {
        action: "user.delete",
        targetType: "user",
        targetId: target.id,
        before: { userPrincipalName: target.userPrincipalName },
        after: { licensesFreed: [...counts.values()].reduce((a, b) => a + b, 0) },
      });
    }
    return { deleted: count };
  });
}

/**
 * Restores a deleted user within 30 days, with their licenses, even when none are free: that
 * creates a conflict, as in Microsoft 365. Returns the products now in conflict.
 */
export async function restoreUser(actor: Actor, input: { userId: string }): Promise<{ conflicts: string[] }> {
  await authorize(actor, "manageUsers", "user.restore", { type: "user", id: input.userId });
  const target = await transaction((tx) => tx.user.findUnique({ where: { id: input.userId }, select: targetSelect }));
  if (!target) throw new AppError("NOT_FOUND");
  if (!target.deletedAt) throw new AppError("NOT_DELETED", { name: target.displayName });
  if (!isRestorable(target.deletedAt, new Date())) throw new AppError("RESTORE_WINDOW_PASSED", { name: target.displayName });
  await assertMayManage(actor, target, "user.restore");
  return transaction(async (tx) => {
    const counts = await licenseCountsOf(tx, [input.userId]);
    await lockProducts(tx, counts.keys());
    const { count } = await tx.user.updateMany({ where: { id: input.userId, deletedAt: target.deletedAt }, data: { deletedAt: null } });
    if (count !== 1) throw new AppError("NOT_DELETED", { name: target.displayName });
    const conflicts: string[] = [];
    for (const [productId, held] of counts) {
      await tx.product.update({ where: { id: productId }, data: { assignedCount: { increment: held } } });
      if ((await summaryOf(tx, productId)).conflicts > 0) conflicts.push(productId);
    }
    await recordAudit(tx, actor, { action: "user.restore", targetType: "user", targetId: input.userId, after: { licenses: counts.size, conflicts } });
    return { conflicts };
  });
}
