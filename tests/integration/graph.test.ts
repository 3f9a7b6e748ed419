/**
 * The Graph API (issue 16) driven by Microsoft's own client (@microsoft/microsoft-graph-client)
 * over HTTPS (tests/support/graph-server.ts), with tokens from the token endpoint: SKUs against
 * the Licenses page's numbers, 5,000 users paged by its PageIterator, license changes and their
 * errors read as GraphErrors, $batch, a 429 retried by its RetryHandler, the role × endpoint
 * matrix, the token endpoint's errors, and a revoked secret or removed role taking effect at once.
 */
import { GraphError, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import type { LicenseDetails, SubscribedSku, User } from "@microsoft/microsoft-graph-types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/domain/roles";
import { allows, type Operation } from "@/server/auth/operations";
import { apiLimiter } from "@/server/auth/rate-limit";
import { findProductSummaries } from "@/server/data/licenses";
import { transaction } from "@/server/db";
import { insertApp, revokeAppSecret } from "@/server/graph/apps";
import { getToken, startGraphServer, type GraphServer } from "../support/graph-server";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, freshOrg, snapshot, type Org } from "../support/org";

const E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";

let server: GraphServer;
let org: Org;
beforeAll(async () => {
  server = await startGraphServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

async function appWith(roles: Role[], name = `App ${roles.join("+")}`) {
  const app = await transaction((tx) => insertApp(tx, null, { name, roles, secretDays: 180 }));
  return { ...app, token: await getToken(server, app.clientId, app.clientSecret) };
}

async function graphError(call: Promise<unknown>): Promise<GraphError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

/** A product of the test's own with `licenses` Active licenses, and users with a usage location. */
async function ownProduct(licenses: number) {
  const product = await org.prisma.product.create({
    data: {
      displayName: "Graph Test Plan",
      skuPartNumber: "GRAPH_TEST",
      servicePlans: "PLAN_A,PLAN_B",
      subscriptions: {
        create: { quantity: licenses, startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000) },
      },
    },
    select: { id: true, skuId: true },
  });
  return { id: product.id, skuId: product.skuId! };
}

/** A seeded product with licenses free, by its skuId and id. */
async function freeSku(): Promise<{ skuId: string; id: string }> {
  const overview = await findProductSummaries(org.actors.GlobalReader, { q: "", page: 1, sort: "name", dir: "asc" });
  const row = overview.page.rows.find((r) => r.summary.available >= 2)!;
  const product = await org.prisma.product.findUniqueOrThrow({ where: { id: row.id }, select: { skuId: true } });
  return { skuId: product.skuId!, id: row.id };
}

async function ownUser(upn: string, usageLocation: string | null = "NL") {
  return org.prisma.user.create({ data: { displayName: upn.split("@")[0]!, userPrincipalName: upn, usageLocation }, select: { id: true } });
}

describe("subscribedSkus", () => {
  it("lists every product with Microsoft's skuId and the Licenses page's numbers", async () => {
    const { token } = await appWith(["GlobalReader"]);
    const response = (await server.client(token).api("/subscribedSkus").get()) as { value: SubscribedSku[] };
    const overview = await findProductSummaries(org.actors.GlobalReader, { q: "", page: 1, sort: "name", dir: "asc" });
    expect(response.value).toHaveLength(overview.page.rows.length);
    for (const row of overview.page.rows) {
      const sku = response.value.find((s) => s.skuPartNumber === row.skuPartNumber)!;
      expect(sku).toMatchObject({
        appliesTo: "User",
        consumedUnits: row.summary.assigned,
        prepaidUnits: { enabled: row.summary.valid, warning: row.summary.expired, suspended: row.summary.disabled, lockedOut: 0 },
      });
      expect(sku.servicePlans!.length).toBeGreaterThan(0);
    }
    expect(response.value.find((s) => s.skuPartNumber === "ENTERPRISEPACK")?.skuId).toBe(E3);
    expect(response.value.find((s) => s.skuPartNumber === "SPE_E5")?.skuId).toBe("06ebc4ee-1bb5-47dd-8120-11324bc54e06");
  });
});

describe("users", () => {
  it("pages through 5,000 more users with the client's PageIterator: each once, in display name order", async () => {
    await org.prisma.user.createMany({
      data: Array.from({ length: 5_000 }, (_, i) => ({
        displayName: `Paged ${String(i).padStart(4, "0")}`,
        userPrincipalName: `paged.${i}@contoso.example`,
      })),
    });
    const expected = await org.prisma.user.count({ where: { deletedAt: null } });
    const { token } = await appWith(["GlobalReader"]);
    const client = server.client(token);
    const first = (await client.api("/users").select("id,displayName").top(999).orderby("displayName").get()) as PageCollection;
    const seen: User[] = [];
    await new PageIterator(client, first, (user: User) => {
      seen.push(user);
      return true;
    }).iterate();
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((u) => u.id)).size).toBe(expected);
    const names = seen.map((u) => u.displayName!);
    const paged = names.filter((n) => n.startsWith("Paged "));
    expect(paged).toEqual([...paged].sort());
    expect(Object.keys(seen[0]!).sort()).toEqual(["displayName", "id"]);
  });

  it("filters, counts with ConsistencyLevel: eventual, and finds a user by userPrincipalName", async () => {
    const { token } = await appWith(["GlobalReader"]);
    const client = server.client(token);
    const holders = await org.prisma.licenseAssignment.count({ where: { product: { skuId: E3 }, user: { deletedAt: null } } });
    const filtered = (await client
      .api("/users")
      .filter(`assignedLicenses/any(x:x/skuId eq ${E3})`)
      .header("ConsistencyLevel", "eventual")
      .count(true)
      .top(999)
      .get()) as { value: User[]; "@odata.count": number };
    expect(filtered["@odata.count"]).toBe(holders);
    expect(filtered.value).toHaveLength(holders);
    const adele = (await client.api("/users").filter("startswith(displayName,'adele') and accountEnabled eq true").get()) as {
      value: User[];
    };
    expect(adele.value.map((u) => u.displayName)).toEqual(["Adele Vance"]);
    const byUpn = (await client
      .api(`/users/${adele.value[0]!.userPrincipalName}`)
      .select("id,usageLocation,assignedLicenses")
      .get()) as User;
    expect(byUpn.id).toBe(await org.userId("Adele Vance"));
    const countless = await graphError(client.api("/users").count(true).get());
    expect(countless.statusCode).toBe(400);
    const bad = await graphError(client.api("/users").filter("city eq 'Delft'").get());
    expect([bad.statusCode, bad.code]).toEqual([400, "Request_UnsupportedQuery"]);
  });

  it("creates, changes, deletes and restores a user, each audited with the app as actor", async () => {
    const app = await appWith(["UserAdmin"], "Onboarding");
    const client = server.client(app.token);
    const audit = await auditIds(org.prisma);
    const created = (await client.api("/users").post({
      accountEnabled: true,
      displayName: "Graph Newcomer",
      mailNickname: "newcomer",
      userPrincipalName: "Graph.Newcomer@contoso.example",
      passwordProfile: { forceChangePasswordNextSignIn: true, password: "x" },
    })) as User;
    expect(created.userPrincipalName).toBe("graph.newcomer@contoso.example");
    await client.api(`/users/${created.id}`).patch({ usageLocation: "DE", displayName: "Graph N." });
    expect(
      await org.prisma.user.findUniqueOrThrow({ where: { id: created.id! }, select: { usageLocation: true, displayName: true } }),
    ).toEqual({
      usageLocation: "DE",
      displayName: "Graph N.",
    });
    await client.api(`/users/${created.id}`).delete();
    const deleted = (await client.api("/directory/deletedItems/microsoft.graph.user").get()) as { value: User[] };
    expect(deleted.value.map((u) => u.id)).toContain(created.id);
    await graphError(client.api(`/users/${created.id}`).get()).then((e) => expect(e.statusCode).toBe(404));
    const restored = (await client.api(`/directory/deletedItems/${created.id}/restore`).post({})) as User;
    expect(restored.id).toBe(created.id);
    const events = await auditSince(org.prisma, audit);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["user.create", app.id],
      ["user.update", app.id],
      ["user.delete", app.id],
      ["user.restore", app.id],
    ]);
  });
});

