import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AlertKind } from "@/lib/domain/alerts";
import { parseKinds, storeKinds, TEST_EVENT } from "@/lib/domain/webhooks";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { transaction, type Tx } from "../db";
import { AppError } from "../errors";
import { encryptSecret, generateWebhookSecret, newMessageId, secretKey } from "../alerts/webhook-crypto";
import { recordAudit } from "./audit-write";

/** After a rotation, requests carry the previous secret's signature too for this long. */
export const PREVIOUS_SECRET_MS = 24 * 60 * 60_000;
export const DELIVERY_PAGE_SIZE = 50;

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string;
  kinds: AlertKind[];
  enabled: boolean;
  createdAt: Date;
  disabledAt: Date | null;
  /** The latest delivery: when it was created, how it stands, the last HTTP status. */
  lastDelivery: { createdAt: Date; status: string; lastStatus: number | null } | null;
}

/** Settings › Webhooks: every endpoint, the oldest first, with its latest delivery. Never a secret. */
export async function findWebhookEndpoints(actor: Actor): Promise<WebhookEndpointRow[]> {
  await authorize(actor, "webhook.read");
  const rows = await transaction((tx) =>
    tx.webhookEndpoint.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        url: true,
        description: true,
        kinds: true,
        enabled: true,
        createdAt: true,
        disabledAt: true,
        deliveries: {
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
          select: { createdAt: true, status: true, lastStatus: true },
        },
      },
    }),
  );
  return rows.map(({ deliveries, kinds, ...row }) => ({ ...row, kinds: parseKinds(kinds), lastDelivery: deliveries[0] ?? null }));
}

export interface WebhookDeliveryRow {
  id: string;
  createdAt: Date;
  endpointUrl: string;
  kind: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
}

/** The delivery log, the latest first, a page of 50 at a time. */
export async function findWebhookDeliveries(actor: Actor, page: number): Promise<{ rows: WebhookDeliveryRow[]; total: number }> {
  await authorize(actor, "webhook.read");
  return transaction(async (tx) => {
    const [total, rows] = await Promise.all([
      tx.webhookDelivery.count(),
      tx.webhookDelivery.findMany({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * DELIVERY_PAGE_SIZE,
        take: DELIVERY_PAGE_SIZE,
        select: {
          id: true,
          createdAt: true,
          kind: true,
          status: true,
          attempts: true,
          lastStatus: true,
          lastError: true,
          nextAttemptAt: true,
          sentAt: true,
          endpoint: { select: { url: true } },
        },
      }),
    ]);
    return { total, rows: rows.map(({ endpoint, ...row }) => ({ ...row, endpointUrl: endpoint.url })) };
  });
}

async function endpointOrThrow(tx: Tx, id: string) {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { id: true, url: true, enabled: true, secret: true } });
  if (!endpoint) throw new AppError("NOT_FOUND");
  return endpoint;
}

/**
 * Adds an endpoint with a new secret and answers with that secret, which is shown this once: only
 * its encryption is stored, and the audit record names the URL and kinds, never the secret. A URL
 * that already has an endpoint is refused (a double submit adds nothing).
 */
export async function createWebhookEndpoint(
  actor: Actor,
  input: { url: string; description: string; kinds: readonly AlertKind[] },
): Promise<{ endpointId: string; secret: string }> {
  await authorize(actor, "webhook.manage");
  const secret = generateWebhookSecret();
  try {
    return await transaction(async (tx) => {
      if (await tx.webhookEndpoint.findUnique({ where: { url: input.url }, select: { id: true } })) throw new AppError("WEBHOOK_URL_TAKEN");
      const kinds = parseKinds(storeKinds(input.kinds));
      const { id } = await tx.webhookEndpoint.create({
        data: {
          url: input.url,
          description: input.description,
          kinds: storeKinds(kinds),
          secret: encryptSecret(secret, secretKey()),
          createdById: actor.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "webhook.manage",
        targetId: id,
        targetName: input.url,
        after: { change: "created", url: input.url, description: input.description, kinds },
      });
      return { endpointId: id, secret };
    });
  } catch (error) {
    // Another request added the same URL between our check and our insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("WEBHOOK_URL_TAKEN");
    throw error;
  }
}

/**
 * Enables or disables an endpoint. A disabled one gets nothing: its pending deliveries wait and go
 * out once it is enabled again. Setting the state it already has changes (and audits) nothing.
 */
export async function setWebhookEnabled(actor: Actor, input: { endpointId: string; enabled: boolean }): Promise<{ changed: boolean }> {
  await authorize(actor, "webhook.manage", input.endpointId);
  return transaction(async (tx) => {
    const endpoint = await endpointOrThrow(tx, input.endpointId);
    if (endpoint.enabled === input.enabled) return { changed: false };
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { enabled: input.enabled, disabledAt: input.enabled ? null : new Date() },
    });
    await recordAudit(tx, actor, {
      action: "webhook.manage",
      targetId: endpoint.id,
      targetName: endpoint.url,
      before: { enabled: endpoint.enabled },
      after: { change: input.enabled ? "enabled" : "disabled", enabled: input.enabled },
    });
    return { changed: true };
  });
}

/**
 * Gives an endpoint a new secret, shown this once. The previous one keeps signing beside it for
 * 24 hours (webhook-signature then holds both), so the receiver can switch without losing messages.
 */
export async function rotateWebhookSecret(actor: Actor, input: { endpointId: string }, now = new Date()): Promise<{ secret: string }> {
  await authorize(actor, "webhook.manage", input.endpointId);
  const secret = generateWebhookSecret();
  return transaction(async (tx) => {
    const endpoint = await endpointOrThrow(tx, input.endpointId);
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secret: encryptSecret(secret, secretKey()),
        previousSecret: endpoint.secret,
        previousSecretUntil: new Date(now.getTime() + PREVIOUS_SECRET_MS),
      },
    });
    await recordAudit(tx, actor, {
      action: "webhook.manage",
      targetId: endpoint.id,
      targetName: endpoint.url,
      after: { change: "rotated" },
    });
    return { secret };
  });
}

/** Deletes an endpoint and its deliveries (pending ones are not sent). */
export async function deleteWebhookEndpoint(actor: Actor, input: { endpointId: string }): Promise<{ deleted: true }> {
  await authorize(actor, "webhook.manage", input.endpointId);
  return transaction(async (tx) => {
    const endpoint = await endpointOrThrow(tx, input.endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, actor, {
      action: "webhook.manage",
      targetId: endpoint.id,
      targetName: endpoint.url,
      before: { url: endpoint.url, enabled: endpoint.enabled },
      after: { change: "deleted" },
    });
    return { deleted: true };
  });
}

/** Queues a webhook.test message to an enabled endpoint; the scheduler's next pass sends it. */
export async function sendTestWebhook(actor: Actor, input: { endpointId: string }, now = new Date()): Promise<{ messageId: string }> {
  await authorize(actor, "webhook.manage", input.endpointId);
  return transaction(async (tx) => {
    const endpoint = await endpointOrThrow(tx, input.endpointId);
    if (!endpoint.enabled) throw new AppError("WEBHOOK_DISABLED");
    const messageId = newMessageId();
    await tx.webhookDelivery.create({
      data: { id: messageId, endpointId: endpoint.id, kind: TEST_EVENT, createdAt: now, nextAttemptAt: now },
    });
    await recordAudit(tx, actor, {
      action: "webhook.manage",
      targetId: endpoint.id,
      targetName: endpoint.url,
      after: { change: "test", messageId },
    });
    return { messageId };
  });
}
