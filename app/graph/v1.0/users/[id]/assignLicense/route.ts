import { graphRoute } from "@/server/graph/http";
import { assignLicense } from "@/server/graph/users";

export const POST = graphRoute(assignLicense);
export const dynamic = "force-dynamic";