describe("assignLicense", () => {
  it("adds and removes licenses all or nothing, never over-assigning, with Graph's errors", async () => {
    const { token } = await appWith(["LicenseAdmin"]);
    const client = server.client(token);
    const product = await ownProduct(1);
    const first = await ownUser("first@contoso.example");
    const second = await ownUser("second@contoso.example");
    const nowhere = await ownUser("nowhere@contoso.example", null);

    const user = (await client
      .api(`/users/${first.id}/assignLicense`)
      .post({ addLicenses: [{ skuId: product.skuId, disabledPlans: [] }], removeLicenses: [] })) as User;
    expect(user.id).toBe(first.id);
    const detail = (await client.api(`/users/${first.id}/licenseDetails`).get()) as { value: LicenseDetails[] };
    expect(detail.value.map((d) => [d.skuId, d.skuPartNumber, d.servicePlans!.map((p) => p.servicePlanName)])).toEqual([
      [product.skuId, "GRAPH_TEST", ["PLAN_A", "PLAN_B"]],
    ]);

    // The last license is taken: the second user gets Graph's error, and nothing, not even the free license asked for with it.
    const free = await freeSku();
    const freeBefore = await org.prisma.product.findUniqueOrThrow({ where: { id: free.id }, select: { assignedCount: true } });
    const full = await graphError(
      client
        .api(`/users/${second.id}/assignLicense`)
        .post({ addLicenses: [{ skuId: free.skuId }, { skuId: product.skuId }], removeLicenses: [] }),
    );
    expect([full.statusCode, full.code, full.message]).toEqual([
      400,
      "Request_BadRequest",
      `Subscription with SKU ${product.skuId} does not have any available licenses.`,
    ]);
    expect(await org.prisma.licenseAssignment.count({ where: { userId: second.id } })).toBe(0);
    expect(await org.prisma.product.findUniqueOrThrow({ where: { id: free.id }, select: { assignedCount: true } })).toEqual(freeBefore);
    expect((await org.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).assignedCount).toBe(1);

    const located = await graphError(
      client.api(`/users/${nowhere.id}/assignLicense`).post({ addLicenses: [{ skuId: E3 }], removeLicenses: [] }),
    );
    expect(located.message).toBe("License assignment cannot be done for user with invalid usage location.");
    const unknown = await graphError(
      client
        .api(`/users/${second.id}/assignLicense`)
        .post({ addLicenses: [{ skuId: "00000000-0000-4000-8000-000000000000" }], removeLicenses: [] }),
    );
    expect([unknown.statusCode, unknown.message]).toEqual([
      400,
      "License 00000000-0000-4000-8000-000000000000 does not correspond to a valid company License.",
    ]);

    // Swap in one call: the freed license goes to the second user.
    await client.api(`/users/${first.id}/assignLicense`).post({ addLicenses: [], removeLicenses: [product.skuId] });
    const swapped = (await client
      .api(`/users/${second.id}/assignLicense`)
      .post({ addLicenses: [{ skuId: product.skuId }], removeLicenses: [] })) as User;
    expect(swapped.assignedLicenses).toBeUndefined();
    const holders = await org.prisma.licenseAssignment.findMany({ where: { productId: product.id }, select: { userId: true } });
    expect(holders).toEqual([{ userId: second.id }]);
  });
});

