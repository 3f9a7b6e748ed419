/**
 * Every server action the app exports, with the operation it performs (server/auth/operations.ts).
 * Type-only imports: the `satisfies` check fails to compile when an action file exports an
 * action without a row here (or a row names no action), and the HTTP forged-call tests
 * (e2e/security.spec.ts) check the build's own list of actions against it, so a new action
 * cannot ship without its authorization tests.
 */
import type * as alerts from "./alerts";
import type * as apps from "./apps";
import type * as help from "./help";
import type * as licenses from "./licenses";
import type * as scim from "./scim";
import type * as sessions from "./sessions";
import type * as userImport from "./user-import";
import type * as users from "./users";
import type * as webhooks from "./webhooks";
import type { Operation } from "../auth/operations";

type ExportedAction =
  | keyof typeof alerts
  | keyof typeof apps
  | keyof typeof help
  | keyof typeof licenses
  | keyof typeof sessions
  | keyof typeof users
  | keyof typeof userImport
  | keyof typeof webhooks
  | keyof typeof scim;

export const SERVER_ACTIONS = {
  loadHelpArticleAction: "help.read",
  assignLicensesAction: "license.assign",
  removeLicensesAction: "license.remove",
  replaceLicensesAction: "license.replace",
  undoRemovalAction: "license.undoRemove",
  reclaimInactiveAction: "license.reclaimInactive",
  previewBulkAction: "user.list",
  countLicensesInViewAction: "product.read",
  purchaseLicensesAction: "license.purchase",
  reduceQuantityAction: "subscription.reduce",
  reactivateSubscriptionAction: "subscription.reactivate",
  setAutoRenewAction: "subscription.setAutoRenew",
  setLowLicenseAlertAction: "product.setLowLicenseAlert",
  createUserAction: "user.create",
  uploadUserImportAction: "user.import",
  deleteUsersAction: "user.delete",
  restoreUserAction: "user.restore",
  updateUserAction: "user.update",
  setSignInAction: "user.setSignIn",
  setUserRolesAction: "user.setRoles",
  setLocaleAction: "user.setLocale",
  signOutEverywhereAction: "session.revokeAll",
  saveAlertChoicesAction: "user.setAlerts",
  setCalendarFeedAction: "user.setCalendar",
  createScimTokenAction: "scimToken.create",
  revokeScimTokenAction: "scimToken.revoke",
  createAppAction: "app.create",
  addAppSecretAction: "app.addSecret",
  revokeAppSecretAction: "app.revokeSecret",
  deleteAppAction: "app.delete",
  createWebhookAction: "webhook.manage",
  setWebhookEnabledAction: "webhook.manage",
  rotateWebhookSecretAction: "webhook.manage",
  deleteWebhookAction: "webhook.manage",
  sendTestWebhookAction: "webhook.manage",
} as const satisfies Record<ExportedAction, Operation>;

export type ServerActionName = keyof typeof SERVER_ACTIONS;
export const SERVER_ACTION_NAMES = Object.keys(SERVER_ACTIONS) as ServerActionName[];

/**
 * Every route handler that changes data (exports POST, PUT, PATCH or DELETE), with the operation
 * it performs. tests/unit/registry.test.ts finds such handlers under app/ and fails on one that
 * is missing here; e2e/security.spec.ts forges calls to each as every role the table denies.
 */
export const MUTATING_ROUTES = {
  "POST /api/licenses/remove-in-view": "license.removeInView",
  "POST /api/users/import/run": "user.import",
} as const satisfies Record<string, Operation>;

export type MutatingRoute = keyof typeof MUTATING_ROUTES;
export const MUTATING_ROUTE_NAMES = Object.keys(MUTATING_ROUTES) as MutatingRoute[];

/**
 * Route handlers that change data for a client holding a credential of its own rather than an
 * admin's session: the SCIM service (a bearer token a Global admin created, acting as a User
 * admin, server/scim/tokens.ts). They refuse every request without a live token (401), whatever
 * the session, and their changes go through the data layer's authorized, audited functions with
 * the token as actor; tests/integration/scim.test.ts covers them. And the Graph API (an app
 * registration's access token, acting with the app's roles, server/graph/): its assignLicense
 * also removes licenses (license.remove, authorized per SKU); tests/integration/graph*.test.ts
 * cover them.
 */
export const CREDENTIAL_ROUTES = {
  "POST /scim/v2/Users": "user.create",
  "PUT /scim/v2/Users/[id]": "user.update",
  "PATCH /scim/v2/Users/[id]": "user.update",
  "DELETE /scim/v2/Users/[id]": "user.delete",
  "POST /scim/v2/Groups": "group.provision",
  "PUT /scim/v2/Groups/[id]": "group.provision",
  "PATCH /scim/v2/Groups/[id]": "group.provision",
  "DELETE /scim/v2/Groups/[id]": "group.provision",
  "POST /graph/v1.0/users": "user.create",
  "PATCH /graph/v1.0/users/[id]": "user.update",
  "DELETE /graph/v1.0/users/[id]": "user.delete",
  "POST /graph/v1.0/users/[id]/assignLicense": "license.assign",
  "POST /graph/v1.0/directory/deletedItems/[id]/restore": "user.restore",
} as const satisfies Record<string, Operation>;
