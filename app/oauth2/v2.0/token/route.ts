import { tokenRequest } from "@/server/graph/token-endpoint";

/** The Graph API's token endpoint (client credentials grant), in Entra ID's shape. */
export const POST = tokenRequest;
export const dynamic = "force-dynamic";
