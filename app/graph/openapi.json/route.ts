import { openApiDocument } from "@/server/graph/openapi";

/** The Graph API's OpenAPI 3.1 description (linted by tests/integration/graph-openapi.test.ts). */
export function GET(request: Request): Response {
  return Response.json(openApiDocument(new URL(request.url).origin), { headers: { "cache-control": "no-store" } });
}
export const dynamic = "force-dynamic";
