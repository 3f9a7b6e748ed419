import type { Role } from "@/lib/domain/roles";

/** The signed-in admin, as re-read from the database on every request. */
export interface Actor {
  id: string;
  displayName: string;
  userPrincipalName: string;
  roles: Role[];
  preferredLocale: string | null;
}
