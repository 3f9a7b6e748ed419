/** The help articles License Center's views rely on; help:check fails when one is missing. */
export const HELP_SLUGS = [
  "licenses",
  "resolve-license-conflicts",
  "assign-licenses",
  "remove-licenses",
  "buy-licenses",
  "reduce-quantity",
  "add-user",
  "edit-user",
  "manage-users-in-bulk",
  "delete-user",
  "restore-user",
  "subscription-expiry",
  "admin-roles",
  "alert-emails",
  "webhooks",
  "single-sign-on",
  "provisioning",
] as const;
export type HelpSlug = (typeof HELP_SLUGS)[number];

/** Actions of the sign-in flow (server/auth/oidc.ts, server/auth/options.ts). */
const SIGN_IN_ACTIONS: readonly string[] = ["signIn", "signIn.syncRoles"];

/**
 * The article beside one audit event: a sign-in explains single sign-on and its refusals; a
 * change a provisioning token made (its actor is "scim:<token name>", server/scim/tokens.ts) or
 * a token's own creation and revocation explains provisioning; anything else, the admin roles.
 */
export function auditEventHelpSlug(event: { action: string; actorName: string }): HelpSlug {
  if (SIGN_IN_ACTIONS.includes(event.action)) return "single-sign-on";
  if (event.actorName.startsWith("scim:") || event.action.startsWith("scimToken.")) return "provisioning";
  return "admin-roles";
}
