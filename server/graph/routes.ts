import "server-only";
import type { GraphHandler } from "./http";
import { getSubscribedSku, getSubscribedSkus } from "./skus";
import {
  assignLicense,
  getUser,
  licenseDetails,
  listDeletedUsers,
  listUsers,
  patchUser,
  postUser,
  removeUser,
  restoreDeletedUser,
} from "./users";

/**
 * Every Graph endpoint under /graph/v1.0, with its handler: the route files under app/graph/v1.0
 * export these handlers, and $batch (server/graph/batch.ts) dispatches its requests through the
 * same table, so a request inside a batch runs exactly as it would alone.
 */
export const GRAPH_ROUTES: readonly { method: string; path: string; handler: GraphHandler }[] = [
  { method: "GET", path: "/subscribedSkus", handler: getSubscribedSkus },
  { method: "GET", path: "/subscribedSkus/[id]", handler: getSubscribedSku },
  { method: "GET", path: "/users", handler: listUsers },
  { method: "POST", path: "/users", handler: postUser },
  { method: "GET", path: "/users/[id]", handler: getUser },
  { method: "PATCH", path: "/users/[id]", handler: patchUser },
  { method: "DELETE", path: "/users/[id]", handler: removeUser },
  { method: "POST", path: "/users/[id]/assignLicense", handler: assignLicense },
  { method: "GET", path: "/users/[id]/licenseDetails", handler: licenseDetails },
  { method: "GET", path: "/directory/deletedItems/microsoft.graph.user", handler: listDeletedUsers },
  { method: "POST", path: "/directory/deletedItems/[id]/restore", handler: restoreDeletedUser },
];

/** The route a method and path (below /graph/v1.0) name, with its [id]; static segments win, as in Next.js. */
export function matchRoute(method: string, path: string): { handler: GraphHandler; params: Record<string, string> } | "no-method" | null {
  const segments = path.replace(/^\/+|\/+$/g, "").split("/");
  let pathMatched = false;
  const candidates = GRAPH_ROUTES.map((route) => ({ route, parts: route.path.slice(1).split("/") }))
    .filter(({ parts }) => parts.length === segments.length)
    .sort((a, b) => a.parts.filter((p) => p === "[id]").length - b.parts.filter((p) => p === "[id]").length);
  for (const { route, parts } of candidates) {
    const params: Record<string, string> = {};
    if (!parts.every((part, i) => (part === "[id]" ? ((params.id = segments[i]!), segments[i] !== "") : part === segments[i]))) continue;
    pathMatched = true;
    if (route.method === method) return { handler: route.handler, params };
  }
  return pathMatched ? "no-method" : null;
}
