/**
 * The operations table against the roles of Microsoft 365 (../shared/DOMAIN.md, restated here as
 * the spec): who may do each operation. A new operation without its row here fails to compile.
 */
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import { allows, allowsOn, MUTATIONS, OPERATION_NAMES, OPERATIONS, type Operation } from "@/server/auth/operations";

const EVERYONE: Role[] = [...ROLES];
const BUY: Role[] = ["GlobalAdmin", "BillingAdmin"];
const ASSIGN: Role[] = ["GlobalAdmin", "LicenseAdmin", "UserAdmin"];
const USERS: Role[] = ["GlobalAdmin", "UserAdmin"];

const WHO_MAY: Record<Operation, Role[]> = {
  "product.list": EVERYONE,
  "product.read": EVERYONE,
  "product.export": EVERYONE,
  "subscription.read": EVERYONE,
  "user.list": EVERYONE,
  "user.read": EVERYONE,
  "user.export": EVERYONE,
  "audit.list": EVERYONE,
  "audit.read": EVERYONE,
  "organization.check": EVERYONE,
  "help.read": EVERYONE,
  "webhook.read": ["GlobalAdmin"],
  "license.assign": ASSIGN,
  "license.remove": ASSIGN,
  "license.removeInView": ASSIGN,
  "license.reclaimInactive": ASSIGN,
  "product.setLowLicenseAlert": BUY,
  "license.replace": ASSIGN,
  "license.undoRemove": ASSIGN,
  "license.purchase": BUY,
  "subscription.reduce": BUY,
  "subscription.reactivate": BUY,
  "subscription.setAutoRenew": BUY,
  "user.create": USERS,
  "user.import": USERS,
  "user.delete": USERS,
  "user.restore": USERS,
  "user.update": USERS,
  "user.setSignIn": USERS,
  "user.setRoles": ["GlobalAdmin"],
  "user.setLocale": EVERYONE,
  "session.revokeAll": EVERYONE,
  "user.setAlerts": EVERYONE,
  "user.setCalendar": EVERYONE,
  "webhook.manage": ["GlobalAdmin"],
  "scimToken.list": ["GlobalAdmin"],
  "scimToken.create": ["GlobalAdmin"],
  "scimToken.revoke": ["GlobalAdmin"],
  "app.list": ["GlobalAdmin"],
  "app.create": ["GlobalAdmin"],
  "app.addSecret": ["GlobalAdmin"],
  "app.revokeSecret": ["GlobalAdmin"],
  "app.delete": ["GlobalAdmin"],
  "group.list": EVERYONE,
  "group.read": EVERYONE,
  "group.provision": USERS,
};

const cases = OPERATION_NAMES.flatMap((operation) => ROLES.map((role) => [operation, role, WHO_MAY[operation].includes(role)] as const));

describe("every operation × every role", () => {
  it("the spec has a row for every operation of the table", () => {
    expect(Object.keys(WHO_MAY).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it.each(cases)("%s as %s: %s", (operation, role, allowed) => {
    expect(allows([role], operation)).toBe(allowed);
  });

  it.each(OPERATION_NAMES)("%s: nobody without a role", (operation) => {
    expect(allows([], operation)).toBe(false);
  });

  it("roles combine", () => {
    expect(allows(["BillingAdmin", "LicenseAdmin"], "license.purchase")).toBe(true);
    expect(allows(["BillingAdmin", "LicenseAdmin"], "license.assign")).toBe(true);
    expect(allows(["BillingAdmin", "LicenseAdmin"], "user.delete")).toBe(false);
    expect(allows(["GlobalReader", "UserAdmin"], "user.delete")).toBe(true);
  });

  it("mutations are exactly the operations that change data", () => {
    expect(MUTATIONS.every((m) => OPERATIONS[m].changes)).toBe(true);
    expect(
      OPERATION_NAMES.filter((o) => !OPERATIONS[o].changes).every(
        (o) => o.endsWith(".list") || o.endsWith(".read") || o.endsWith(".export") || o.endsWith(".check"),
      ),
    ).toBe(true);
  });
});

describe("acting on another admin", () => {
  it.each<[Role[], Operation, Role[], boolean]>([
    [["GlobalAdmin"], "user.delete", [], true],
    [["GlobalAdmin"], "user.delete", ["GlobalAdmin"], true],
    [["UserAdmin"], "user.delete", [], true],
    [["UserAdmin"], "user.delete", ["GlobalReader"], false],
    [["UserAdmin"], "user.restore", ["UserAdmin"], false],
    [["UserAdmin"], "user.delete", ["LicenseAdmin"], false],
    // Assigning licenses to an admin is not managing the admin.
    [["UserAdmin"], "license.assign", ["GlobalAdmin"], true],
    [["LicenseAdmin"], "user.delete", [], false],
    // Editing follows delete: User admins edit users, not admins.
    [["UserAdmin"], "user.update", [], true],
    [["UserAdmin"], "user.update", ["BillingAdmin"], false],
    [["GlobalAdmin"], "user.update", ["GlobalAdmin"], true],
  ])("%j doing %s on a user with roles %j → %s", (roles, operation, targetRoles, allowed) => {
    expect(allowsOn(roles, operation, targetRoles)).toBe(allowed);
  });
});
