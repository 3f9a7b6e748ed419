import { describe, expect, it } from "vitest";
import { can, isRole, PERMISSIONS, primaryRole, ROLES, type Permission, type Role } from "@/lib/domain/roles";

// The table: buy/reduce → purchase; assign/remove → assign; add/delete/restore users →
// manageUsers (admins too → manageAdmins); read every page → read.
const TABLE: Record<Role, Record<Permission, boolean>> = {
  GlobalAdmin: { read: true, purchase: true, assign: true, manageUsers: true, manageAdmins: true },
  BillingAdmin: { read: true, purchase: true, assign: false, manageUsers: false, manageAdmins: false },
  LicenseAdmin: { read: true, purchase: false, assign: true, manageUsers: false, manageAdmins: false },
  UserAdmin: { read: true, purchase: false, assign: true, manageUsers: true, manageAdmins: false },
  GlobalReader: { read: true, purchase: false, assign: false, manageUsers: false, manageAdmins: false },
};

const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission, TABLE[role][permission]] as const));

describe("can: every role × permission", () => {
  it("covers all 5 roles and 5 permissions", () => {
    expect(cases).toHaveLength(25);
  });

  it.each(cases)("%s may %s: %s", (role, permission, allowed) => {
    expect(can([role], permission)).toBe(allowed);
  });

  it.each(PERMISSIONS)("no roles may not %s", (permission) => {
    expect(can([], permission)).toBe(false);
  });

  it.each<[Role[], Permission, boolean]>([
    [["BillingAdmin", "LicenseAdmin"], "purchase", true],
    [["BillingAdmin", "LicenseAdmin"], "assign", true],
    [["BillingAdmin", "LicenseAdmin"], "manageUsers", false],
    [["GlobalReader", "UserAdmin"], "manageUsers", true],
    [["GlobalReader", "UserAdmin"], "manageAdmins", false],
  ])("roles combine: %j may %s: %s", (roles, permission, allowed) => {
    expect(can(roles, permission)).toBe(allowed);
  });
});

describe("isRole / primaryRole", () => {
  it.each([
    ["GlobalAdmin", true],
    ["GlobalReader", true],
    ["globaladmin", false],
    ["Owner", false],
    ["", false],
  ])("isRole(%j) → %s", (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });

  it.each<[Role[], Role | null]>([
    [["GlobalReader", "GlobalAdmin"], "GlobalAdmin"],
    [["UserAdmin", "BillingAdmin"], "BillingAdmin"],
    [["GlobalReader"], "GlobalReader"],
    [[], null],
  ])("primaryRole(%j) → %s", (roles, expected) => {
    expect(primaryRole(roles)).toBe(expected);
  });
});
