import type { Role } from "@/lib/domain/roles";

/** The signed-in admin, as re-read from the database on every request. */
export interface Actor {
  id: string;
  displayName: string;
  userPrincipalName: string;
  roles: Role[];
  preferredLocale: string | null;
  /** Set when a client acts with a credential of its own (an app registration): no user row stands behind its id. */
  client?: "app";
}

/** The user a change is made by, for columns that point at a user (an assignment's assigner): none for an app. */
export function assigningUserId(actor: Actor): string | null {
  return actor.client ? null : actor.id;
}
