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
] as const;
export type HelpSlug = (typeof HELP_SLUGS)[number];
