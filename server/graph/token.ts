import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { graphPermissionsOf } from "@/lib/domain/graph";
import { env } from "@/lib/env";
import type { VerifiedClient } from "./apps";

/** An access token's lifetime, as Entra ID's for the client credentials grant (about an hour). */
export const TOKEN_SECONDS = 3599;
const ISSUER = "license-center";
const AUDIENCE = "license-center-graph";

/**
 * The key access tokens are signed with (HS256), derived from NEXTAUTH_SECRET with HKDF so it is
 * never stored; changing NEXTAUTH_SECRET ends every token. Without it (allowed only outside
 * production, lib/env.ts) a fixed development value stands in.
 */
function signingKey(): Uint8Array {
  const secret = env().NEXTAUTH_SECRET ?? "license-center-development-only-not-a-secret";
  return new Uint8Array(hkdfSync("sha256", secret, "license-center", "graph-access-token-v1", 32));
}

/**
 * A signed access token for a client that presented a live secret. Its `roles` claim names the
 * Graph permissions of the app's roles for the client to read; the API itself authorizes every
 * call from the app's roles as they are in the database then, and checks the secret is still live.
 */
export async function issueAccessToken(client: VerifiedClient, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    appid: client.clientId,
    azp: client.clientId,
    roles: graphPermissionsOf(client.roles),
    sid: client.secretId,
    idtyp: "app",
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(client.appId)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_SECONDS)
    .sign(signingKey());
}

/** The app and secret a valid, unexpired token of ours names, or null. */
export async function verifyAccessToken(token: string): Promise<{ appId: string; secretId: string } | null> {
  if (token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, signingKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return { appId: payload.sub, secretId: payload.sid };
  } catch {
    return null;
  }
}
