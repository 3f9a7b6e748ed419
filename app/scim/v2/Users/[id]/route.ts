import { scimJson, scimRequest } from "@/server/scim/http";
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/server/scim/users";

type Context = { params: Promise<{ id: string }> };

/** SCIM 2.0 one User: get, replace (PUT), patch, delete (soft, restorable 30 days). */
export function GET(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor) => scimJson(await getScimUser(actor, (await params).id)));
}

export function PUT(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor, body) => scimJson(await replaceScimUser(actor, (await params).id, body)));
}

export function PATCH(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor, body) => scimJson(await patchScimUser(actor, (await params).id, body)));
}

export function DELETE(request: Request, { params }: Context): Promise<Response> {
  return scimRequest(request, async (actor) => {
    await deleteScimUser(actor, (await params).id);
    return scimJson(null, 204);
  });
}
