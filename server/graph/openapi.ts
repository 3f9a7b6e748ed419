import { GRAPH_PERMISSIONS } from "@/lib/domain/graph";

/** JSON Schema helpers for the description below. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }]));
const idParam = { name: "id", in: "path", required: true, description: "The user's id or userPrincipalName.", schema: { type: "string" } };
const listOf = (item: string, paged = false) => ({
  type: "object",
  required: ["value"],
  properties: {
    "@odata.context": { type: "string" },
    ...(paged ? { "@odata.nextLink": { type: "string", format: "uri" }, "@odata.count": { type: "integer" } } : {}),
    value: { type: "array", items: ref(item) },
  },
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is not valid (Request_BadRequest, Request_UnsupportedQuery); nothing was changed.",
  401: "No valid access token (InvalidAuthenticationToken): expired, or its secret revoked, or its app deleted.",
  403: "The app's roles don't allow this (Authorization_RequestDenied); nothing was changed.",
  404: "No such resource (Request_ResourceNotFound).",
  429: "The app's rate limit is spent (TooManyRequests): retry after the seconds in Retry-After.",
};

/**
 * The Graph API's OpenAPI 3.1 description, served at /graph/openapi.json with the server's own
 * origin. It describes what License Center implements of Microsoft Graph v1.0, no more.
 */
