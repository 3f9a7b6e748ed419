import { graphRoute } from "@/server/graph/http";
import { getUser, patchUser, removeUser } from "@/server/graph/users";

export const GET = graphRoute(getUser);
export const PATCH = graphRoute(patchUser);
export const DELETE = graphRoute(removeUser);
export const dynamic = "force-dynamic";
