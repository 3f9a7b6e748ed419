import type { Prisma } from "@/lib/generated/prisma/client";
import { unsupportedQuery } from "./errors";

/**
 * The $filter clauses GET /users understands, joined by `and`: userPrincipalName eq '…',
 * accountEnabled eq true|false, assignedLicenses/any(x:x/skuId eq <guid>), startswith(displayName,'…').
 * Anything else is refused as Graph refuses a filter it does not support.
 */
const CLAUSE =
  /\s*(?:userPrincipalName eq '((?:[^']|'')*)'|accountEnabled eq (true|false)|assignedLicenses\/any\((\w+):\3\/skuId eq '?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'?\)|startswith\(displayName,\s*'((?:[^']|'')*)'\))\s*/iy;
const AND = /and/iy;

export function parseUserFilter(filter: string | null, caseInsensitiveMode: boolean): Prisma.UserWhereInput {
  if (!filter || !filter.trim()) return {};
  if (filter.length > 2_000) throw unsupportedQuery("The $filter is too long.");
  const clauses: Prisma.UserWhereInput[] = [];
  let at = 0;
  for (;;) {
    CLAUSE.lastIndex = at;
    const match = CLAUSE.exec(filter);
    if (!match) throw unsupportedQuery(`Unsupported or invalid query filter clause specified: '${filter.slice(at, at + 80)}'.`);
    at = CLAUSE.lastIndex;
    const [, upn, enabled, , skuId, prefix] = match;
    if (upn !== undefined) clauses.push({ userPrincipalName: upn.replaceAll("''", "'").toLowerCase() });
    else if (enabled !== undefined) clauses.push({ accountEnabled: enabled.toLowerCase() === "true" });
    else if (skuId !== undefined) clauses.push({ assignments: { some: { product: { skuId: skuId.toLowerCase() } } } });
    else if (prefix !== undefined)
      clauses.push({
        displayName: { startsWith: prefix.replaceAll("''", "'"), ...(caseInsensitiveMode ? { mode: "insensitive" as const } : {}) },
      });
    if (at >= filter.length) break;
    AND.lastIndex = at;
    if (!AND.exec(filter)) throw unsupportedQuery(`Unsupported or invalid query filter clause specified: '${filter.slice(at, at + 80)}'.`);
    at = AND.lastIndex;
  }
  return { AND: clauses };
}
