import { describe, expect, it } from "vitest";
import { auditEventHelpSlug, HELP_SLUGS } from "@/lib/help/articles";

describe("auditEventHelpSlug: the article beside an audit event", () => {
  it.each([
    [{ action: "signIn", actorName: "anonymous" }, "single-sign-on"],
    [{ action: "signIn", actorName: "megan@contoso.com" }, "single-sign-on"],
    [{ action: "signIn.syncRoles", actorName: "anonymous" }, "single-sign-on"],
    [{ action: "user.create", actorName: "scim:Entra ID" }, "provisioning"],
    [{ action: "group.provision", actorName: "scim:Okta" }, "provisioning"],
    [{ action: "scimToken.create", actorName: "admin@contoso.com" }, "provisioning"],
    [{ action: "scimToken.revoke", actorName: "admin@contoso.com" }, "provisioning"],
    [{ action: "user.create", actorName: "admin@contoso.com" }, "admin-roles"],
    [{ action: "license.assign", actorName: "admin@contoso.com" }, "admin-roles"],
  ] as const)("%o → %s", (event, slug) => {
    expect(auditEventHelpSlug(event)).toBe(slug);
  });

  it("only ever names a registered article", () => {
    for (const action of ["signIn", "scimToken.list", "user.delete", "organization.seed"])
      for (const actorName of ["anonymous", "scim:x", "a@b.c"]) expect(HELP_SLUGS).toContain(auditEventHelpSlug({ action, actorName }));
  });
});
