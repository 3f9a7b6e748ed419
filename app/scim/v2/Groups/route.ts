import { paging, scimJson, scimRequest } from "@/server/scim/http";
import { createScimGroup, listScimGroups } from "@/server/scim/groups";
import { excludesMembers } from "@/server/scim/protocol";

/** SCIM 2.0 Groups: list (members left out with excludedAttributes=members, as Entra ID asks); create. */
export function GET(request: Request): Promise<Response> {
  return scimRequest(request, async (actor) => {
    const url = new URL(request.url);
    return scimJson(
      await listScimGroups(actor, { filter: url.searchParams.get("filter"), ...paging(url), members: !excludesMembers(url) }),
    );
  });
}

export function POST(request: Request): Promise<Response> {
  return scimRequest(request, async (actor, body) => {
    const group = await createScimGroup(actor, body);
    return scimJson(group, 201, { location: group.meta.location });
  });
}
