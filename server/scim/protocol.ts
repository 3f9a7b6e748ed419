import "server-only";
import { parse as parseFilter, type Filter } from "scim2-parse-filter";
import { scimPatch, ScimError as PatchError, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { z } from "zod";
import { ScimError } from "./http";

/**
 * What Users and Groups share of RFC 7644: filters (parsed by scim2-parse-filter) and PATCH
 * (applied by scim-patch), the subset License Center answers and the errors it gives otherwise.
 */

const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/**
 * A `filter` as a database condition: `eq` on the attributes `equals` names (lowercased; a core
 * schema URN prefix is dropped), joined by `and`. Anything else is refused as invalidFilter.
 */
export function filterWhere<W>(
  filter: string | null,
  equals: Record<string, (value: string) => W>,
  and: (parts: W[]) => W,
  described: string,
): W | null {
  if (!filter) return null;
  let ast: Filter;
  try {
    ast = parseFilter(filter);
  } catch {
    throw new ScimError(400, `The filter "${filter.slice(0, 200)}" is not valid SCIM filter syntax.`, "invalidFilter");
  }
  const clause = (f: Filter): W => {
    if (f.op === "and") return and(f.filters.map(clause));
    if (f.op === "eq" && typeof f.compValue === "string") {
      const attribute = f.attrPath.replace(/^urn:ietf:params:scim:schemas:core:2\.0:\w+:/, "").toLowerCase();
      const condition = equals[attribute];
      if (condition) return condition(f.compValue);
    }
    throw new ScimError(400, `Only eq on ${described}, joined by and, can be filtered on.`, "invalidFilter");
  };
  return clause(ast);
}

const patchRequest = (max: number) =>
  z.object({
    schemas: z.array(z.string()).refine((s) => s.includes(PATCH_SCHEMA), { message: `schemas must include ${PATCH_SCHEMA}` }),
    Operations: z
      .array(z.object({ op: z.string(), path: z.string().optional(), value: z.unknown().optional() }).passthrough())
      .min(1)
      .max(max),
  });

/** A PATCH body's operations (at most `max`), checked; ops in any capitalization (Entra ID sends "Replace"). */
export function patchOperations(body: unknown, max: number): ScimPatchOperation[] {
  const parsed = patchRequest(max).safeParse(body);
  if (!parsed.success) throw new ScimError(400, parsed.error.issues.map((i) => i.message).join("; "), "invalidSyntax");
  return parsed.data.Operations.map((o) => ({ ...o, op: o.op.toLowerCase() })) as ScimPatchOperation[];
}

/** Applies PATCH operations to a resource's SCIM representation (its meta's dates as scim-patch takes them). */
export function applyPatch(
  resource: Record<string, unknown> & { meta: { created: string; lastModified: string } },
  operations: ScimPatchOperation[],
): Record<string, unknown> {
  const { meta, ...rest } = resource;
  try {
    return scimPatch(
      { ...rest, meta: { created: new Date(meta.created), lastModified: new Date(meta.lastModified) } } as ScimResource,
      operations,
      { mutateDocument: false, treatMissingAsAdd: true },
    ) as unknown as Record<string, unknown>;
  } catch (error) {
    if (error instanceof PatchError) throw new ScimError(400, error.message, "invalidValue");
    throw error;
  }
}

/** RFC 7644's list response around a page of resources. */
export function listResponse<T>(Resources: T[], totalResults = Resources.length, startIndex = 1) {
  return {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    totalResults,
    startIndex,
    itemsPerPage: Resources.length,
    Resources,
  };
}

/** Whether a request asks to leave the members out (`excludedAttributes=members`, as Entra ID does). */
export function excludesMembers(url: URL): boolean {
  return (url.searchParams.get("excludedAttributes") ?? "").split(",").some((a) => a.trim().toLowerCase() === "members");
}
