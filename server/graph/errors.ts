import "server-only";
import { randomUUID } from "node:crypto";
import type { ErrorCode } from "../errors";

/** A failure answered in Microsoft Graph's error format, with Graph's status and code. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new GraphError(400, "Request_BadRequest", message);
export const unsupportedQuery = (message: string) => new GraphError(400, "Request_UnsupportedQuery", message);
export const notFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id.slice(0, 120)}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const forbidden = () => new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

/** Each response's ids: Graph's request-id, and the client's client-request-id echoed. */
export interface RequestIds {
  requestId: string;
  clientRequestId: string | null;
}

export function requestIds(request: Request): RequestIds {
  const clientRequestId = request.headers.get("client-request-id");
  return { requestId: randomUUID(), clientRequestId: clientRequestId && clientRequestId.length <= 100 ? clientRequestId : null };
}

export function idHeaders(ids: RequestIds): Record<string, string> {
  return { "request-id": ids.requestId, ...(ids.clientRequestId ? { "client-request-id": ids.clientRequestId } : {}) };
}

/** `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`, as Graph answers. */
export function errorBody(error: GraphError, ids: RequestIds) {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        "request-id": ids.requestId,
        ...(ids.clientRequestId ? { "client-request-id": ids.clientRequestId } : {}),
      },
    },
  };
}

/**
 * The data layer's refusals (server/errors.ts) as Graph answers them: the statuses, codes and
 * messages Microsoft Graph uses for the same situation where it has one. `skuId` names the SKU
 * a license change was about.
 */
export function fromAppError(code: ErrorCode, values: Record<string, string | number>, skuId?: string): GraphError {
  switch (code) {
    case "FORBIDDEN":
    case "CANNOT_MANAGE_ADMIN":
      return forbidden();
    case "NOT_FOUND":
    case "USER_DELETED":
      return notFound(String(values.name ?? ""));
    case "NO_LICENSES_AVAILABLE":
    case "SUBSCRIPTION_DISABLED":
      return badRequest(`Subscription with SKU ${skuId ?? "(unknown)"} does not have any available licenses.`);
    case "USAGE_LOCATION_REQUIRED":
      return badRequest("License assignment cannot be done for user with invalid usage location.");
    case "LICENSE_NOT_ASSIGNED":
      return badRequest("User does not have a corresponding license.");
    case "UPN_TAKEN":
      return badRequest("Another object with the same value for property userPrincipalName already exists.");
    case "LAST_GLOBAL_ADMIN":
      return badRequest("The organization's last enabled Global admin can't be deleted or blocked.");
    case "CANNOT_DELETE_SELF":
    case "CANNOT_BLOCK_SELF":
      return badRequest("An app can't delete or block itself.");
    case "RESTORE_WINDOW_PASSED":
      return notFound(String(values.name ?? ""));
    case "NOT_DELETED":
      return badRequest("The object is not deleted.");
    case "TEMPORARILY_UNAVAILABLE":
      return new GraphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Nothing was changed.", {
        "retry-after": "5",
      });
    default:
      return badRequest(`The request was refused (${code}). Nothing was changed.`);
  }
}
