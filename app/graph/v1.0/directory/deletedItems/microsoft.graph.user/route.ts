import { graphRoute } from "@/server/graph/http";
import { listDeletedUsers } from "@/server/graph/users";

export const GET = graphRoute(listDeletedUsers);
export const dynamic = "force-dynamic";
