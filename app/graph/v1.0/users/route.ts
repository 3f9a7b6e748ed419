import { graphRoute } from "@/server/graph/http";
import { listUsers, postUser } from "@/server/graph/users";

export const GET = graphRoute(listUsers);
export const POST = graphRoute(postUser);
export const dynamic = "force-dynamic";
