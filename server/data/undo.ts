import "server-only";
import { isRole } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { authorize, recordDenied } from "../auth/authorize";
import { allows } from "../auth/operations";
import { chunked, transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "./audit-write";
import { lockProducts, lockUsers } from "./locks";
import { adjustSeats, tryClaimSeats } from "./seats";

/** How long a removal of licenses can be undone. */
export const UNDO_MINUTES = 30;

const REMOVALS = ["license.remove", "license.removeInView", "license.reclaimInactive"] as const;

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
  /** How many products the licenses were removed from (one, except for a reclaim). */
  products: number;
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
    if (!event || event.result !== "success" || !(REMOVALS as readonly string[]).includes(event.action)) return null;
    if (event.at < windowStart(now)) return null;
    if (event.actorId !== actor.id && !actor.roles.includes("GlobalAdmin")) return null;
    const kept = await tx.removedAssignment.groupBy({ by: ["productId"], where: { eventId }, _count: { _all: true } });
    const licenses = kept.reduce((sum, row) => sum + row._count._all, 0);
    if (licenses === 0) return null;
    return { eventId, products: kept.length, licenses, until: new Date(event.at.getTime() + UNDO_MINUTES * 60_000) };
  });
}

/** Licenses an undo would give back without a free one for each (UNDO_WOULD_CONFLICT). */
interface Shortfall {
  productId: string;
  missing: number;
}

/**
 * Undoes a removal of licenses within UNDO_MINUTES: every user who lost a license and is still
 * there gets it back exactly as it was (its id, its place in the queue, who assigned it), in one
 * transaction with its audit record. Users deleted meanwhile, or given the license again, are left
 * as they are. Where a product no longer has a license free for each (they were assigned since),
 * nothing changes (UNDO_WOULD_CONFLICT, naming how many) unless the admin, asked, confirms
 * `allowConflict`: then, as a restore of a deleted user does, those past the free licenses get
 * theirs back at the end of the queue and need a valid license (a conflict). Only the admin who
 * removed the licenses, or a Global admin, can undo.
 */
export async function undoRemoval(
  actor: Actor,
  input: { eventId: string; allowConflict?: boolean },
  now = new Date(),
): Promise<{ restored: number; skipped: number; conflicts: number }> {
  await authorize(actor, "license.undoRemove", input.eventId);
  const { event, productIds } = await transaction(async (tx) => ({
    event: await tx.auditEvent.findUnique({
      where: { id: input.eventId },
      select: { action: true, result: true, at: true, actorId: true },
    }),
    productIds: (await tx.removedAssignment.groupBy({ by: ["productId"], where: { eventId: input.eventId } })).map((r) => r.productId),
  }));
  if (!event || event.result !== "success" || !(REMOVALS as readonly string[]).includes(event.action)) throw new AppError("NOT_FOUND");
  if (event.actorId !== actor.id && !actor.roles.filter(isRole).includes("GlobalAdmin")) {
    // Another admin's removal: refused, and audited as denied like every refusal of a role.
    await recordDenied(actor, "license.undoRemove", input.eventId);
    throw new AppError("UNDO_NOT_YOURS");
  }
  if (event.at < windowStart(now)) throw new AppError("UNDO_EXPIRED", { minutes: UNDO_MINUTES });
  return transaction(async (tx) => {
    // The products first, then the users: the global lock order. The kept rows only ever go (with
    // the undo, or past the window), so the products read before locking are all there are.
    await lockProducts(tx, productIds);
    const kept = await tx.removedAssignment.findMany({
      where: { eventId: input.eventId },
      orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
    });
    // Undone already (by a double submit or another admin): the rows went with it.
    if (kept.length === 0) throw new AppError("UNDO_DONE");
    await lockUsers(
      tx,
      kept.map((k) => k.userId),
    );
    const back: typeof kept = [];
    for (const part of chunked(kept)) {
      const present = await tx.licenseAssignment.findMany({
        where: { userId: { in: [...new Set(part.map((k) => k.userId))] }, productId: { in: productIds } },
        select: { userId: true, productId: true },
      });
      const held = new Set(present.map((a) => `${a.userId}|${a.productId}`));
      const users = await tx.user.findMany({ where: { id: { in: part.map((k) => k.userId) }, deletedAt: null }, select: { id: true } });
      const there = new Set(users.map((u) => u.id));
      back.push(...part.filter((k) => there.has(k.userId) && !held.has(`${k.userId}|${k.productId}`)));
    }
    const byProduct = new Map<string, typeof kept>();
    for (const k of back) byProduct.set(k.productId, [...(byProduct.get(k.productId) ?? []), k]);
    // Each product's free licenses first: a shortfall anywhere refuses the whole undo, or is confirmed.
    const shortfalls: Shortfall[] = [];
    const free = new Map<string, number>();
    for (const [productId, rows] of byProduct) {
      const claim = await tryClaimSeats(tx, productId, rows.length);
      if (claim.ok) continue;
      const available = Math.max(0, claim.summary.available);
      free.set(productId, available);
      shortfalls.push({ productId, missing: rows.length - available });
    }
    if (shortfalls.length > 0 && !input.allowConflict) {
      const missing = shortfalls.reduce((sum, s) => sum + s.missing, 0);
      throw new AppError("UNDO_WOULD_CONFLICT", { count: missing });
    }
    let conflicts = 0;
    for (const [productId, rows] of byProduct) {
      const available = free.get(productId);
      // With enough free licenses every assignment comes back as it was; otherwise the earliest
      // keep their place, and the rest go to the back of the queue, restored without a seat.
      const withSeat = available === undefined ? rows : rows.slice(0, available);
      const withoutSeat = available === undefined ? [] : rows.slice(available);
      if (available !== undefined) await adjustSeats(tx, productId, rows.length);
      for (const part of chunked(withSeat)) {
        await tx.licenseAssignment.createMany({
          data: part.map((k) => ({ id: k.id, userId: k.userId, productId, assignedAt: k.assignedAt, assignedById: k.assignedById })),
        });
      }
      for (const part of chunked(withoutSeat)) {
        await tx.licenseAssignment.createMany({
          data: part.map((k) => ({
            id: k.id,
            userId: k.userId,
            productId,
            assignedAt: now,
            assignedById: k.assignedById,
            restoredAt: now,
          })),
        });
      }
      conflicts += withoutSeat.length;
    }
    await tx.removedAssignment.deleteMany({ where: { eventId: input.eventId } });
    await recordAudit(tx, actor, {
      action: "license.undoRemove",
      targetId: input.eventId,
      targetName: null,
      after: { restored: back.length, left: kept.length - back.length, ...(conflicts > 0 ? { conflicts } : {}) },
      users: back.map((k) => k.userId),
    });
    return { restored: back.length, skipped: kept.length - back.length, conflicts };
  });
}
