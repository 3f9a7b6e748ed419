import { graphRoute } from "@/server/graph/http";
import { restoreDeletedUser } from "@/server/graph/users";

export const POST = graphRoute(restoreDeletedUser);
export const dynamic = "force-dynamic";
