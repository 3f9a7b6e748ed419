import "server-only";
import { isRole, type Role } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { transaction } from "../db";
import { recordAudit } from "../data/audit-write";
import { AppError } from "../errors";
import { allows, allowsOn, type Operation } from "./operations";

/** Refuses (and audits the refusal) unless the actor's roles allow the operation. */
export async function authorize(actor: Actor, operation: Operation, targetId?: string | null): Promise<void> {
  if (allows(actor.roles, operation)) return;
  await recordDenied(actor, operation, targetId);
  throw new AppError("FORBIDDEN");
}

export interface TargetUser {
  id: string;
  displayName: string;
  roles: readonly { role: string }[];
}

/** A refusal found inside a transaction: audited by recordingDenials once that transaction is over. */
export class DeniedError extends AppError {
  constructor(
    readonly operation: Operation,
    readonly targetId: string,
    name: string,
  ) {
    super("CANNOT_MANAGE_ADMIN", { name });
  }
}

/**
 * Refuses when the operation may not touch this user (a User admin on an admin). Safe inside a
 * transaction: the refusal is audited by the recordingDenials around it, after the rollback.
 */
export function authorizeOnUser(actor: Actor, operation: Operation, target: TargetUser): void {
  const targetRoles: Role[] = target.roles.map((r) => r.role).filter(isRole);
  if (!allowsOn(actor.roles, operation, targetRoles)) throw new DeniedError(operation, target.id, target.displayName);
}

/** Runs a change; a DeniedError it throws is audited as denied (in a transaction of its own), then rethrown. */
export async function recordingDenials<T>(actor: Actor, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof DeniedError) await recordDenied(actor, error.operation, error.targetId);
    throw error;
  }
}

/** The refusal's audit record, in a transaction of its own (the refused change has none). */
export async function recordDenied(actor: Actor, operation: Operation, targetId?: string | null): Promise<void> {
  await transaction((tx) => recordAudit(tx, actor, { action: operation, targetId, result: "denied" }));
}