export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "License Center Graph API",
      version: "1.0.0",
      summary: "The Microsoft Graph v1.0 subset License Center implements: users, their licenses and the organization's SKUs.",
      description:
        "Register an app under Settings › App registrations (or with `npm run app:register`), get a token from the token endpoint with the client credentials grant, and call these endpoints with it. An app may do what a person holding its roles may do.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: `${origin}/graph/v1.0` }],
    security: [{ clientCredentials: [] }],
    tags: [
      { name: "subscribedSkus", description: "The organization's products (SKUs) and their units." },
      { name: "users", description: "Users and their licenses." },
      { name: "directory", description: "Deleted users, restorable for 30 days." },
      { name: "batch", description: "JSON batching." },
    ],
    paths: {
      "/subscribedSkus": {
        get: {
          tags: ["subscribedSkus"],
          operationId: "listSubscribedSkus",
          summary: "List the organization's SKUs with their consumed and prepaid units",
          responses: { "200": { description: "The SKUs.", content: json(listOf("subscribedSku")) }, ...errors(401, 403, 429) },
        },
      },
      "/users": {
        get: {
          tags: ["users"],
          operationId: "listUsers",
          summary: "List users (not deleted), a page at a time",
          parameters: [
            { name: "$select", in: "query", schema: { type: "string" }, description: "Comma-separated properties." },
            { name: "$top", in: "query", schema: { type: "integer", minimum: 1, maximum: 999 } },
            {
              name: "$filter",
              in: "query",
              schema: { type: "string" },
              description:
                "Clauses joined by `and`: `userPrincipalName eq '…'`, `accountEnabled eq true|false`, `assignedLicenses/any(x:x/skuId eq <guid>)`, `startswith(displayName,'…')`.",
            },
            { name: "$count", in: "query", schema: { type: "boolean" }, description: "Needs the header ConsistencyLevel: eventual." },
            { name: "$orderby", in: "query", schema: { type: "string", enum: ["displayName", "displayName asc"] } },
            { name: "$skiptoken", in: "query", schema: { type: "string" }, description: "From @odata.nextLink." },
            { name: "ConsistencyLevel", in: "header", schema: { type: "string", enum: ["eventual"] } },
          ],
          responses: { "200": { description: "A page of users.", content: json(listOf("user", true)) }, ...errors(400, 401, 403, 429) },
        },
        post: {
          tags: ["users"],
          operationId: "createUser",
          summary: "Create a user",
          requestBody: { required: true, content: json(ref("newUser")) },
          responses: { "201": { description: "The user.", content: json(ref("user")) }, ...errors(400, 401, 403, 429) },
        },
      },
      "/users/{id}": {
        parameters: [idParam],
        get: {
          tags: ["users"],
          operationId: "getUser",
          summary: "Get a user by id or userPrincipalName",
          responses: { "200": { description: "The user.", content: json(ref("user")) }, ...errors(401, 403, 404, 429) },
        },
        patch: {
          tags: ["users"],
          operationId: "updateUser",
          summary: "Change a user's display name, usage location or whether they may sign in",
          requestBody: { required: true, content: json(ref("userUpdate")) },
          responses: { "204": { description: "Changed." }, ...errors(400, 401, 403, 404, 429) },
        },
        delete: {
          tags: ["users"],
          operationId: "deleteUser",
          summary: "Delete a user (licenses freed; restorable for 30 days)",
          responses: { "204": { description: "Deleted." }, ...errors(400, 401, 403, 404, 429) },
        },
      },
      "/users/{id}/assignLicense": {
        parameters: [idParam],
        post: {
          tags: ["users"],
          operationId: "assignLicense",
          summary: "Add and remove a user's licenses, all or nothing",
          requestBody: { required: true, content: json(ref("assignLicenseRequest")) },
          responses: {
            "200": { description: "The user with their licenses.", content: json(ref("user")) },
            ...errors(400, 401, 403, 404, 429),
          },
        },
      },
      "/users/{id}/licenseDetails": {
        parameters: [idParam],
        get: {
          tags: ["users"],
          operationId: "listLicenseDetails",
          summary: "List a user's licenses with their service plans",
          responses: { "200": { description: "The licenses.", content: json(listOf("licenseDetails")) }, ...errors(401, 403, 404, 429) },
        },
      },
      "/directory/deletedItems/microsoft.graph.user": {
        get: {
          tags: ["directory"],
          operationId: "listDeletedUsers",
          summary: "List users deleted in the last 30 days",
          parameters: [
            { name: "$top", in: "query", schema: { type: "integer", minimum: 1, maximum: 999 } },
            { name: "$skiptoken", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": { description: "Deleted users.", content: json(listOf("user", true)) }, ...errors(400, 401, 403, 429) },
        },
      },
      "/directory/deletedItems/{id}/restore": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        post: {
          tags: ["directory"],
          operationId: "restoreDeletedUser",
          summary: "Restore a deleted user with their licenses",
          responses: { "200": { description: "The restored user.", content: json(ref("user")) }, ...errors(400, 401, 403, 404, 429) },
        },
      },
      "/$batch": {
        post: {
          tags: ["batch"],
          operationId: "batch",
          summary: "Run up to 20 requests in one, in dependsOn order",
          requestBody: { required: true, content: json(ref("batchRequest")) },
          responses: { "200": { description: "Each request's response.", content: json(ref("batchResponse")) }, ...errors(400, 401) },
        },
      },
    },
    components: {
      securitySchemes: {
        clientCredentials: {
          type: "oauth2",
          description: "An app registration's client id and secret.",
          flows: {
            clientCredentials: {
              tokenUrl: `${origin}/oauth2/v2.0/token`,
              scopes: Object.fromEntries(GRAPH_PERMISSIONS.map((p) => [p, `Granted when the app's roles allow it (${p}).`])),
            },
          },
        },
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
          `Error${status}`,
          {
            description,
            ...(status === "429" ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } } } : {}),
            content: json(ref("error")),
          },
        ]),
      ),
      schemas: {
        error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                innerError: {
                  type: "object",
                  properties: { date: { type: "string" }, "request-id": { type: "string" }, "client-request-id": { type: "string" } },
                },
              },
            },
          },
        },
        servicePlanInfo: {
          type: "object",
          properties: {
            servicePlanId: { type: "string", format: "uuid" },
            servicePlanName: { type: "string" },
            provisioningStatus: { type: "string" },
            appliesTo: { type: "string" },
          },
        },
        subscribedSku: {
          type: "object",
          properties: {
            id: { type: "string" },
            skuId: { type: "string", format: "uuid" },
            skuPartNumber: { type: "string" },
            appliesTo: { type: "string", enum: ["User"] },
            capabilityStatus: { type: "string", enum: ["Enabled", "Warning", "Suspended", "Deleted", "LockedOut"] },
            consumedUnits: { type: "integer" },
            prepaidUnits: {
              type: "object",
              properties: {
                enabled: { type: "integer" },
                warning: { type: "integer" },
                suspended: { type: "integer" },
                lockedOut: { type: "integer" },
              },
            },
            servicePlans: { type: "array", items: ref("servicePlanInfo") },
          },
        },
        assignedLicense: {
          type: "object",
          required: ["skuId"],
          properties: {
            skuId: { type: "string", format: "uuid" },
            disabledPlans: { type: "array", items: { type: "string", format: "uuid" }, maxItems: 0 },
          },
        },
        user: {
          type: "object",
          properties: {
            id: { type: "string" },
            displayName: { type: "string" },
            userPrincipalName: { type: "string" },
            givenName: { type: ["string", "null"] },
            surname: { type: ["string", "null"] },
            mail: { type: ["string", "null"] },
            preferredLanguage: { type: ["string", "null"] },
            accountEnabled: { type: "boolean" },
            usageLocation: { type: ["string", "null"] },
            department: { type: ["string", "null"] },
            assignedLicenses: { type: "array", items: ref("assignedLicense") },
            createdDateTime: { type: "string", format: "date-time" },
            deletedDateTime: { type: ["string", "null"], format: "date-time" },
          },
        },
        newUser: {
          type: "object",
          required: ["displayName", "userPrincipalName"],
          properties: {
            displayName: { type: "string", maxLength: 256 },
            userPrincipalName: { type: "string" },
            accountEnabled: { type: "boolean" },
            usageLocation: { type: "string", description: "ISO country code; needed before a license can be assigned." },
            givenName: { type: "string" },
            surname: { type: "string" },
            department: { type: "string" },
            mailNickname: { type: "string", description: "Accepted for compatibility, not kept." },
            passwordProfile: { type: "object", description: "Accepted for compatibility, not kept: users sign in elsewhere." },
          },
        },
        userUpdate: {
          type: "object",
          additionalProperties: false,
          properties: { displayName: { type: "string" }, usageLocation: { type: "string" }, accountEnabled: { type: "boolean" } },
        },
        assignLicenseRequest: {
          type: "object",
          required: ["addLicenses", "removeLicenses"],
          properties: {
            addLicenses: { type: "array", items: ref("assignedLicense") },
            removeLicenses: { type: "array", items: { type: "string", format: "uuid" } },
          },
        },
        licenseDetails: {
          type: "object",
          properties: {
            id: { type: "string" },
            skuId: { type: "string", format: "uuid" },
            skuPartNumber: { type: "string" },
            servicePlans: { type: "array", items: ref("servicePlanInfo") },
          },
        },
        batchRequest: {
          type: "object",
          required: ["requests"],
          properties: {
            requests: {
              type: "array",
              maxItems: 20,
              items: {
                type: "object",
                required: ["id", "method", "url"],
                properties: {
                  id: { type: "string" },
                  method: { type: "string", enum: ["GET", "POST", "PATCH", "PUT", "DELETE"] },
                  url: { type: "string" },
                  headers: { type: "object", additionalProperties: { type: "string" } },
                  body: {},
                  dependsOn: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        },
        batchResponse: {
          type: "object",
          properties: {
            responses: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  status: { type: "integer" },
                  headers: { type: "object", additionalProperties: { type: "string" } },
                  body: {},
                },
              },
            },
          },
        },
      },
    },
  };
}
