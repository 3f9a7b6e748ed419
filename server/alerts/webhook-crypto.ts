import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** A new signing secret in the Standard Webhooks format: whsec_ and 32 random bytes, base64. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** A new message id (webhook-id): msg_ and 16 random bytes, hex. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("hex")}`;
}

/**
 * The key that encrypts the secrets at rest, derived from the app's own secret (NEXTAUTH_SECRET)
 * with HKDF-SHA256, so it is never stored beside the data it protects. Changing NEXTAUTH_SECRET
 * makes the stored secrets unreadable: rotate each endpoint's secret afterwards.
 */
export function deriveSecretKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "license-center", "webhook-endpoint-secret-v1", 32));
}

const VERSION = "v1";
/** Ties a ciphertext to its purpose: a value encrypted for something else does not decrypt here. */
const ASSOCIATED = Buffer.from("license-center:webhook-secret");

/** AES-256-GCM with a random 96-bit nonce: `v1.<nonce>.<tag>.<ciphertext>`, each base64url. */
export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(ASSOCIATED);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret back; throws when the value was altered or encrypted with another key. */
export function decryptSecret(stored: string, key: Buffer): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not an encrypted webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(ASSOCIATED);
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * The deployment's key. Without NEXTAUTH_SECRET (allowed only outside production, lib/env.ts) a
 * fixed development value stands in, so a development database's secrets are not protected.
 */
export function secretKey(): Buffer {
  return deriveSecretKey(env().NEXTAUTH_SECRET ?? "license-center-development-only-not-a-secret");
}
