import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The credentials that clients other than a signed-in admin hold — SCIM bearer tokens
 * (server/scim/tokens.ts) and app registrations' client secrets (server/graph/apps.ts) — are
 * made, stored and checked here, once: a random value with a recognizable prefix (secret
 * scanners, logs), shown once, of which only the SHA-256 is kept; a last use that is written at
 * most once a minute.
 */

/** A new secret with its prefix, and the hash to store. */
export function newSecret(prefix: string): { value: string; hash: string } {
  const value = prefix + randomBytes(32).toString("base64url");
  return { value, hash: hashSecret(value) };
}

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Whether a presented value can be one of ours: the prefix, and no longer than any we make. */
export function looksLikeSecret(value: string | null | undefined, prefix: string): value is string {
  return !!value && value.startsWith(prefix) && value.length <= 200;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(authorization: string | null): string | null {
  return authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}

/** How often a credential's "last used" is written: not on every request of a busy client. */
const LAST_USED_EVERY_MS = 60_000;

export function isLastUseStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_EVERY_MS;
}
