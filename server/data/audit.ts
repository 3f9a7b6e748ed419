import "server-only";
import { can, type Permission } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { transaction, type Tx } from "../db";
import { AppError } from "../errors";

export type AuditResult = "success" | "denied" | "failed";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  result?: AuditResult;
  detail?: string;
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Appends an audit event inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorName: actor?.userPrincipalName ?? "anonymous",
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      result: entry.result ?? "success",
      detail: entry.detail ?? null,
    },
  });
}

/** Refuses (and audits the refusal) unless the actor holds the permission. */
export async function authorize(
  actor: Actor,
  permission: Permission,
  action: string,
  target: { type: string; id?: string | null },
): Promise<void> {
  if (can(actor.roles, permission)) return;
  await recordDenied(actor, action, target);
  throw new AppError("FORBIDDEN");
}

export async function recordDenied(actor: Actor, action: string, target: { type: string; id?: string | null }): Promise<void> {
  await transaction((tx) =>
    recordAudit(tx, actor, { action, targetType: target.type, targetId: target.id, result: "denied" }),
  );
}
