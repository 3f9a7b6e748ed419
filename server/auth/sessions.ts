import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "../actor";
import { transaction, type Tx } from "../db";
import { recordAudit } from "../data/audit-write";
import { authorize } from "./authorize";

/**
 * Server-side sessions. The signed cookie only names a session row; a session is live while it
 * is not revoked (sign-out, sign out everywhere), has not reached its absolute end (however
 * often the cookie is refreshed), and was issued under the user's current security version
 * (which triggers move on whenever the user is deleted or restored, disabled or enabled, gets a
 * new password or a changed role).
 */
export const SESSION_HOURS = 12;

export async function startSession(tx: Tx, user: { id: string; securityVersion: number }, address: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 60 * 60 * 1000);
  await tx.adminSession.create({ data: { id, userId: user.id, securityVersion: user.securityVersion, expiresAt, address } });
  return id;
}

/** The live session's conditions on AdminSession, for a query that joins the user. */
export function liveSessionWhere(sessionId: string, userId: string, now = new Date()) {
  return { id: sessionId, userId, revokedAt: null, expiresAt: { gt: now } } as const;
}

export async function isSessionLive(sessionId: string, userId: string): Promise<boolean> {
  const session = await transaction((tx) =>
    tx.adminSession.findFirst({
      where: liveSessionWhere(sessionId, userId),
      select: { securityVersion: true, user: { select: { securityVersion: true } } },
    }),
  );
  return !!session && session.securityVersion === session.user.securityVersion;
}

/** Sign-out: this session ends on the server, whoever holds a copy of its cookie. */
export async function endSession(sessionId: string, userId: string): Promise<void> {
  await transaction(async (tx) => {
    const { count } = await tx.adminSession.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) return;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, userPrincipalName: true } });
    await recordAudit(tx, user, { action: "signOut", targetType: "user", targetId: userId });
  });
}

/** "Sign out everywhere": every session of the signed-in admin ends, this one too. */
export async function endAllSessions(actor: Actor): Promise<{ ended: number }> {
  await authorize(actor, "session.revokeAll", actor.id);
  return transaction(async (tx) => {
    const { count } = await tx.adminSession.updateMany({ where: { userId: actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "session.revokeAll", targetId: actor.id, after: { ended: count } });
    return { ended: count };
  });
}
