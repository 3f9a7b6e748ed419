import { scimJson, scimRequest } from "@/server/scim/http";
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/server/scim/groups";
import { excludesMembers } from "@/server/scim/protocol";

type Context = { params: Promise<{ id: string }> };

/** SCIM 2.0 one Group: get, replace (PUT), patch members and name, delete. */
export function GET(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor) =>
    scimJson(await getScimGroup(actor, (await params).id, !excludesMembers(new URL(request.url)))),
  );
}

export function PUT(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor, body) => scimJson(await replaceScimGroup(actor, (await params).id, body)));
}

export function PATCH(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor, body) => {
    await patchScimGroup(actor, (await params).id, body);
    return scimJson(null, 204);
  });
}

export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor) => {
    await deleteScimGroup(actor, (await params).id);
    return scimJson(null, 204);
  });
}
