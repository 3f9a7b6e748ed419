import "server-only";
import { randomUUID } from "node:crypto";
import { verifyClientSecret } from "./apps";
import { issueAccessToken, TOKEN_SECONDS } from "./token";

/** Entra ID's OAuth error shape: error, error_description (with its AADSTS code), error_codes, timestamp, trace and correlation ids. */
function oauthError(status: number, error: string, aadsts: number, description: string, correlationId: string): Response {
  const body = {
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${correlationId} Timestamp: ${new Date().toISOString().replace("T", " ").slice(0, 19)}Z`,
    error_codes: [aadsts],
    timestamp: new Date().toISOString().replace("T", " ").slice(0, 19) + "Z",
    trace_id: randomUUID(),
    correlation_id: correlationId,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...(status === 401 ? { "www-authenticate": 'Basic realm="License Center"' } : {}),
    },
  });
}

/** client_secret_basic: the client id and secret in an Authorization: Basic header (RFC 6749 §2.3.1). */
function basicCredentials(header: string | null): { id: string; secret: string } | null {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/**
 * POST /oauth2/v2.0/token with the client credentials grant, as Entra ID's endpoint answers it:
 * form-encoded grant_type=client_credentials, client_id, client_secret (or HTTP Basic) and
 * scope `<resource>/.default` → { token_type, expires_in, ext_expires_in, access_token }.
 */
export async function tokenRequest(request: Request): Promise<Response> {
  const correlationId = request.headers.get("client-request-id")?.slice(0, 100) ?? randomUUID();
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return oauthError(
      400,
      "invalid_request",
      900144,
      "The request body must be form-encoded (application/x-www-form-urlencoded).",
      correlationId,
    );
  const text = await request.text();
  if (text.length > 10_000) return oauthError(400, "invalid_request", 90014, "The request body is too large.", correlationId);
  const form = new URLSearchParams(text);
  const grantType = form.get("grant_type");
  if (!grantType)
    return oauthError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'grant_type'.",
      correlationId,
    );
  if (grantType !== "client_credentials")
    return oauthError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType.slice(0, 40)}'.`,
      correlationId,
    );
  const basic = basicCredentials(request.headers.get("authorization"));
  const clientId = basic?.id ?? form.get("client_id");
  const clientSecret = basic?.secret ?? form.get("client_secret");
  if (!clientId)
    return oauthError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", correlationId);
  const scope = form.get("scope");
  if (!scope)
    return oauthError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'scope'.", correlationId);
  if (!/^\S+\/\.default$/.test(scope.trim()))
    return oauthError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope.slice(0, 80)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      correlationId,
    );
  if (!clientSecret)
    return oauthError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      correlationId,
    );
  const client = await verifyClientSecret(clientId, clientSecret);
  if (!client)
    return oauthError(
      401,
      "invalid_client",
      7000215,
      "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.",
      correlationId,
    );
  const accessToken = await issueAccessToken(client);
  return new Response(
    JSON.stringify({ token_type: "Bearer", expires_in: TOKEN_SECONDS, ext_expires_in: TOKEN_SECONDS, access_token: accessToken }),
    {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", pragma: "no-cache" },
    },
  );
}
