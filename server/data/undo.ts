import "server-only";
import { isRole } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { authorize, recordDenied } from "../auth/authorize";
import { allows } from "../auth/operations";
import { chunked, transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "./audit-write";
import { lockProducts, lockUsers } from "./locks";
import { claimSeats } from "./seats";

/** How long a removal of licenses can be undone. */
export const UNDO_MINUTES = 30;

const REMOVALS = ["license.remove", "license.removeInView"] as const;

function windowStart(now: Date): Date {
  return new Date(now.getTime() - UNDO_MINUTES * 60_000);
}

/** Deletes the kept licenses of removals past the undo window (run by each removal). */
export async function forgetExpiredRemovals(tx: Tx, now = new Date()): Promise<void> {
  await tx.removedAssignment.deleteMany({ where: { removedAt: { lt: windowStart(now) } } });
}

/** Keeps a removal's licenses for the undo, under its audit record. */
export async function keepForUndo(
  tx: Tx,
  eventId: string,
  productId: string,
  removed: readonly { id: string; userId: string; assignedAt: Date; assignedById: string | null }[],
  now = new Date(),
): Promise<void> {
  await forgetExpiredRemovals(tx, now);
  for (const part of chunked(removed)) {
    await tx.removedAssignment.createMany({
      data: part.map((a) => ({
        id: a.id,
        eventId,
        userId: a.userId,
        productId,
        assignedAt: a.assignedAt,
        assignedById: a.assignedById,
        removedAt: now,
      })),
    });
  }
}

export interface Undoable {
  eventId: string;
  productId: string;
  licenses: number;
  /** When the undo stops being possible. */
  until: Date;
}

/**
 * Whether this admin can undo this audit event now: a removal of licenses that succeeded less
 * than UNDO_MINUTES ago, by this admin (or any, for a Global admin), not undone yet, by a role
 * that may assign. Null otherwise (the audit event page then offers nothing).
 */
export async function findUndoable(actor: Actor, eventId: string, now = new Date()): Promise<Undoable | null> {
  if (!allows(actor.roles, "license.undoRemove")) return null;
  return transaction(async (tx) => {
    const event = await tx.auditEvent.findUnique({
      where: { id: eventId },
      select: { action: true, result: true, at: true, actorId: true, targetId: true },
    });
    if (!event || !event.targetId || event.result !== "success" || !(REMOVALS as readonly string[]).includes(event.action)) return null;
    if (event.at < windowStart(now)) return null;
    if (event.actorId !== actor.id && !actor.roles.includes("GlobalAdmin")) return null;
    const licenses = await tx.removedAssignment.count({ where: { eventId } });
    if (licenses === 0) return null;
    return { eventId, productId: event.targetId, licenses, until: new Date(event.at.getTime() + UNDO_MINUTES * 60_000) };
  });
}

/**
 * Undoes a removal of licenses within UNDO_MINUTES: every user who lost the license and is still
 * there gets it back exactly as it was (its id, its place in the queue, who assigned it), in one
 * transaction with its audit record, if the product has a license free for each; otherwise
 * nothing changes (NO_LICENSES_AVAILABLE). Users deleted meanwhile, or given the license again,
 * are left as they are. Only the admin who removed the licenses, or a Global admin, can undo.
 */
export async function undoRemoval(
  actor: Actor,
  input: { eventId: string },
  now = new Date(),
): Promise<{ restored: number; skipped: number }> {
  await authorize(actor, "license.undoRemove", input.eventId);
  const event = await transaction((tx) =>
    tx.auditEvent.findUnique({
      where: { id: input.eventId },
      select: { action: true, result: true, at: true, actorId: true, targetId: true },
    }),
  );
  if (!event || !event.targetId || event.result !== "success" || !(REMOVALS as readonly string[]).includes(event.action))
    throw new AppError("NOT_FOUND");
  if (event.actorId !== actor.id && !actor.roles.filter(isRole).includes("GlobalAdmin")) {
    // Another admin's removal: refused, and audited as denied like every refusal of a role.
    await recordDenied(actor, "license.undoRemove", input.eventId);
    throw new AppError("UNDO_NOT_YOURS");
  }
  if (event.at < windowStart(now)) throw new AppError("UNDO_EXPIRED", { minutes: UNDO_MINUTES });
  const productId = event.targetId;
  return transaction(async (tx) => {
    await lockProducts(tx, [productId]);
    const kept = await tx.removedAssignment.findMany({ where: { eventId: input.eventId } });
    // Undone already (by a double submit or another admin): the rows went with it.
    if (kept.length === 0) throw new AppError("UNDO_DONE");
    await lockUsers(
      tx,
      kept.map((k) => k.userId),
    );
    const back = [];
    for (const part of chunked(kept)) {
      const users = await tx.user.findMany({
        where: { id: { in: part.map((k) => k.userId) }, deletedAt: null, assignments: { none: { productId } } },
        select: { id: true },
      });
      const present = new Set(users.map((u) => u.id));
      back.push(...part.filter((k) => present.has(k.userId)));
    }
    if (back.length > 0) await claimSeats(tx, productId, back.length);
    for (const part of chunked(back)) {
      await tx.licenseAssignment.createMany({
        data: part.map((k) => ({ id: k.id, userId: k.userId, productId, assignedAt: k.assignedAt, assignedById: k.assignedById })),
      });
    }
    await tx.removedAssignment.deleteMany({ where: { eventId: input.eventId } });
    await recordAudit(tx, actor, {
      action: "license.undoRemove",
      targetId: input.eventId,
      targetName: null,
      after: { restored: back.length, left: kept.length - back.length },
      users: back.map((k) => k.userId),
    });
    return { restored: back.length, skipped: kept.length - back.length };
  });
}
