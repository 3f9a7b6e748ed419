import { batchRequest } from "@/server/graph/batch";

/** JSON batching: up to 20 requests in one, with dependsOn (server/graph/batch.ts). */
export const POST = batchRequest;
export const dynamic = "force-dynamic";
