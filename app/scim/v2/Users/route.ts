import { paging, scimJson, scimRequest } from "@/server/scim/http";
import { createScimUser, listScimUsers } from "@/server/scim/users";

/** SCIM 2.0 Users (RFC 7644 §3.3, §3.4.2): list with filter and paging; create. Bearer-token only. */
export function GET(request: Request): Promise<Response> {
  return scimRequest(request, async (actor) => {
    const url = new URL(request.url);
    return scimJson(await listScimUsers(actor, { filter: url.searchParams.get("filter"), ...paging(url) }));
  });
}

export function POST(request: Request): Promise<Response> {
  return scimRequest(request, async (actor, body) => {
    const user = await createScimUser(actor, body);
    return scimJson(user, 201, { location: user.meta.location });
  });
}
