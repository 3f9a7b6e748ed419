import "server-only";
import { env } from "@/lib/env";
import type { Actor } from "../actor";
import { AppError, type ErrorCode } from "../errors";
import { scimActor } from "./tokens";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** RFC 7644 §3.12's scimType values this server answers with. */
type ScimType = "invalidFilter" | "invalidSyntax" | "invalidValue" | "uniqueness" | "mutability" | "noTarget" | "invalidPath" | "tooMany";

/** A failure the client is told about in SCIM's error format. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": `${SCIM_CONTENT_TYPE}; charset=utf-8`, "cache-control": "no-store", ...headers },
  });
}

function errorResponse(error: ScimError): Response {
  return scimJson(
    {
      schemas: [ERROR_SCHEMA],
      status: String(error.status),
      ...(error.scimType ? { scimType: error.scimType } : {}),
      detail: error.detail,
    },
    error.status,
  );
}

/** The app's refusals (server/errors.ts) as SCIM statuses, with their English message. */
const APP_ERRORS: Partial<Record<ErrorCode, [number, ScimType?]>> = {
  NOT_FOUND: [404],
  FORBIDDEN: [403],
  CANNOT_MANAGE_ADMIN: [403],
  LAST_GLOBAL_ADMIN: [409, "mutability"],
  UPN_TAKEN: [409, "uniqueness"],
  USER_DELETED: [404],
  VALIDATION: [400, "invalidValue"],
  TOO_MANY_AT_ONCE: [400, "tooMany"],
  TEMPORARILY_UNAVAILABLE: [503],
};

/** The public URL of a SCIM resource, for `meta.location`. */
export function scimLocation(path: string): string {
  return new URL(`/scim/v2${path}`, env().NEXTAUTH_URL ?? "http://localhost:3000").toString();
}

/**
 * One SCIM request: the bearer token is checked first (401 without a live one), the body read as
 * JSON when there is one (at most 1 MB), and every failure answered in SCIM's error format. The
 * handler's changes are made by the data layer, which authorizes and audits them with the
 * token as actor.
 */
export async function scimRequest(request: Request, handler: (actor: Actor, body: unknown) => Promise<Response>): Promise<Response> {
  try {
    const actor = await scimActor(request.headers.get("authorization"));
    if (!actor) {
      return new Response(JSON.stringify({ schemas: [ERROR_SCHEMA], status: "401", detail: "A valid SCIM bearer token is required." }), {
        status: 401,
        headers: { "content-type": `${SCIM_CONTENT_TYPE}; charset=utf-8`, "www-authenticate": 'Bearer realm="License Center SCIM"' },
      });
    }
    let body: unknown;
    if (request.method !== "GET" && request.method !== "DELETE") {
      const text = await request.text();
      if (text.length > 1_000_000) throw new ScimError(413, "The request body is larger than 1 MB.");
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        throw new ScimError(400, "The request body is not valid JSON.", "invalidSyntax");
      }
    }
    return await handler(actor, body);
  } catch (error) {
    if (error instanceof ScimError) return errorResponse(error);
    if (error instanceof AppError) {
      const [status, scimType] = APP_ERRORS[error.code] ?? [400];
      return errorResponse(new ScimError(status, `${error.code}: ${describe(error)}`, scimType));
    }
    console.error("SCIM request failed:", error);
    return errorResponse(new ScimError(500, "The request could not be completed. Nothing was changed."));
  }
}

function describe(error: AppError): string {
  const values = Object.entries(error.values ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
  return values || "refused";
}

/** `startIndex` and `count` of a list request (RFC 7644 §3.4.2.4): 1-based; count 0 to 1,000. */
export function paging(url: URL): { startIndex: number; count: number } {
  const number = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === "") return fallback;
    if (!/^-?\d{1,9}$/.test(raw)) throw new ScimError(400, `${name} must be a whole number.`, "invalidValue");
    return Number(raw);
  };
  return { startIndex: Math.max(1, number("startIndex", 1)), count: Math.min(1_000, Math.max(0, number("count", 100))) };
}