describe("$batch", () => {
  it("runs requests in dependsOn order and answers 424 for one whose dependency failed", async () => {
    const { token } = await appWith(["UserAdmin"]);
    const upn = "batched@contoso.example";
    const free = await freeSku();
    const result = (await server
      .client(token)
      .api("/$batch")
      .post({
        requests: [
          { id: "3", method: "GET", url: `/users/${upn}/licenseDetails`, dependsOn: ["2"] },
          {
            id: "1",
            method: "POST",
            url: "/users",
            headers: { "content-type": "application/json" },
            body: { displayName: "Batched", userPrincipalName: upn, usageLocation: "NL", accountEnabled: true },
          },
          {
            id: "2",
            method: "POST",
            url: `/users/${upn}/assignLicense`,
            dependsOn: ["1"],
            headers: { "content-type": "application/json" },
            body: { addLicenses: [{ skuId: free.skuId }], removeLicenses: [] },
          },
          { id: "4", method: "DELETE", url: "/users/nobody@contoso.example" },
          { id: "5", method: "GET", url: "/users/nobody@contoso.example", dependsOn: ["4"] },
        ],
      })) as { responses: { id: string; status: number; body?: { value?: LicenseDetails[] } }[] };
    const byId = Object.fromEntries(result.responses.map((r) => [r.id, r]));
    expect([byId["1"]!.status, byId["2"]!.status, byId["3"]!.status, byId["4"]!.status, byId["5"]!.status]).toEqual([
      201, 200, 200, 404, 424,
    ]);
    expect(byId["3"]!.body!.value!.map((d) => d.skuId)).toEqual([free.skuId]);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After, and the client's RetryHandler waits and retries", async () => {
    const app = await appWith(["GlobalReader"]);
    await apiLimiter().block(app.id, 1);
    const before = server.statuses.length;
    const response = (await server.client(app.token).api("/subscribedSkus").get()) as { value: unknown[] };
    expect(response.value.length).toBeGreaterThan(0);
    expect(server.statuses.slice(before)).toEqual([429, 200]);
  });
});

