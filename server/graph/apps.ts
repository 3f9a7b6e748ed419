import "server-only";
import { randomUUID } from "node:crypto";
import { addDays } from "date-fns";
import { isRole, ROLES, type Role } from "@/lib/domain/roles";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { hashSecret, isLastUseStale, looksLikeSecret, newSecret } from "../credentials/secrets";
import { recordAudit } from "../data/audit-write";
import { transaction, type Tx } from "../db";
import { AppError } from "../errors";

/** The prefix of every client secret: a leaked one is recognizable (secret scanners, logs). */
const PREFIX = "lcapp_";

/** How long a new client secret lasts, as Entra ID offers (its recommended default: 180 days). */
export const SECRET_LIFETIMES = [90, 180, 365, 730] as const;
export type SecretLifetime = (typeof SECRET_LIFETIMES)[number];

export interface AppSecretRow {
  id: string;
  hint: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AppRow {
  id: string;
  clientId: string;
  name: string;
  roles: Role[];
  createdAt: Date;
  lastUsedAt: Date | null;
  secrets: AppSecretRow[];
}

export function parseRoles(stored: string): Role[] {
  return stored.split(",").filter(isRole);
}

function storedRoles(roles: readonly Role[]): string {
  return ROLES.filter((role) => roles.includes(role)).join(",");
}

const secretSelect = { id: true, hint: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

/** Every app registration with its secrets, newest first (Settings › App registrations; Global admins). */
export async function findApps(actor: Actor): Promise<AppRow[]> {
  await authorize(actor, "app.list");
  const apps = await transaction((tx) =>
    tx.appRegistration.findMany({
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        clientId: true,
        name: true,
        roles: true,
        createdAt: true,
        lastUsedAt: true,
        secrets: { select: secretSelect, orderBy: { createdAt: "desc" } },
      },
    }),
  );
  return apps.map((app) => ({ ...app, roles: parseRoles(app.roles) }));
}

async function insertSecret(tx: Tx, appId: string, days: SecretLifetime, now: Date) {
  const { value, hash } = newSecret(PREFIX);
  const { id, expiresAt } = await tx.appSecret.create({
    data: { appId, secretHash: hash, hint: value.slice(PREFIX.length, PREFIX.length + 3), createdAt: now, expiresAt: addDays(now, days) },
    select: { id: true, expiresAt: true },
  });
  return { secretId: id, clientSecret: value, expiresAt };
}

export interface CreateAppInput {
  name: string;
  roles: Role[];
  secretDays: SecretLifetime;
}

export interface CreatedApp {
  id: string;
  clientId: string;
  secretId: string;
  clientSecret: string;
  expiresAt: Date;
}

/** Creates an app with its first secret, in a transaction of the caller's (the CLI has no admin: actor null). */
export async function insertApp(tx: Tx, actor: Pick<Actor, "id" | "userPrincipalName"> | null, input: CreateAppInput, detail?: string) {
  if (input.roles.length === 0) throw new AppError("VALIDATION", { problem: "roles" });
  const now = new Date();
  const clientId = randomUUID();
  const { id } = await tx.appRegistration.create({
    data: { clientId, name: input.name, roles: storedRoles(input.roles), createdById: actor?.id ?? null, createdAt: now },
    select: { id: true },
  });
  const secret = await insertSecret(tx, id, input.secretDays, now);
  await recordAudit(tx, actor, {
    action: "app.create",
    targetType: "organization",
    targetId: id,
    targetName: input.name,
    after: { name: input.name, clientId, roles: parseRoles(storedRoles(input.roles)), secretExpiresAt: secret.expiresAt.toISOString() },
    detail,
  });
  return { id, clientId, ...secret } satisfies CreatedApp;
}

/** A new app registration; its first client secret is returned once, for the admin to copy. */
export async function createApp(actor: Actor, input: CreateAppInput): Promise<CreatedApp> {
  await authorize(actor, "app.create");
  return transaction((tx) => insertApp(tx, actor, input));
}

/** Another secret for an app (rotation: the old one keeps working until it is revoked or expires). */
export async function addAppSecret(
  actor: Actor,
  input: { appId: string; secretDays: SecretLifetime },
): Promise<{ secretId: string; clientSecret: string; expiresAt: Date }> {
  await authorize(actor, "app.addSecret", input.appId);
  return transaction(async (tx) => {
    const app = await tx.appRegistration.findUnique({ where: { id: input.appId }, select: { name: true } });
    if (!app) throw new AppError("NOT_FOUND");
    const secret = await insertSecret(tx, input.appId, input.secretDays, new Date());
    await recordAudit(tx, actor, {
      action: "app.addSecret",
      targetType: "organization",
      targetId: input.appId,
      targetName: app.name,
      after: { secretId: secret.secretId, expiresAt: secret.expiresAt.toISOString() },
    });
    return secret;
  });
}

/** Ends a secret: the next token request with it is refused, and so is every token issued with it. */
export async function revokeAppSecret(actor: Actor, input: { secretId: string }): Promise<{ revoked: boolean }> {
  await authorize(actor, "app.revokeSecret", input.secretId);
  return transaction(async (tx) => {
    const secret = await tx.appSecret.findUnique({
      where: { id: input.secretId },
      select: { revokedAt: true, hint: true, app: { select: { id: true, name: true } } },
    });
    if (!secret) throw new AppError("NOT_FOUND");
    if (secret.revokedAt) return { revoked: false };
    await tx.appSecret.update({ where: { id: input.secretId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "app.revokeSecret",
      targetType: "organization",
      targetId: secret.app.id,
      targetName: secret.app.name,
      after: { secretId: input.secretId, hint: secret.hint },
    });
    return { revoked: true };
  });
}

/** Deletes an app and its secrets: its tokens stop working at once. */
export async function deleteApp(actor: Actor, input: { appId: string }): Promise<{ deleted: boolean }> {
  await authorize(actor, "app.delete", input.appId);
  return transaction(async (tx) => {
    const app = await tx.appRegistration.findUnique({ where: { id: input.appId }, select: { name: true, clientId: true, roles: true } });
    if (!app) throw new AppError("NOT_FOUND");
    await tx.appRegistration.delete({ where: { id: input.appId } });
    await recordAudit(tx, actor, {
      action: "app.delete",
      targetType: "organization",
      targetId: input.appId,
      targetName: app.name,
      before: { clientId: app.clientId, roles: parseRoles(app.roles) },
    });
    return { deleted: true };
  });
}

/** A client that presented a live secret of an app: what a token is issued to. */
export interface VerifiedClient {
  appId: string;
  clientId: string;
  secretId: string;
  roles: Role[];
}

/**
 * Checks a client id and secret (the token endpoint): null unless the secret is one of that
 * app's, not revoked and not expired. Notes the secret's and app's last use.
 */
export async function verifyClientSecret(clientId: string, clientSecret: string): Promise<VerifiedClient | null> {
  if (!looksLikeSecret(clientSecret, PREFIX)) return null;
  const now = new Date();
  const secret = await transaction((tx) =>
    tx.appSecret.findUnique({
      where: { secretHash: hashSecret(clientSecret) },
      select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, app: { select: { id: true, clientId: true, roles: true } } },
    }),
  );
  if (!secret || secret.app.clientId !== clientId || secret.revokedAt || secret.expiresAt <= now) return null;
  if (isLastUseStale(secret.lastUsedAt, now)) {
    await transaction(async (tx) => {
      await tx.appSecret.update({ where: { id: secret.id }, data: { lastUsedAt: now } });
      await tx.appRegistration.update({ where: { id: secret.app.id }, data: { lastUsedAt: now } });
    });
  }
  return { appId: secret.app.id, clientId, secretId: secret.id, roles: parseRoles(secret.app.roles) };
}

/**
 * The actor an API call acts as: the app with the roles it holds now, read from the database on
 * every call, or null when the app is gone or the secret its token was issued with was revoked
 * or has expired. So a revoked secret or a removed role takes effect at once, whatever tokens
 * are still out.
 */
export async function appActor(appId: string, secretId: string): Promise<Actor | null> {
  const secret = await transaction((tx) =>
    tx.appSecret.findUnique({
      where: { id: secretId },
      select: { appId: true, revokedAt: true, expiresAt: true, app: { select: { name: true, roles: true, lastUsedAt: true } } },
    }),
  );
  if (!secret || secret.appId !== appId || secret.revokedAt || secret.expiresAt <= new Date()) return null;
  const roles = parseRoles(secret.app.roles);
  if (roles.length === 0) return null;
  return {
    id: appId,
    displayName: `App: ${secret.app.name}`,
    userPrincipalName: `app:${secret.app.name}`,
    roles,
    preferredLocale: null,
    client: "app",
  };
}
