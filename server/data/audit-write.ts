import "server-only";
import type { Actor } from "../actor";
import { OPERATIONS, isOperation, type AuditAction } from "../auth/operations";
import { chunked, type Tx } from "../db";

export type AuditResult = "success" | "denied" | "failed";

/** Who an audit record names: an admin, or (for sign-in events) the account in question. */
export type AuditActor = Pick<Actor, "id" | "userPrincipalName">;

/** How many of a bulk change's users the record itself names; the rest are in AuditEventUser. */
export const AUDIT_SAMPLE = 10;

export interface AuditEntry {
  action: AuditAction;
  /** Defaults to the operation's target type (server/auth/operations.ts). */
  targetType?: string;
  targetId?: string | null;
  /** The target's name; looked up from the target (a user, product or subscription) when not given. */
  targetName?: string | null;
  before?: unknown;
  after?: unknown;
  result?: AuditResult;
  detail?: string;
  /** Every user a change affected, stored beside the record (the audit page pages through them). */
  users?: readonly string[];
  /** How many users it affected, when the caller stores them itself (defaults to users' length). */
  userCount?: number;
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** The name an audit record keeps for its target: a user's or product's display name, a subscription's product. */
async function nameOf(tx: Tx, targetType: string, targetId: string): Promise<string | null> {
  switch (targetType) {
    case "user":
      return (await tx.user.findUnique({ where: { id: targetId }, select: { displayName: true } }))?.displayName ?? null;
    case "product":
      return (await tx.product.findUnique({ where: { id: targetId }, select: { displayName: true } }))?.displayName ?? null;
    case "subscription":
      return (
        (await tx.subscription.findUnique({ where: { id: targetId }, select: { product: { select: { displayName: true } } } }))?.product
          .displayName ?? null
      );
    default:
      return null;
  }
}

/**
 * Appends an audit event inside the caller's transaction, so it commits or rolls back with the
 * change. A bulk change's users are stored one row each beside the event, so the record itself
 * stays small (a count and a sample) however many users the change touched.
 */
export async function recordAudit(tx: Tx, actor: AuditActor | null, entry: AuditEntry): Promise<string> {
  const targetType = entry.targetType ?? (isOperation(entry.action) ? OPERATIONS[entry.action].target : "organization");
  const targetId = entry.targetId ?? null;
  const targetName = entry.targetName !== undefined ? entry.targetName : targetId ? await nameOf(tx, targetType, targetId) : null;
  const { id } = await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorName: actor?.userPrincipalName ?? "anonymous",
      action: entry.action,
      targetType,
      targetId,
      targetName,
      before: json(entry.before),
      after: json(entry.after),
      result: entry.result ?? "success",
      detail: entry.detail ?? null,
      userCount: entry.userCount ?? entry.users?.length ?? 0,
    },
    select: { id: true },
  });
  for (const ids of chunked([...new Set(entry.users ?? [])])) {
    await tx.auditEventUser.createMany({ data: ids.map((userId) => ({ eventId: id, userId })) });
  }
  return id;
}

/** The bounded part of a bulk change's user list that the audit record carries itself. */
export function sampleOf(userIds: readonly string[]): { count: number; sample: string[] } {
  return { count: userIds.length, sample: userIds.slice(0, AUDIT_SAMPLE) };
}
