import "server-only";
import { isRestorable } from "@/lib/domain/lifecycle";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize, authorizeOnUser, recordingDenials } from "../auth/authorize";
import { chunked, transaction } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "./audit-write";
import { lockGlobalAdminRoles, lockProducts } from "./locks";
import { adjustSeats, tryClaimSeats, withUsersAndTheirProductsLocked } from "./seats";
import { summaryOf } from "./totals";

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

/** Adds a user; each requested license is assigned only if one is available. */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<CreateUserResult> {
  await authorize(actor, "user.create");
  const productIds = [...new Set(input.productIds)];
  try {
    return await transaction(async (tx) => {
      await lockProducts(tx, productIds);
      const user = await tx.user.create({
        data: {
          displayName: input.displayName,
          userPrincipalName: input.userPrincipalName.toLowerCase(),
          usageLocation: input.usageLocation,
        },
        select: { id: true },
      });
      const assigned: string[] = [];
      const skipped: string[] = [];
      for (const productId of productIds) {
        if (!(await tryClaimSeats(tx, productId, 1)).ok) {
          skipped.push(productId);
          continue;
        }
        await tx.licenseAssignment.create({ data: { userId: user.id, productId, assignedById: actor.id } });
        assigned.push(productId);
      }
      await recordAudit(tx, actor, { action: "user.create", targetId: user.id, after: { ...input, assigned, skipped } });
      return { userId: user.id, assigned, skipped };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("UPN_TAKEN", { upn: input.userPrincipalName });
    }
    throw error;
  }
}

const targetSelect = { id: true, displayName: true, userPrincipalName: true, deletedAt: true, roles: { select: { role: true } } } as const;

/**
 * Deletes users (soft: restorable for 30 days). Their licenses are freed immediately; the
 * assignments are kept so a restore brings them back.
 */
export async function deleteUsers(actor: Actor, input: { userIds: string[] }): Promise<{ deleted: number }> {
  await authorize(actor, "user.delete", input.userIds[0]);
  const userIds = [...new Set(input.userIds)];
  return recordingDenials(actor, () =>
    withUsersAndTheirProductsLocked(userIds, async (tx, _held, found) => {
      if (found.size !== userIds.length) throw new AppError("NOT_FOUND");
      const targets = [];
      for (const ids of chunked(userIds)) targets.push(...(await tx.user.findMany({ where: { id: { in: ids } }, select: targetSelect })));
      for (const target of targets) {
        if (target.id === actor.id) throw new AppError("CANNOT_DELETE_SELF");
        if (target.deletedAt) throw new AppError("USER_DELETED", { name: target.displayName });
      }
      for (const target of targets) authorizeOnUser(actor, "user.delete", target);
      // Two Global admins deleting each other at once must not both succeed: the remaining ones
      // are counted with every Global admin role row locked.
      if (targets.some((t) => t.roles.some((r) => r.role === "GlobalAdmin"))) await lockGlobalAdminRoles(tx);
      const deletedAt = new Date();
      let count = 0;
      for (const ids of chunked(userIds))
        count += (await tx.user.updateMany({ where: { id: { in: ids }, deletedAt: null }, data: { deletedAt } })).count;
      if (count !== userIds.length) throw new AppError("USER_DELETED", { name: "" });
      const remainingGlobalAdmins = await tx.adminRole.count({
        where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } },
      });
      if (remainingGlobalAdmins === 0) throw new AppError("LAST_GLOBAL_ADMIN");
      // Each user's own freed licenses, for their own audit record; the product counts in total.
      const perUser = new Map<string, number>();
      const perProduct = new Map<string, number>();
      for (const ids of chunked(userIds)) {
        for (const a of await tx.licenseAssignment.findMany({
          where: { userId: { in: ids } },
          select: { userId: true, productId: true },
        })) {
          perUser.set(a.userId, (perUser.get(a.userId) ?? 0) + 1);
          perProduct.set(a.productId, (perProduct.get(a.productId) ?? 0) + 1);
        }
      }
      for (const [productId, freed] of perProduct) await adjustSeats(tx, productId, -freed);
      for (const target of targets) {
        await recordAudit(tx, actor, {
          action: "user.delete",
          targetId: target.id,
          before: { userPrincipalName: target.userPrincipalName },
          after: { licensesFreed: perUser.get(target.id) ?? 0 },
        });
      }
      return { deleted: count };
    }),
  );
}

/**
 * Restores a deleted user within 30 days, with their licenses, even when none are free: that
 * creates a conflict, as in Microsoft 365. Returns the products now in conflict.
 */
export async function restoreUser(actor: Actor, input: { userId: string }): Promise<{ conflicts: string[] }> {
  await authorize(actor, "user.restore", input.userId);
  return recordingDenials(actor, () =>
    withUsersAndTheirProductsLocked([input.userId], async (tx, held) => {
      const target = await tx.user.findUnique({ where: { id: input.userId }, select: targetSelect });
      if (!target) throw new AppError("NOT_FOUND");
      if (!target.deletedAt) throw new AppError("NOT_DELETED", { name: target.displayName });
      if (!isRestorable(target.deletedAt, new Date())) throw new AppError("RESTORE_WINDOW_PASSED", { name: target.displayName });
      authorizeOnUser(actor, "user.restore", target);
      const { count } = await tx.user.updateMany({ where: { id: input.userId, deletedAt: target.deletedAt }, data: { deletedAt: null } });
      if (count !== 1) throw new AppError("NOT_DELETED", { name: target.displayName });
      // The restored user's licenses go to the back of the queue: the users who kept theirs
      // meanwhile stay licensed, and where no license was free it is the restored user who needs
      // a valid one, for that reason (restoredAt; lib/domain/conflicts.ts).
      const now = new Date();
      const conflicts: string[] = [];
      for (const [productId, seats] of held) {
        const withoutSeat = (await summaryOf(tx, productId, now)).available < seats;
        await tx.licenseAssignment.updateMany({
          where: { userId: input.userId, productId },
          data: { assignedAt: now, restoredAt: withoutSeat ? now : null },
        });
        await adjustSeats(tx, productId, seats);
        if ((await summaryOf(tx, productId, now)).conflicts > 0) conflicts.push(productId);
      }
      await recordAudit(tx, actor, { action: "user.restore", targetId: input.userId, after: { licenses: held.size, conflicts } });
      return { conflicts };
    }),
  );
}
