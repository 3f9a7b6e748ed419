import "server-only";
import type { Actor } from "../actor";
import { takeApiRequest } from "../auth/rate-limit";
import { bearerToken } from "../credentials/secrets";
import { isTransientError } from "../db";
import { isAppError } from "../errors";
import { appActor } from "./apps";
import { errorBody, fromAppError, GraphError, idHeaders, requestIds, type RequestIds } from "./errors";
import { verifyAccessToken } from "./token";

/** What a Graph handler answers: a status, a JSON body (none for 204) and headers. */
export interface GraphResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One Graph call as a handler sees it: the app acting, the URL, the parsed body, the request's headers. */
export interface GraphCall {
  actor: Actor;
  url: URL;
  body: unknown;
  headers: Headers;
  params: Record<string, string>;
}

export type GraphHandler = (call: GraphCall) => Promise<GraphResult>;

export const ok = (body: unknown, status = 200, headers: Record<string, string> = {}): GraphResult => ({ status, body, headers });

const MAX_BODY = 1_000_000;

/** The API's base, as the links it writes (@odata.nextLink, @odata.context) use it. */
export function graphBase(url: URL): string {
  return `${url.origin}/graph/v1.0`;
}

/** The app a request's access token names, re-read from the database (null: 401). */
export async function authenticate(request: Request): Promise<Actor | null> {
  const token = bearerToken(request.headers.get("authorization"));
  const claims = token ? await verifyAccessToken(token) : null;
  return claims ? appActor(claims.appId, claims.secretId) : null;
}

function toResponse(result: GraphResult, ids: RequestIds): Response {
  const headers = { "cache-control": "no-store", ...idHeaders(ids), ...result.headers };
  if (result.status === 204 || result.body === undefined) return new Response(null, { status: result.status, headers });
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { "content-type": "application/json; odata.metadata=minimal; charset=utf-8", ...headers },
  });
}

/** Runs a handler for an authenticated app, the app's rate limit taken first, failures in Graph's error shape. */
export async function runHandler(handler: GraphHandler, call: GraphCall, ids: RequestIds): Promise<GraphResult> {
  try {
    const retryAfter = await takeApiRequest(call.actor.id);
    if (retryAfter !== null)
      throw new GraphError(429, "TooManyRequests", "Too many requests. Retry after the time the Retry-After header gives.", {
        "retry-after": String(retryAfter),
      });
    return await handler(call);
  } catch (error) {
    return failure(error, ids);
  }
}

export function failure(error: unknown, ids: RequestIds): GraphResult {
  const graphError =
    error instanceof GraphError
      ? error
      : isAppError(error)
        ? fromAppError(error.code, error.values)
        : isTransientError(error)
          ? fromAppError("TEMPORARILY_UNAVAILABLE", {})
          : null;
  if (!graphError) {
    console.error("Graph request failed:", error);
    return failure(new GraphError(500, "generalException", "The request could not be completed. Nothing was changed."), ids);
  }
  return { status: graphError.status, body: errorBody(graphError, ids), headers: graphError.headers };
}

async function readBody(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "DELETE") return undefined;
  const text = await request.text();
  if (text.length > MAX_BODY) throw new GraphError(413, "Request_EntityTooLarge", "The request body is larger than 1 MB.");
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
}

/**
 * A Next.js route handler for a Graph endpoint: the access token is checked first (401 without a
 * live one: an expired token, a revoked secret or a deleted app), then the handler runs with the
 * app as actor; the data layer authorizes and audits every change it makes.
 */
export function graphRoute(handler: GraphHandler) {
  return async (request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const ids = requestIds(request);
    try {
      const actor = await authenticate(request);
      if (!actor) {
        const error = new GraphError(
          401,
          "InvalidAuthenticationToken",
          request.headers.get("authorization") ? "Access token validation failure." : "Access token is empty.",
          {
            "www-authenticate": 'Bearer realm="License Center", error="invalid_token"',
          },
        );
        return toResponse(failure(error, ids), ids);
      }
      const raw = await context.params;
      const params = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
      const body = await readBody(request);
      return toResponse(await runHandler(handler, { actor, url: new URL(request.url), body, headers: request.headers, params }, ids), ids);
    } catch (error) {
      return toResponse(failure(error, ids), ids);
    }
  };
}
