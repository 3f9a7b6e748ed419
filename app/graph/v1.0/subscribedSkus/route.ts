import { graphRoute } from "@/server/graph/http";
import { getSubscribedSkus } from "@/server/graph/skus";

export const GET = graphRoute(getSubscribedSkus);
export const dynamic = "force-dynamic";
