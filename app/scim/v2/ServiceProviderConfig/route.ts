import { serviceProviderConfig } from "@/server/scim/discovery";
import { scimJson, scimRequest } from "@/server/scim/http";

/** SCIM 2.0 discovery (RFC 7644 §4): what this service supports. Asked with the bearer token, as clients do. */
export function GET(request: Request): Promise<Response> {
  return scimRequest(request, async () => scimJson(serviceProviderConfig()));
}
