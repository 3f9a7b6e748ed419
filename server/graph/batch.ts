import "server-only";
import { z } from "zod";
import { badRequest, errorBody, GraphError, idHeaders, requestIds } from "./errors";
import { authenticate, failure, runHandler, type GraphResult } from "./http";
import { matchRoute } from "./routes";

const MAX_REQUESTS = 20;

const batchBody = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1).max(100),
        method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]),
        url: z.string().min(1).max(2_000),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        dependsOn: z.array(z.string()).max(MAX_REQUESTS).optional(),
      }),
    )
    .min(1),
});

type BatchItem = z.output<typeof batchBody>["requests"][number];

/** The requests in an order where each comes after those it depends on (refusing unknown ids and cycles). */
function ordered(requests: BatchItem[]): BatchItem[] {
  const byId = new Map(requests.map((r) => [r.id, r]));
  if (byId.size !== requests.length) throw badRequest("Batch request ids must be unique.");
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: BatchItem[] = [];
  const visit = (item: BatchItem) => {
    if (done.has(item.id)) return;
    if (visiting.has(item.id)) throw badRequest("The batch's dependsOn form a cycle.");
    visiting.add(item.id);
    for (const dependency of item.dependsOn ?? []) {
      const target = byId.get(dependency);
      if (!target) throw badRequest(`Request ${item.id.slice(0, 40)} depends on an unknown request id.`);
      visit(target);
    }
    visiting.delete(item.id);
    done.add(item.id);
    order.push(item);
  };
  requests.forEach(visit);
  return order;
}

/**
 * POST /graph/v1.0/$batch (Graph's JSON batching): up to 20 requests, each run as it would be
 * alone (authorized, audited and rate-limited one by one) in dependsOn order; a request whose
 * dependency failed is answered 424 and not run. Each request is its own change: a batch is not
 * a transaction, as in Microsoft Graph.
 */
export async function batchRequest(request: Request): Promise<Response> {
  const ids = requestIds(request);
  const json = (status: number, body: unknown) =>
    Response.json(body, { status, headers: { "cache-control": "no-store", ...idHeaders(ids) } });
  try {
    const actor = await authenticate(request);
    if (!actor) return json(401, errorBody(new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure."), ids));
    let raw: unknown;
    try {
      raw = JSON.parse(await request.text());
    } catch {
      throw badRequest("Unable to read JSON request payload.");
    }
    const parsed = batchBody.safeParse(raw);
    if (!parsed.success) throw badRequest("Invalid batch payload: each request needs an id, a method and a url.");
    if (parsed.data.requests.length > MAX_REQUESTS) throw badRequest(`The batch has more than ${MAX_REQUESTS} requests.`);
    const origin = new URL(request.url).origin;
    const results = new Map<string, GraphResult>();
    for (const item of ordered(parsed.data.requests)) {
      const itemIds = { ...ids, requestId: crypto.randomUUID() };
      if ((item.dependsOn ?? []).some((dependency) => (results.get(dependency)?.status ?? 500) >= 400)) {
        results.set(item.id, failure(new GraphError(424, "failedDependency", "The request it depends on failed."), itemIds));
        continue;
      }
      const url = new URL(`${origin}/graph/v1.0/${item.url.replace(/^\/+/, "").replace(/^v1\.0\//, "")}`);
      const route = matchRoute(item.method, url.pathname.replace(/^\/graph\/v1\.0/, ""));
      if (!route || route === "no-method") {
        results.set(
          item.id,
          failure(
            route
              ? new GraphError(405, "Request_BadRequest", "The method is not allowed here.")
              : new GraphError(400, "BadRequest", "Invalid request URL."),
            itemIds,
          ),
        );
        continue;
      }
      const headers = new Headers(item.headers ?? {});
      results.set(item.id, await runHandler(route.handler, { actor, url, body: item.body, headers, params: route.params }, itemIds));
    }
    return json(200, {
      responses: parsed.data.requests.map((item) => {
        const result = results.get(item.id)!;
        return {
          id: item.id,
          status: result.status,
          headers: { ...(result.body !== undefined ? { "content-type": "application/json" } : {}), ...result.headers },
          ...(result.body !== undefined ? { body: result.body } : {}),
        };
      }),
    });
  } catch (error) {
    const result = failure(error, ids);
    return json(result.status, result.body);
  }
}
