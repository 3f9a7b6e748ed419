import { graphRoute } from "@/server/graph/http";
import { licenseDetails } from "@/server/graph/users";

export const GET = graphRoute(licenseDetails);
export const dynamic = "force-dynamic";
