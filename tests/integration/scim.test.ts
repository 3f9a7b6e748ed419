/**
 * SCIM 2.0 provisioning (issue 15), through the route handlers themselves (app/scim/v2), as an
 * identity provider calls them: the request sequence Microsoft documents for testing an app's
 * SCIM endpoint with Entra ID, RFC 7644's examples, the errors, and 1,000 users provisioned by
 * 10 clients at once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as groupRoute from "@/app/scim/v2/Groups/[id]/route";
import * as groupsRoute from "@/app/scim/v2/Groups/route";
import * as resourceTypesRoute from "@/app/scim/v2/ResourceTypes/route";
import * as schemasRoute from "@/app/scim/v2/Schemas/route";
import * as configRoute from "@/app/scim/v2/ServiceProviderConfig/route";
import * as userRoute from "@/app/scim/v2/Users/[id]/route";
import * as usersRoute from "@/app/scim/v2/Users/route";
import { transaction } from "@/server/db";
import { insertScimToken } from "@/server/scim/tokens";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, freshOrg, snapshot, type Org } from "../support/org";

const BASE = "http://localhost:3000/scim/v2";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let org: Org;
let token: string;
beforeEach(async () => {
  org = await freshOrg();
  token = (await transaction((tx) => insertScimToken(tx, null, "Entra ID"))).token;
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

type Json = Record<string, unknown> & { Resources?: Record<string, unknown>[] };

/** One SCIM call, routed as Next.js would route it. */
async function scim(method: string, path: string, body?: unknown, auth: string | null = `Bearer ${token}`) {
  const url = new URL(`${BASE}${path}`);
  const request = new Request(url, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), "content-type": "application/scim+json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const [, resource, id] = url.pathname.replace("/scim/v2", "").split("/");
  const params = { params: Promise.resolve({ id: id ?? "" }) };
  const handlers: Record<string, Record<string, (r: Request, p: typeof params) => Promise<Response>>> = {
    Users: id ? userRoute : usersRoute,
    Groups: id ? groupRoute : groupsRoute,
    ServiceProviderConfig: configRoute,
    Schemas: schemasRoute,
    ResourceTypes: resourceTypesRoute,
  } as never;
  const handler = handlers[resource!]?.[method];
  if (!handler) throw new Error(`no handler for ${method} ${path}`);
  const response = await handler(request, params);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Json };
}

/** The user Entra ID's provisioning test creates first (Microsoft's documented request). */
const entraUser = (userName: string, externalId: string) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
  externalId,
  userName,
  active: true,
  addresses: [{ primary: true, type: "work", country: "NL" }],
  displayName: "Test User",
  emails: [{ primary: true, type: "work", value: userName }],
  meta: { resourceType: "User" },
  name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
  roles: [],
  [ENTERPRISE]: { department: "Finance" },
});

describe("authentication and discovery", () => {
  it("refuses a missing, unknown or revoked token with 401, changing nothing", async () => {
    const before = await snapshot(org.prisma);
    for (const auth of [null, "Bearer nope", "Basic dXNlcjpwYXNz", `Bearer ${token}x`]) {
      const response = await scim("POST", "/Users", entraUser("eve@contoso.example", "eve"), auth);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(response.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    await org.prisma.scimToken.updateMany({ data: { revokedAt: new Date() } });
    expect((await scim("GET", "/Users")).status).toBe(401);
    expect(await snapshot(org.prisma)).toEqual(before);
  });

  it("describes itself: PATCH and filter supported, bulk and sort not, the User, enterprise and Group schemas", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.headers.get("content-type")).toContain("application/scim+json");
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
    });
    expect((await scim("GET", "/Schemas")).body.Resources!.map((r) => r.id)).toEqual([
      "urn:ietf:params:scim:schemas:core:2.0:User",
      ENTERPRISE,
      "urn:ietf:params:scim:schemas:core:2.0:Group",
    ]);
    expect((await scim("GET", "/ResourceTypes")).body.Resources!.map((r) => r.endpoint)).toEqual(["/Users", "/Groups"]);
    // The token's last use is kept (Settings › Provisioning shows it).
    expect((await org.prisma.scimToken.findFirstOrThrow()).lastUsedAt).not.toBeNull();
  });
});

