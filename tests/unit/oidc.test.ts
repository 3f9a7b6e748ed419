/** Single sign-on's own decisions (server/auth/oidc.ts) and its configuration (lib/env.ts). */
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { identityOf, mappedRoles } from "@/server/auth/oidc";

const SSO = {
  OIDC_ISSUER: "https://login.contoso.example/tenant/v2.0",
  OIDC_CLIENT_ID: "license-center",
  OIDC_CLIENT_SECRET: "secret",
  NEXTAUTH_URL: "https://licenses.contoso.example",
};

function failure(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted an invalid environment");
}

describe("OIDC configuration", () => {
  it("parses a role map of claim values to roles; password sign-in stays on by default", () => {
    const env = parseEnv({ ...SSO, OIDC_ROLES_CLAIM: "groups", OIDC_ROLE_MAP: "lc-global = GlobalAdmin, 3f2c-9a=BillingAdmin," });
    expect(env.OIDC_ROLE_MAP).toEqual({ "lc-global": "GlobalAdmin", "3f2c-9a": "BillingAdmin" });
    expect(env.PASSWORD_SIGN_IN).toBe("on");
  });

  it.each([
    [
      "an issuer without its client",
      { OIDC_ISSUER: SSO.OIDC_ISSUER, NEXTAUTH_URL: SSO.NEXTAUTH_URL },
      "OIDC_CLIENT_ID: is required with OIDC_ISSUER",
    ],
    ["an issuer without the app's URL", { ...SSO, NEXTAUTH_URL: undefined }, "NEXTAUTH_URL: is required with OIDC_ISSUER"],
    ["a client without an issuer", { OIDC_CLIENT_ID: "x" }, "OIDC_CLIENT_ID: needs OIDC_ISSUER"],
    [
      "an unknown role",
      { ...SSO, OIDC_ROLES_CLAIM: "roles", OIDC_ROLE_MAP: "admins=SuperAdmin" },
      "OIDC_ROLE_MAP: must be claim values and roles",
    ],
    ["a pair without a role", { ...SSO, OIDC_ROLES_CLAIM: "roles", OIDC_ROLE_MAP: "admins" }, '"admins" is not'],
    ["a role map without its claim", { ...SSO, OIDC_ROLE_MAP: "a=GlobalAdmin" }, "OIDC_ROLES_CLAIM: is required with OIDC_ROLE_MAP"],
    ["a claim without a role map", { ...SSO, OIDC_ROLES_CLAIM: "roles" }, "OIDC_ROLE_MAP: is required with OIDC_ROLES_CLAIM"],
    ["password sign-in off without single sign-on", { PASSWORD_SIGN_IN: "off" }, "PASSWORD_SIGN_IN: can only be off with single sign-on"],
    ["a non-http issuer", { ...SSO, OIDC_ISSUER: "ftp://idp.example" }, "OIDC_ISSUER: must be an http:// or https:// URL"],
  ])("refuses %s", (_label, source, line) => {
    expect(failure(source)).toContain(line);
  });
});

describe("identityOf", () => {
  it("takes the UPN, then the preferred user name, then a verified email, lowercased", () => {
    expect(identityOf({ sub: "1", upn: "Ada@Contoso.example", email: "other@contoso.example" })).toBe("ada@contoso.example");
    expect(identityOf({ sub: "1", preferred_username: "Ben@Contoso.example" })).toBe("ben@contoso.example");
    expect(identityOf({ sub: "1", preferred_username: "ben", email: "ben@contoso.example" })).toBe("ben@contoso.example");
  });

  it("ignores an email the provider says is unverified, and names that aren't addresses", () => {
    expect(identityOf({ sub: "1", email: "eve@contoso.example", email_verified: false })).toBeNull();
    expect(identityOf({ sub: "1", preferred_username: "not an address" })).toBeNull();
  });
});

describe("mappedRoles", () => {
  const config = { OIDC_ROLES_CLAIM: "roles", OIDC_ROLE_MAP: { "lc-license": "LicenseAdmin", "lc-global": "GlobalAdmin" } as const };

  it("maps the claim's values (an array or a space-separated string), ignoring the rest", () => {
    expect(mappedRoles({ sub: "1", roles: ["lc-license", "lc-global", "other"] }, config)).toEqual(["GlobalAdmin", "LicenseAdmin"]);
    expect(mappedRoles({ sub: "1", roles: "lc-license other" }, config)).toEqual(["LicenseAdmin"]);
    expect(mappedRoles({ sub: "1", roles: ["other"] }, config)).toEqual([]);
    expect(mappedRoles({ sub: "1" }, config)).toEqual([]);
    expect(mappedRoles({ sub: "1", roles: [{ value: "lc-global" }] }, config)).toEqual([]);
  });

  it("is null without a role map: License Center's own roles count", () => {
    expect(mappedRoles({ sub: "1", roles: ["lc-global"] }, { OIDC_ROLES_CLAIM: undefined, OIDC_ROLE_MAP: undefined })).toBeNull();
  });
});
