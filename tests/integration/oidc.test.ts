/**
 * Single sign-on's decisions in the database (server/auth/oidc.ts), after next-auth has checked
 * the ID token: whom it admits, which roles it writes, which sessions end. The whole flow through
 * a real OpenID provider is e2e/sso.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// Read by env() on its first use, in this test process only.
Object.assign(process.env, {
  OIDC_ISSUER: "https://login.contoso.example",
  OIDC_CLIENT_ID: "license-center",
  OIDC_CLIENT_SECRET: "secret",
  NEXTAUTH_URL: "https://licenses.contoso.example",
  OIDC_ROLES_CLAIM: "roles",
  OIDC_ROLE_MAP: "lc-global=GlobalAdmin,lc-billing=BillingAdmin,lc-license=LicenseAdmin",
});

const { admitOidcUser } = await import("@/server/auth/oidc");
const { isSessionLive, startSession } = await import("@/server/auth/sessions");
const { transaction } = await import("@/server/db");
const { assertInvariants } = await import("../support/invariants");
const { auditIds, auditSince, freshOrg } = await import("../support/org");
type Org = Awaited<ReturnType<typeof freshOrg>>;

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const claims = (upn: string, roles: string[]) => ({ sub: upn, preferred_username: upn, roles });
const rolesOf = async (userId: string) =>
  (await org.prisma.adminRole.findMany({ where: { userId }, orderBy: { role: "asc" } })).map((r) => r.role);

describe("admitOidcUser with a role map", () => {
  it("writes the token's roles; a changed role ends the user's other sessions; the same roles change nothing", async () => {
    const billing = org.actors.BillingAdmin;
    const earlier = await transaction(async (tx) =>
      startSession(tx, await tx.user.findUniqueOrThrow({ where: { id: billing.id }, select: { id: true, securityVersion: true } }), "test"),
    );
    expect(await isSessionLive(earlier, billing.id)).toBe(true);

    const audit = await auditIds(org.prisma);
    const admitted = await admitOidcUser(claims(billing.userPrincipalName.toUpperCase(), ["lc-license", "lc-billing", "other"]), "test");
    expect(admitted).toMatchObject({ id: billing.id, email: billing.userPrincipalName });
    expect(await rolesOf(billing.id)).toEqual(["BillingAdmin", "LicenseAdmin"]);
    // A role was added: the session from before ends; the new one is live.
    expect(await isSessionLive(earlier, billing.id)).toBe(false);
    const sid = (admitted as { sid: string }).sid;
    expect(await isSessionLive(sid, billing.id)).toBe(true);
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, e.result, e.actorId])).toEqual([
      ["signIn.syncRoles", "success", null],
      ["signIn", "success", billing.id],
    ]);
    expect(JSON.parse(events[0]!.after!)).toEqual({ roles: ["BillingAdmin", "LicenseAdmin"] });

    // Signing in again with the same roles writes none, and the first SSO session stays live.
    const again = await admitOidcUser(claims(billing.userPrincipalName, ["lc-billing", "lc-license"]), "test");
    expect(typeof again).toBe("object");
    expect(await isSessionLive(sid, billing.id)).toBe(true);

    // The provider takes every mapped role away: refused, the roles gone, every session over.
    expect(await admitOidcUser(claims(billing.userPrincipalName, ["other"]), "test")).toBe("SsoNotAdmin");
    expect(await rolesOf(billing.id)).toEqual([]);
    expect(await isSessionLive(sid, billing.id)).toBe(false);
  });

  it("never takes the last Global admin's role; refuses missing, deleted, blocked users and a token without an identity", async () => {
    const global = org.actors.GlobalAdmin;
    expect(await org.prisma.adminRole.count({ where: { role: "GlobalAdmin" } })).toBe(1);
    expect(await admitOidcUser(claims(global.userPrincipalName, ["lc-license"]), "test")).toMatchObject({ id: global.id });
    expect(await rolesOf(global.id)).toEqual(["GlobalAdmin", "LicenseAdmin"]);
    const kept = await org.prisma.auditEvent.findFirstOrThrow({ where: { action: "signIn.syncRoles", targetId: global.id } });
    expect(kept.detail).toContain("kept Global admin");

    expect(await admitOidcUser(claims("nobody@contoso.example", ["lc-global"]), "test")).toBe("SsoNoAccount");
    const reader = org.actors.GlobalReader;
    await org.prisma.user.update({ where: { id: reader.id }, data: { accountEnabled: false } });
    expect(await admitOidcUser(claims(reader.userPrincipalName, ["lc-global"]), "test")).toBe("SsoBlocked");
    expect(await rolesOf(reader.id)).toEqual(["GlobalReader"]);
    const user = org.actors.UserAdmin;
    await org.prisma.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    expect(await admitOidcUser(claims(user.userPrincipalName, ["lc-global"]), "test")).toBe("SsoNoAccount");
    expect(await admitOidcUser({ sub: "x", email: "x@contoso.example", email_verified: false }, "test")).toBe("SsoNoIdentity");
    const failed = await org.prisma.auditEvent.findMany({ where: { action: "signIn", result: "failed" }, select: { detail: true } });
    expect(failed.map((e) => e.detail!.match(/single sign-on: (\w+)/)?.[1]).sort()).toEqual([
      "SsoBlocked",
      "SsoNoAccount",
      "SsoNoAccount",
      "SsoNoIdentity",
    ]);
  });
});
