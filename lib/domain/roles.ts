/** Admin roles and what each may do: the one table every action checks. */
export const ROLES = ["GlobalAdmin", "BillingAdmin", "LicenseAdmin", "UserAdmin", "GlobalReader"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ["read", "purchase", "assign", "manageUsers", "manageAdmins"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  GlobalAdmin: ["read", "purchase", "assign", "manageUsers", "manageAdmins"],
  BillingAdmin: ["read", "purchase"],
  LicenseAdmin: ["read", "assign"],
  // User admins add, delete and restore users, but not other admins.
  UserAdmin: ["read", "assign", "manageUsers"],
  GlobalReader: ["read"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

/** The most privileged role, for display in the header. */
export function primaryRole(roles: readonly Role[]): Role | null {
  return ROLES.find((role) => roles.includes(role)) ?? null;
}