describe("Entra ID's provisioning test sequence", () => {
  it("get by filter, create, get, filter again, a duplicate refused, PATCH, disable, delete", async () => {
    const userName = "Test_User_ab6490ee@contoso.example";
    expect((await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body).toMatchObject({
      totalResults: 0,
      Resources: [],
    });

    const audit = await auditIds(org.prisma);
    const created = await scim("POST", "/Users", entraUser(userName, "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get("location")).toContain(`/scim/v2/Users/${id}`);
    expect(created.body).toMatchObject({
      userName: userName.toLowerCase(),
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      displayName: "Test User",
      active: true,
      name: { givenName: "givenName", familyName: "familyName" },
      addresses: [{ type: "work", country: "NL" }],
      [ENTERPRISE]: { department: "Finance" },
      meta: { resourceType: "User" },
    });
    const row = await org.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ usageLocation: "NL", department: "Finance", givenName: "givenName", accountEnabled: true });
    expect((await auditSince(org.prisma, audit)).map((e) => [e.action, e.actorId, e.targetId])).toEqual([
      ["user.create", (await org.prisma.scimToken.findFirstOrThrow()).id, id],
    ]);
    expect((await org.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: id } })).actorName).toBe(
      "scim:Entra ID",
    );

    expect((await scim("GET", `/Users/${id}`)).body).toMatchObject({ id, userName: userName.toLowerCase() });
    const byName = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`);
    expect(byName.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    const byExternal = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent(`externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef" and userName eq "${userName}"`)}`,
    );
    expect(byExternal.body.Resources!.map((r) => r.id)).toEqual([id]);

    const duplicate = await scim("POST", "/Users", entraUser(userName, "another"));
    expect(duplicate).toMatchObject({ status: 409, body: { scimType: "uniqueness", status: "409" } });

    // Entra ID's PATCH: capitalized ops, a value-filter path, the extension's attribute by its URN.
    const patched = await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: "displayName", value: "Test User Renamed" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "ignored@contoso.example" },
        { op: "Replace", path: "name.familyName", value: "Okafor" },
        { op: "Replace", path: `${ENTERPRISE}:department`, value: "Sales" },
        { op: "Replace", path: 'addresses[type eq "work"].country', value: "DE" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: "Test User Renamed",
      name: { familyName: "Okafor" },
      [ENTERPRISE]: { department: "Sales" },
    });
    expect(await org.prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({
      usageLocation: "DE",
      department: "Sales",
      familyName: "Okafor",
    });

    // Disabled (Entra ID sends active as a boolean; some clients as "False"): sign-in blocked.
    await scim("PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id } })).accountEnabled).toBe(false);
    // Without a path, the value's attributes are replaced (RFC 7644 §3.5.2.3).
    await scim("PATCH", `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { active: true, externalId: "new-external" } }],
    });
    expect(await org.prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ accountEnabled: true, externalId: "new-external" });
    await scim("PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: "externalId" }] });
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id } })).externalId).toBeNull();

    // Deleted as in the app: soft, with its licenses freed, and gone from SCIM.
    const productId = await org.productId("exo");
    await org.prisma.licenseAssignment.create({ data: { userId: id, productId } });
    await org.prisma.product.update({ where: { id: productId }, data: { assignedCount: { increment: 1 } } });
    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(204);
    expect((await org.prisma.user.findUniqueOrThrow({ where: { id } })).deletedAt).not.toBeNull();
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: productId } })).assignedCount).toBe(3);
    expect((await scim("GET", `/Users/${id}`)).status).toBe(404);
    expect((await scim("DELETE", `/Users/${id}`)).status).toBe(404);
  });

  it("PUT replaces the user's attributes; pages with startIndex and count", async () => {
    const { body } = await scim("POST", "/Users", entraUser("put.me@contoso.example", "put-1"));
    const put = await scim("PUT", `/Users/${body.id as string}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "put.me@contoso.example",
      displayName: "Put Me",
      active: false,
    });
    expect(put.body).toMatchObject({ displayName: "Put Me", active: false, addresses: [] });
    expect(put.body.externalId).toBeUndefined();
    const all = await scim("GET", "/Users?count=0");
    const total = all.body.totalResults as number;
    expect(total).toBe(await org.prisma.user.count({ where: { deletedAt: null } }));
    const page = await scim("GET", `/Users?startIndex=${total - 1}&count=5`);
    expect(page.body).toMatchObject({ startIndex: total - 1, itemsPerPage: 2 });
  });
});