/** Each endpoint with the operation that authorizes it and a request the operation alone can refuse. */
const MATRIX: [string, Operation, (ids: { userId: string; deletedId: string }) => { method: string; path: string; body?: unknown }][] = [
  [
    "POST /users",
    "user.create",
    () => ({ method: "POST", path: "/users", body: { displayName: "Forged", userPrincipalName: "forged@contoso.example" } }),
  ],
  ["PATCH /users/{id}", "user.update", ({ userId }) => ({ method: "PATCH", path: `/users/${userId}`, body: { displayName: "Forged" } })],
  ["DELETE /users/{id}", "user.delete", ({ userId }) => ({ method: "DELETE", path: `/users/${userId}` })],
  [
    "assignLicense",
    "license.assign",
    ({ userId }) => ({
      method: "POST",
      path: `/users/${userId}/assignLicense`,
      body: { addLicenses: [{ skuId: E3 }], removeLicenses: [] },
    }),
  ],
  ["restore", "user.restore", ({ deletedId }) => ({ method: "POST", path: `/directory/deletedItems/${deletedId}/restore`, body: {} })],
  ["GET /users", "user.list", () => ({ method: "GET", path: "/users" })],
  ["GET /subscribedSkus", "product.list", () => ({ method: "GET", path: "/subscribedSkus" })],
];

describe("role × endpoint", () => {
  it("refuses every endpoint a role's operations deny with 403 in Graph's shape, changing nothing", async () => {
    const userId = (await ownUser("target@contoso.example")).id;
    const deletedId = (
      await org.prisma.user.create({
        data: { displayName: "Gone", userPrincipalName: "gone@contoso.example", deletedAt: new Date() },
        select: { id: true },
      })
    ).id;
    let denied = 0;
    for (const role of ROLES) {
      const { token } = await appWith([role]);
      const client = server.client(token);
      for (const [name, operation, request] of MATRIX) {
        if (allows([role], operation)) continue;
        const before = await snapshot(org.prisma);
        const { method, path, body } = request({ userId, deletedId });
        const api = client.api(path);
        const error = await graphError(
          method === "GET" ? api.get() : method === "DELETE" ? api.delete() : method === "PATCH" ? api.patch(body) : api.post(body),
        );
        expect([name, role, error.statusCode, error.code]).toEqual([name, role, 403, "Authorization_RequestDenied"]);
        expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(await snapshot(org.prisma)).toEqual(before);
        denied++;
      }
    }
    // Billing admins and Global readers may not change users or licenses; License admins may not create users.
    expect(denied).toBeGreaterThanOrEqual(12);
  });
});

describe("tokens", () => {
  async function tokenCall(body: Record<string, string>, contentType = "application/x-www-form-urlencoded") {
    const response = await server.fetch(`${server.origin}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": contentType },
      body: new URLSearchParams(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("answers with a bearer token, and Entra's errors for a bad secret, client or grant", async () => {
    const app = await transaction((tx) => insertApp(tx, null, { name: "Tokens", roles: ["GlobalReader"], secretDays: 90 }));
    const good = {
      grant_type: "client_credentials",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    };
    const issued = await tokenCall(good);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    const claims = JSON.parse(Buffer.from(String(issued.body.access_token).split(".")[1]!, "base64url").toString()) as {
      roles: string[];
      appid: string;
    };
    expect(claims).toMatchObject({ appid: app.clientId, roles: ["Organization.Read.All", "User.Read.All"] });
    for (const [body, status, error] of [
      [{ ...good, client_secret: `${app.clientSecret}x` }, 401, "invalid_client"],
      [{ ...good, client_id: "6b2a3e5c-0000-4000-8000-000000000000" }, 401, "invalid_client"],
      [{ ...good, grant_type: "password" }, 400, "unsupported_grant_type"],
      [{ ...good, scope: "User.Read.All" }, 400, "invalid_scope"],
    ] as const) {
      const answer = await tokenCall(body);
      expect([answer.status, answer.body.error]).toEqual([status, error]);
      expect(answer.body.error_description).toMatch(/^AADSTS\d+: /);
      expect(answer.body.error_codes).toEqual([expect.any(Number)]);
    }
  });

  it("a revoked secret stops at once, even with a token issued before; a removed role, on the next call", async () => {
    const app = await appWith(["UserAdmin"]);
    const client = server.client(app.token);
    await client.api("/users").top(1).get();
    await client.api("/users").post({ displayName: "Before", userPrincipalName: "before@contoso.example" });
    await org.prisma.appRegistration.update({ where: { id: app.id }, data: { roles: "GlobalReader" } });
    const demoted = await graphError(client.api("/users").post({ displayName: "After", userPrincipalName: "after@contoso.example" }));
    expect(demoted.statusCode).toBe(403);
    expect(await revokeAppSecret(org.actors.GlobalAdmin, { secretId: app.secretId })).toEqual({ revoked: true });
    const refused = await graphError(client.api("/users").top(1).get());
    expect([refused.statusCode, refused.code]).toEqual([401, "InvalidAuthenticationToken"]);
    const again = await tokenCall({
      grant_type: "client_credentials",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    });
    expect(again.status).toBe(401);
    expect(await org.prisma.user.count({ where: { userPrincipalName: "after@contoso.example" } })).toBe(0);
  });
});
