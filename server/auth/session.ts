import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { isRole } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { transaction } from "../db";
import { liveSessionWhere } from "./sessions";

/**
 * Loads the admin a live session belongs to, refusing ended sessions and deleted, disabled and
 * role-less accounts: one query for the session and its user.
 */
export async function loadActor(userId: string, sessionId: string): Promise<Actor | null> {
  const session = await transaction((tx) =>
    tx.adminSession.findFirst({
      where: { ...liveSessionWhere(sessionId, userId), user: { deletedAt: null, accountEnabled: true } },
      select: {
        securityVersion: true,
        user: {
          select: {
            id: true,
            displayName: true,
            userPrincipalName: true,
            preferredLocale: true,
            securityVersion: true,
            roles: { select: { role: true } },
          },
        },
      },
    }),
  );
  if (!session || session.securityVersion !== session.user.securityVersion) return null;
  const { user } = session;
  const roles = user.roles.map((r) => r.role).filter(isRole);
  if (roles.length === 0) return null;
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    preferredLocale: user.preferredLocale,
    roles,
  };
}

/**
 * The signed-in admin for this request. The session cookie only names the user and the session:
 * both are re-read from the database, so an ended session, or a deleted, disabled or demoted
 * admin, loses access on the next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  // The session cookie only (no Authorization header): next-auth finds it, chunked or not, by name.
  const req = { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"];
  const token = await getToken({ req });
  if (!token?.sub || typeof token.sid !== "string") return null;
  return loadActor(token.sub, token.sid);
});
