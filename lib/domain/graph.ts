import { createHash } from "node:crypto";
import { can, type Role } from "./roles";

/**
 * Microsoft's published SKU GUIDs (the licensing service plan reference) for the part numbers
 * License Center knows: a script written against Microsoft 365 finds the same skuId here.
 */
export const MICROSOFT_SKU_IDS: Readonly<Record<string, string>> = {
  ENTERPRISEPACK: "6fd2c87f-b296-42f0-b197-1e91e994b900",
  SPE_E5: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
  SPB: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
  POWER_BI_PRO: "f8a1db68-be16-40ed-86d5-cb42ce701560",
  VISIOCLIENT: "c5928f49-12ba-48f7-ada3-0d743a3601d5",
  EXCHANGESTANDARD: "4b9405b0-7788-4568-add1-99614e613b69",
};

/** The Graph application permissions this API knows, as a token's `roles` claim names them. */
export const GRAPH_PERMISSIONS = [
  "Organization.Read.All",
  "User.Read.All",
  "User.ReadWrite.All",
  "LicenseAssignment.ReadWrite.All",
] as const;
export type GraphPermission = (typeof GRAPH_PERMISSIONS)[number];

/**
 * The application permissions an app holding these admin roles has: what a person holding them
 * may do, no more (Billing admins' purchases have no Graph endpoint here).
 */
export function graphPermissionsOf(roles: readonly Role[]): GraphPermission[] {
  const granted: GraphPermission[] = [];
  if (can(roles, "read")) granted.push("Organization.Read.All", "User.Read.All");
  if (can(roles, "manageUsers")) granted.push("User.ReadWrite.All");
  if (can(roles, "assign")) granted.push("LicenseAssignment.ReadWrite.All");
  return granted;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isGuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A stable GUID for a service plan name (RFC 4122 version 5 in a namespace of License Center's
 * own): the same name has the same servicePlanId in every organization and on every call.
 */
export function servicePlanId(name: string): string {
  const namespace = Buffer.from("5d1d0c2e6f1b4c8e9a3e7f0b2a4c6d8e", "hex");
  const bytes = createHash("sha1").update(namespace).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A product's service plans, stored comma-separated. */
export function servicePlanNames(stored: string): string[] {
  return stored
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}
