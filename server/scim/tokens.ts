import "server-only";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../data/audit-write";
import { bearerToken, hashSecret, isLastUseStale, looksLikeSecret, newSecret } from "../credentials/secrets";

/** The prefix of every SCIM token: a leaked one is recognizable (secret scanners, logs). */
const PREFIX = "lcscim_";

export interface ScimTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every SCIM token, the live ones first (Settings › Provisioning; Global admins). */
export async function listScimTokens(actor: Actor): Promise<ScimTokenRow[]> {
  await authorize(actor, "scimToken.list");
  return transaction((tx) =>
    tx.scimToken.findMany({
      orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
      take: 200,
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    }),
  );
}

/** Creates a token in a transaction of the caller's (the CLI has no admin: its actor is null). */
export async function insertScimToken(tx: Tx, actor: Pick<Actor, "id" | "userPrincipalName"> | null, name: string, detail?: string) {
  const { value: token, hash } = newSecret(PREFIX);
  const { id } = await tx.scimToken.create({
    data: { name, tokenHash: hash, createdById: actor?.id ?? null },
    select: { id: true },
  });
  await recordAudit(tx, actor, {
    action: "scimToken.create",
    targetType: "organization",
    targetId: id,
    targetName: name,
    after: { name },
    detail,
  });
  return { id, token };
}

/**
 * A new SCIM token for an identity provider's provisioning (Entra ID's "Secret token"): its value
 * is returned once, for the admin to copy, and only its SHA-256 is kept.
 */
export async function createScimToken(actor: Actor, input: { name: string }): Promise<{ id: string; token: string }> {
  await authorize(actor, "scimToken.create");
  return transaction((tx) => insertScimToken(tx, actor, input.name));
}

/** Ends a token: the next request with it is refused (401). */
export async function revokeScimToken(actor: Actor, input: { tokenId: string }): Promise<{ revoked: boolean }> {
  await authorize(actor, "scimToken.revoke", input.tokenId);
  return transaction(async (tx) => {
    const token = await tx.scimToken.findUnique({ where: { id: input.tokenId }, select: { name: true, revokedAt: true } });
    if (!token) throw new AppError("NOT_FOUND");
    // Revoked already (a double submit): nothing more to do, and nothing more to audit.
    if (token.revokedAt) return { revoked: false };
    await tx.scimToken.update({ where: { id: input.tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "scimToken.revoke",
      targetType: "organization",
      targetId: input.tokenId,
      targetName: token.name,
    });
    return { revoked: true };
  });
}

/**
 * The provisioning client a request's `Authorization: Bearer …` names, as the actor its changes
 * are made and audited by ("SCIM: <token name>"), or null for a missing, unknown or revoked
 * token. It acts as a User admin: it adds, changes and removes users and groups, and, as a User
 * admin, can't change admins (they stay managed in License Center).
 */
export async function scimActor(authorization: string | null): Promise<Actor | null> {
  const presented = bearerToken(authorization);
  if (!looksLikeSecret(presented, PREFIX)) return null;
  const tokenHash = hashSecret(presented);
  const token = await transaction((tx) =>
    tx.scimToken.findUnique({ where: { tokenHash }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } }),
  );
  if (!token || token.revokedAt) return null;
  const now = new Date();
  if (isLastUseStale(token.lastUsedAt, now)) {
    await transaction((tx) => tx.scimToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }));
  }
  return {
    id: token.id,
    displayName: `SCIM: ${token.name}`,
    userPrincipalName: `scim:${token.name}`,
    roles: ["UserAdmin"],
    preferredLocale: null,
  };
}
