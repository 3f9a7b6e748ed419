import { can, type Permission, type Role } from "@/lib/domain/roles";

/**
 * Every operation an admin can attempt, named `resource.action`. The name is at once what
 * `authorize` checks, the action written to the audit log, and a row of the test matrices (unit
 * role × operation, integration role × mutation, HTTP forged calls), so a new operation without
 * its row fails the suite. No server-only import: the unit tests and pages read it too.
 *
 * - `permission`: what the actor's roles must grant (lib/domain/roles.ts); `self` operations act
 *   only on the actor's own account and are open to every admin.
 * - `target`: the audit record's target type.
 * - `changes`: whether it changes data (a mutation; each has an integration scenario).
 * - `adminTargets`: a further permission needed when the target user holds an admin role
 *   (User admins manage users, not other admins).
 */
interface OperationSpec {
  permission: Permission | "self";
  target: "product" | "subscription" | "user" | "audit" | "organization" | "help" | "group" | "webhook";
  changes: boolean;
  adminTargets?: Permission;
}

export const OPERATIONS = {
  "product.list": { permission: "read", target: "product", changes: false },
  "product.read": { permission: "read", target: "product", changes: false },
  "product.export": { permission: "read", target: "product", changes: false },
  "subscription.read": { permission: "read", target: "subscription", changes: false },
  "user.list": { permission: "read", target: "user", changes: false },
  "user.read": { permission: "read", target: "user", changes: false },
  "user.export": { permission: "read", target: "user", changes: false },
  "audit.list": { permission: "read", target: "audit", changes: false },
  "audit.read": { permission: "read", target: "audit", changes: false },
  "organization.check": { permission: "read", target: "organization", changes: false },
  "help.read": { permission: "read", target: "help", changes: false },
  "webhook.read": { permission: "manageAdmins", target: "webhook", changes: false },
  "license.assign": { permission: "assign", target: "product", changes: true },
  "license.remove": { permission: "assign", target: "product", changes: true },
  "license.removeInView": { permission: "assign", target: "product", changes: true },
  "license.reclaimInactive": { permission: "assign", target: "organization", changes: true },
  "license.replace": { permission: "assign", target: "product", changes: true },
  "license.undoRemove": { permission: "assign", target: "audit", changes: true },
  "license.purchase": { permission: "purchase", target: "subscription", changes: true },
  "subscription.reduce": { permission: "purchase", target: "subscription", changes: true },
  "subscription.reactivate": { permission: "purchase", target: "subscription", changes: true },
  "subscription.setAutoRenew": { permission: "purchase", target: "subscription", changes: true },
  "product.setLowLicenseAlert": { permission: "purchase", target: "product", changes: true },
  "user.create": { permission: "manageUsers", target: "user", changes: true },
  "user.delete": { permission: "manageUsers", target: "user", changes: true, adminTargets: "manageAdmins" },
  "user.restore": { permission: "manageUsers", target: "user", changes: true, adminTargets: "manageAdmins" },
  "user.update": { permission: "manageUsers", target: "user", changes: true, adminTargets: "manageAdmins" },
  "user.setSignIn": { permission: "manageUsers", target: "user", changes: true, adminTargets: "manageAdmins" },
  "user.import": { permission: "manageUsers", target: "organization", changes: true, adminTargets: "manageAdmins" },
  "user.setRoles": { permission: "manageAdmins", target: "user", changes: true },
  "user.setLocale": { permission: "self", target: "user", changes: true },
  "session.revokeAll": { permission: "self", target: "user", changes: true },
  "user.setAlerts": { permission: "self", target: "user", changes: true },
  "user.setCalendar": { permission: "self", target: "user", changes: true },
  "scimToken.list": { permission: "manageAdmins", target: "organization", changes: false },
  "scimToken.create": { permission: "manageAdmins", target: "organization", changes: true },
  "scimToken.revoke": { permission: "manageAdmins", target: "organization", changes: true },
  "app.list": { permission: "manageAdmins", target: "organization", changes: false },
  "app.create": { permission: "manageAdmins", target: "organization", changes: true },
  "app.addSecret": { permission: "manageAdmins", target: "organization", changes: true },
  "app.revokeSecret": { permission: "manageAdmins", target: "organization", changes: true },
  "app.delete": { permission: "manageAdmins", target: "organization", changes: true },
  "group.list": { permission: "read", target: "group", changes: false },
  "group.read": { permission: "read", target: "group", changes: false },
  "group.provision": { permission: "manageUsers", target: "group", changes: true },
  "webhook.manage": { permission: "manageAdmins", target: "webhook", changes: true },
} as const satisfies Record<string, OperationSpec>;

export type Operation = keyof typeof OPERATIONS;
export type Mutation = { [K in Operation]: (typeof OPERATIONS)[K]["changes"] extends true ? K : never }[Operation];

/**
 * Audit actions that are not an admin's operation on data: the sign-in flow (with the roles an
 * identity provider grants, server/auth/oidc.ts), the seed, the
 * operator's invariant repair (npm run db:check -- --repair), and the scheduler's automatic
 * renewal of subscriptions (server/data/renewals.ts).
 */
export const SYSTEM_EVENTS = [
  "signIn",
  "signIn.syncRoles",
  "signOut",
  "organization.seed",
  "organization.repair",
  "subscription.renew",
] as const;
export type AuditAction = Operation | (typeof SYSTEM_EVENTS)[number];

export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[];
export const MUTATIONS = OPERATION_NAMES.filter((name): name is Mutation => OPERATIONS[name].changes);

export function isOperation(value: string): value is Operation {
  return Object.hasOwn(OPERATIONS, value);
}

/** Whether roles allow an operation at all (before any target is known). */
export function allows(roles: readonly Role[], operation: Operation): boolean {
  const { permission } = OPERATIONS[operation];
  return permission === "self" ? roles.length > 0 : can(roles, permission);
}

/** Whether roles allow an operation on a user holding `targetRoles` (admins are protected). */
export function allowsOn(roles: readonly Role[], operation: Operation, targetRoles: readonly Role[]): boolean {
  if (!allows(roles, operation)) return false;
  const spec: OperationSpec = OPERATIONS[operation];
  return targetRoles.length === 0 || !spec.adminTargets || can(roles, spec.adminTargets);
}
