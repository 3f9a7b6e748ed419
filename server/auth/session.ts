import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { isRole } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { transaction } from "../db";
import { authOptions } from "./options";

/** Loads an admin by id, refusing deleted, disabled and role-less accounts. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await transaction((tx) =>
    tx.user.findFirst({
      where: { id: userId, deletedAt: null, accountEnabled: true },
      select: { id: true, displayName: true, userPrincipalName: true, preferredLocale: true, roles: { select: { role: true } } },
    }),
  );
  if (!user) return null;
  const roles = user.roles.map((r) => r.role).filter(isRole);
  if (roles.length === 0) return null;
  return { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, preferredLocale: user.preferredLocale, roles };
}

/**
 * The signed-in admin for this request. The session cookie only names the user: roles and
 * standing are re-read from the database, so a deleted, disabled or demoted admin loses access
 * on their next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user ? (session.user as { id?: string }).id : undefined;
  return userId ? loadActor(userId) : null;
});
