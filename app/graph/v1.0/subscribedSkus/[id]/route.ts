import { graphRoute } from "@/server/graph/http";
import { getSubscribedSku } from "@/server/graph/skus";

export const GET = graphRoute(getSubscribedSku);
export const dynamic = "force-dynamic";