describe("refusals change nothing", () => {
  it("bad JSON, a bad user name or display name, an unsupported filter, an unknown id, an admin's account", async () => {
    const before = await snapshot(org.prisma);
    expect((await scim("POST", "/Users", "{not json")).body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect((await scim("POST", "/Users", entraUser("not an address", "x"))).body).toMatchObject({
      status: "400",
      scimType: "invalidValue",
    });
    expect((await scim("POST", "/Users", { ...entraUser("ok@contoso.example", "x"), displayName: "<script>" })).body.scimType).toBe(
      "invalidValue",
    );
    expect((await scim("GET", `/Users?filter=${encodeURIComponent('userName co "a"')}`)).body.scimType).toBe("invalidFilter");
    expect((await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "a')}`)).body.scimType).toBe("invalidFilter");
    expect((await scim("GET", "/Users?count=ten")).status).toBe(400);
    expect(
      (
        await scim("PATCH", "/Users/clnotauser000000000000", {
          schemas: [PATCH_OP],
          Operations: [{ op: "Replace", path: "displayName", value: "X" }],
        })
      ).status,
    ).toBe(404);
    expect((await scim("PATCH", "/Users/x", { Operations: [] })).body.scimType).toBe("invalidSyntax");
    // The token acts as a User admin: admins stay managed in License Center.
    const audit = await auditIds(org.prisma);
    const admin = org.actors.GlobalAdmin;
    const refused = await scim("PATCH", `/Users/${admin.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "active", value: false }],
    });
    expect(refused.status).toBe(403);
    expect((await scim("DELETE", `/Users/${admin.id}`)).status).toBe(403);
    expect(await snapshot(org.prisma)).toEqual(before);
    expect((await auditSince(org.prisma, audit)).map((e) => [e.action, e.result])).toEqual([
      ["user.update", "denied"],
      ["user.delete", "denied"],
    ]);
  });
});

describe("groups", () => {
  it("create with members, list without them, PATCH members in Entra ID's shapes, rename, delete", async () => {
    const adele = await org.userId("Adele Vance");
    const li = await org.userId("Li Na");
    const created = await scim("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Finance",
      members: [{ value: adele }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ displayName: "Finance", members: [{ value: adele, display: "Adele Vance" }] });
    const listed = await scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Finance"')}`);
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources![0]!.members).toBeUndefined();

    expect(
      (await scim("PATCH", `/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ value: li }] }] }))
        .status,
    ).toBe(204);
    const members = async () =>
      (await org.prisma.groupMember.findMany({ where: { groupId: id }, orderBy: { addedAt: "asc" } })).map((m) => m.userId);
    expect(await members()).toEqual([adele, li]);
    await scim("PATCH", `/Groups/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: `members[value eq "${adele}"]` }] });
    expect(await members()).toEqual([li]);
    await scim("PATCH", `/Groups/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "displayName", value: "Finance EMEA" }],
    });
    expect((await scim("GET", `/Groups/${id}`)).body).toMatchObject({ displayName: "Finance EMEA", members: [{ value: li }] });
    // An unknown member fails the request, and nothing of it is kept.
    const unknown = await scim("PATCH", `/Groups/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "Add", path: "members", value: [{ value: adele }, { value: "clnotauser000000000000" }] }],
    });
    expect(unknown.status).toBe(400);
    expect(await members()).toEqual([li]);
    expect((await scim("DELETE", `/Groups/${id}`)).status).toBe(204);
    expect((await scim("GET", `/Groups/${id}`)).status).toBe(404);
    expect(await org.prisma.groupMember.count({ where: { groupId: id } })).toBe(0);
    const audit = await org.prisma.auditEvent.findMany({ where: { action: "group.provision", targetId: id }, orderBy: { at: "asc" } });
    expect(audit).toHaveLength(5);
  });
});

describe("many clients at once", () => {
  it(
    "1,000 users provisioned by 10 clients concurrently: each once, none lost; the same user sent twice is created once",
    { timeout: 180_000 },
    async () => {
      const before = await org.prisma.user.count();
      const clients = Array.from({ length: 10 }, (_, c) =>
        (async () => {
          const statuses: number[] = [];
          for (let i = 0; i < 100; i++) {
            const n = c * 100 + i;
            statuses.push((await scim("POST", "/Users", entraUser(`bulk.${n}@contoso.example`, `bulk-${n}`))).status);
          }
          return statuses;
        })(),
      );
      const statuses = (await Promise.all(clients)).flat();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1_000);
      expect(await org.prisma.user.count()).toBe(before + 1_000);
      expect(await org.prisma.auditEvent.count({ where: { action: "user.create" } })).toBeGreaterThanOrEqual(1_000);

      const twice = await Promise.all(Array.from({ length: 5 }, () => scim("POST", "/Users", entraUser("twice@contoso.example", "twice"))));
      expect(twice.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await org.prisma.user.count({ where: { userPrincipalName: "twice@contoso.example" } })).toBe(1);
    },
  );
});
