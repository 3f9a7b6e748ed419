import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env, type Env } from "@/lib/env";
import { isRole, type Role } from "@/lib/domain/roles";
import { transaction } from "../db";
import { recordAudit } from "../data/audit-write";
import { lockGlobalAdminRoles, lockUsers } from "../data/locks";
import { startSession } from "./sessions";

/** next-auth's provider id: the redirect URI to register with the identity provider is <app>/api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** Why single sign-on let nobody in: a code the sign-in page explains in the admin's language. */
export const SSO_REFUSALS = ["SsoNoAccount", "SsoBlocked", "SsoNotAdmin", "SsoNoIdentity"] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/** The ID token's claims License Center reads. */
export interface OidcClaims {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  upn?: string;
  [claim: string]: unknown;
}

/** The user next-auth carries from the callback to the session cookie (server/auth/options.ts). */
export interface OidcUser {
  id: string;
  name: string;
  email: string;
  sid?: string;
}

/**
 * The configured OpenID Connect provider, or null when single sign-on is off. next-auth does the
 * protocol: discovery from the issuer, the authorization code flow with PKCE, state and nonce,
 * and the ID token's signature, issuer, audience and expiry.
 */
export function oidcProvider(): OAuthConfig<OidcClaims> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME, OIDC_ROLES_CLAIM } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  const issuer = OIDC_ISSUER.replace(/\/+$/, "");
  // A roles or groups claim usually comes with a scope of the same name; "roles" and "groups"
  // are the common ones (Entra ID sends its app roles in the ID token without one).
  const extra = OIDC_ROLES_CLAIM === "roles" || OIDC_ROLES_CLAIM === "groups" ? ` ${OIDC_ROLES_CLAIM}` : "";
  return {
    id: OIDC_PROVIDER_ID,
    name: OIDC_NAME ?? "OpenID Connect",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: `openid email profile${extra}` } },
    // Replaced by the License Center user's own in admitOidcUser: until then, the provider's subject.
    profile: (claims) => ({ id: claims.sub, name: claims.name ?? claims.sub, email: identityOf(claims) ?? "" }),
  };
}

/**
 * Whom the ID token names, as a License Center user name: its UPN (Entra ID's `upn` or
 * `preferred_username`), else its email address unless the provider says it is unverified.
 * Lowercased: user names match case-insensitively.
 */
export function identityOf(claims: OidcClaims): string | null {
  const candidates = [claims.upn, claims.preferred_username, claims.email_verified === false ? undefined : claims.email];
  const name = candidates.find((c): c is string => typeof c === "string" && /^[^@\s]+@[^@\s]+$/.test(c));
  return name?.trim().toLowerCase() ?? null;
}

/** The admin roles an ID token grants through OIDC_ROLE_MAP; null when roles are License Center's own. */
export function mappedRoles(
  claims: OidcClaims,
  { OIDC_ROLES_CLAIM, OIDC_ROLE_MAP }: Pick<Env, "OIDC_ROLES_CLAIM" | "OIDC_ROLE_MAP"> = env(),
): Role[] | null {
  if (!OIDC_ROLES_CLAIM || !OIDC_ROLE_MAP) return null;
  const raw = claims[OIDC_ROLES_CLAIM];
  const values = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  const roles = new Set<Role>();
  for (const value of values) if (typeof value === "string" && OIDC_ROLE_MAP[value]) roles.add(OIDC_ROLE_MAP[value]);
  return [...roles].sort();
}

/**
 * Lets an identity provider's user in as the License Center user of the same name, or says why
 * not. With a role map, their roles are the ID token's, written at every sign-in (a changed role
 * moves the user's security version, which ends their other sessions); without one, License
 * Center's own. A user who is missing, deleted, blocked or without an admin role is refused, and
 * every outcome is in the audit log. On success the session starts in the same transaction.
 */
export async function admitOidcUser(claims: OidcClaims, address: string): Promise<OidcUser | SsoRefusal> {
  const name = identityOf(claims);
  const refuse = async (code: SsoRefusal, userId?: string) => {
    await transaction((tx) =>
      recordAudit(tx, null, {
        action: "signIn",
        targetType: "user",
        targetId: userId,
        result: "failed",
        detail: `${name ?? claims.sub} (single sign-on: ${code}, ${address})`,
      }),
    );
    return code;
  };
  if (!name) return refuse("SsoNoIdentity");
  const roles = mappedRoles(claims);
  const found = await transaction((tx) => tx.user.findUnique({ where: { userPrincipalName: name }, select: { id: true } }));
  if (!found) return refuse("SsoNoAccount");
  const outcome = await transaction(async (tx): Promise<OidcUser | SsoRefusal> => {
    // Roles change under the same lock as an admin's change of them (the last Global admin rule).
    if (roles) await lockGlobalAdminRoles(tx);
    await lockUsers(tx, [found.id]);
    const user = await tx.user.findUniqueOrThrow({
      where: { id: found.id },
      select: {
        id: true,
        displayName: true,
        userPrincipalName: true,
        deletedAt: true,
        accountEnabled: true,
        roles: { select: { role: true } },
      },
    });
    if (user.deletedAt) return "SsoNoAccount";
    if (!user.accountEnabled) return "SsoBlocked";
    const held = user.roles
      .map((r) => r.role)
      .filter(isRole)
      .sort();
    let keptLastGlobalAdmin = false;
    if (roles && held.includes("GlobalAdmin") && !roles.includes("GlobalAdmin")) {
      // The organization never loses its last Global admin, whatever the provider says.
      const others = await tx.adminRole.count({ where: { role: "GlobalAdmin", userId: { not: user.id }, user: { deletedAt: null } } });
      if (others === 0) {
        roles.push("GlobalAdmin");
        roles.sort();
        keptLastGlobalAdmin = true;
      }
    }
    if (roles && held.join() !== roles.join()) {
      await tx.adminRole.deleteMany({ where: { userId: user.id, role: { notIn: roles } } });
      const missing = roles.filter((role) => !held.includes(role));
      if (missing.length > 0) await tx.adminRole.createMany({ data: missing.map((role) => ({ userId: user.id, role })) });
      await recordAudit(tx, null, {
        action: "signIn.syncRoles",
        targetType: "user",
        targetId: user.id,
        before: { roles: held },
        after: { roles },
        detail: keptLastGlobalAdmin ? "single sign-on (kept Global admin: the organization's last)" : "single sign-on",
      });
    }
    if ((roles ?? held).length === 0) return "SsoNotAdmin";
    // Read after the roles changed: their triggers moved the security version.
    const { securityVersion } = await tx.user.update({
      where: { id: user.id },
      data: { lastSignInAt: new Date() },
      select: { securityVersion: true },
    });
    const sid = await startSession(tx, { id: user.id, securityVersion }, address);
    await recordAudit(tx, user, { action: "signIn", targetType: "user", targetId: user.id, detail: `single sign-on (${address})` });
    return { id: user.id, name: user.displayName, email: user.userPrincipalName, sid };
  });
  return typeof outcome === "string" ? refuse(outcome, found.id) : outcome;
}
