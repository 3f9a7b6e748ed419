import "server-only";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "./users";
import { GROUP_SCHEMA } from "./groups";
import { scimLocation } from "./http";
import { listResponse } from "./protocol";

/**
 * What this SCIM service supports (RFC 7643 §5–7), for clients that discover it: PATCH yes, bulk
 * and sort no, filtering up to 1,000 results a page, the bearer token as its one authentication.
 */
export function serviceProviderConfig() {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://github.com/license-center/license-center#scim-provisioning",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 1000 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A token a Global admin creates in License Center (Settings › Provisioning).",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: scimLocation("/ServiceProviderConfig") },
  };
}

type Attribute = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  multiValued?: boolean;
  required?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable";
  uniqueness?: "none" | "server";
  subAttributes?: Attribute[];
};

interface SchemaAttribute {
  name: string;
  type: Attribute["type"];
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: NonNullable<Attribute["mutability"]>;
  returned: "default";
  uniqueness: NonNullable<Attribute["uniqueness"]>;
  subAttributes?: SchemaAttribute[];
}

function attribute(a: Attribute): SchemaAttribute {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    required: a.required ?? false,
    caseExact: false,
    mutability: a.mutability ?? "readWrite",
    returned: "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

const SCHEMAS = [
  {
    id: USER_SCHEMA,
    name: "User",
    description: "A user of License Center",
    attributes: [
      { name: "userName", type: "string", required: true, uniqueness: "server" },
      { name: "displayName", type: "string" },
      { name: "externalId", type: "string", uniqueness: "server" },
      {
        name: "name",
        type: "complex",
        subAttributes: [
          { name: "givenName", type: "string" },
          { name: "familyName", type: "string" },
          { name: "formatted", type: "string" },
        ],
      },
      { name: "active", type: "boolean" },
      {
        name: "emails",
        type: "complex",
        multiValued: true,
        subAttributes: [
          { name: "value", type: "string" },
          { name: "type", type: "string" },
          { name: "primary", type: "boolean" },
        ],
      },
      {
        name: "addresses",
        type: "complex",
        multiValued: true,
        subAttributes: [
          { name: "type", type: "string" },
          { name: "country", type: "string" },
          { name: "primary", type: "boolean" },
        ],
      },
    ] satisfies Attribute[],
  },
  {
    id: ENTERPRISE_SCHEMA,
    name: "EnterpriseUser",
    description: "Enterprise User",
    attributes: [{ name: "department", type: "string" }] satisfies Attribute[],
  },
  {
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A group of users",
    attributes: [
      { name: "displayName", type: "string", required: true },
      { name: "externalId", type: "string", uniqueness: "server" },
      {
        name: "members",
        type: "complex",
        multiValued: true,
        subAttributes: [
          { name: "value", type: "string", mutability: "immutable" },
          { name: "display", type: "string", mutability: "readOnly" },
        ],
      },
    ] satisfies Attribute[],
  },
];

export function schemas() {
  const Resources = SCHEMAS.map((s) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(attribute),
    meta: { resourceType: "Schema", location: scimLocation(`/Schemas/${s.id}`) },
  }));
  return listResponse(Resources);
}

export function resourceTypes() {
  const Resources = [
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "User",
      name: "User",
      endpoint: "/Users",
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: scimLocation("/ResourceTypes/User") },
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      schema: GROUP_SCHEMA,
      meta: { resourceType: "ResourceType", location: scimLocation("/ResourceTypes/Group") },
    },
  ];
  return listResponse(Resources);
}
