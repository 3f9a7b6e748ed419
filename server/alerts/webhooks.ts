import "server-only";
import { Webhook } from "standardwebhooks";
import { isAlertKind, MAX_ATTEMPTS, nextAttemptAfter, type AlertKind } from "@/lib/domain/alerts";
import { alertPayload, parseKinds, testPayload, truncateForLog, TEST_EVENT, type WebhookPayload } from "@/lib/domain/webhooks";
import { transaction, type Tx } from "../db";
import type { DeliveryRun } from "./deliver";
import type { AlertDetail } from "./raise";
import { decryptSecret, newMessageId, secretKey } from "./webhook-crypto";

/** How long a claimed delivery is this instance's to send; well beyond one request's timeout. */
const LEASE_MS = 2 * 60_000;
const BATCH = 50;
const TIMEOUT_MS = 10_000;
/** How much of a receiver's answer the delivery log keeps. */
const BODY_BYTES = 2048;
export const USER_AGENT = "LicenseCenter-Webhooks/1";

/**
 * In the alert's own transaction (server/alerts/raise.ts): one delivery to every enabled endpoint
 * that receives this kind, each with its message id. The alert's key is unique, so a delivery is
 * queued exactly once per alert and endpoint, however many instances raise.
 */
export async function queueAlertWebhooks(tx: Tx, alertId: string, kind: AlertKind, now: Date): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, kinds: true } });
  const to = endpoints.filter((e) => parseKinds(e.kinds).includes(kind));
  if (to.length === 0) return;
  await tx.webhookDelivery.createMany({
    data: to.map((e) => ({ id: newMessageId(), endpointId: e.id, alertId, kind, createdAt: now, nextAttemptAt: now })),
  });
}

export interface Webhooks {
  /** The app's public URL (NEXTAUTH_URL): the messages link to the page that resolves each alert. */
  appUrl: string;
  timeoutMs?: number;
}

/** Reads at most `limit` bytes of an answer (a receiver may send a large page) and drops the rest. */
async function readStart(response: Response, limit = BODY_BYTES): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${timeoutMs / 1000} s`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** The webhook-signature header: the current secret's signature, and the previous one's during its 24 hours. */
function signatures(secrets: readonly string[], messageId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" ");
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Outcome> {
  try {
    // A redirect is not followed: the receiver's URL is what the admin registered, and a 3xx is a failure.
    const response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const text = await readStart(response);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: truncateForLog(`HTTP ${response.status}${text ? `: ${text}` : ""}`) };
  } catch (error) {
    return { ok: false, status: null, error: truncateForLog(describeError(error, timeoutMs)) };
  }
}

/**
 * Sends the webhook messages that are due, to enabled endpoints, a batch at a time, as
 * deliverDueEmails sends emails: each claimed first with a guarded UPDATE and a lease, so two
 * instances never send it both; a 2xx answer is sent, anything else (another status, a timeout, a
 * refused connection) is tried again after 1, 5, 30, 120 and 360 minutes, then it has failed. Every
 * attempt carries the same webhook-id and body, signed anew (webhook-timestamp is the attempt's).
 */
export async function deliverDueWebhooks(hooks: Webhooks, now = new Date()): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  const timeoutMs = hooks.timeoutMs ?? TIMEOUT_MS;
  const free = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const due = await transaction((tx) =>
    tx.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, endpoint: { enabled: true }, ...free },
      orderBy: { nextAttemptAt: "asc" },
      take: BATCH,
      select: {
        id: true,
        kind: true,
        attempts: true,
        createdAt: true,
        endpoint: { select: { id: true, url: true, secret: true, previousSecret: true, previousSecretUntil: true } },
        alert: {
          select: {
            id: true,
            kind: true,
            productId: true,
            subscriptionId: true,
            dueAt: true,
            daysAhead: true,
            raisedAt: true,
            detail: true,
          },
        },
      },
    }),
  );
  for (const delivery of due) {
    // The lease runs from the later of `now` and the clock: a long batch must not claim with a lease already over.
    const leaseUntil = new Date(Math.max(now.getTime(), Date.now()) + LEASE_MS);
    const claimed = await transaction((tx) =>
      tx.webhookDelivery.updateMany({
        where: { id: delivery.id, status: "pending", ...free },
        data: { leaseUntil, attempts: { increment: 1 } },
      }),
    );
    if (claimed.count === 0) continue;
    const attempts = delivery.attempts + 1;
    const outcome = await attempt(delivery, hooks.appUrl, now, timeoutMs);
    const retryAt = !outcome.ok && attempts < MAX_ATTEMPTS ? nextAttemptAfter(attempts, now) : null;
    // updateMany: the endpoint (and with it this delivery) may have been deleted while it was sent.
    await transaction((tx) =>
      tx.webhookDelivery.updateMany({
        where: { id: delivery.id },
        data: outcome.ok
          ? { status: "sent", sentAt: new Date(), leaseUntil: null, lastStatus: outcome.status, lastError: null }
          : retryAt
            ? { nextAttemptAt: retryAt, leaseUntil: null, lastStatus: outcome.status, lastError: outcome.error }
            : { status: "failed", leaseUntil: null, lastStatus: outcome.status, lastError: outcome.error },
      }),
    );
    if (outcome.ok) run.sent++;
    else if (retryAt) run.retrying++;
    else run.failed++;
  }
  return run;
}

interface DueDelivery {
  id: string;
  kind: string;
  createdAt: Date;
  endpoint: { id: string; url: string; secret: string; previousSecret: string | null; previousSecretUntil: Date | null };
  alert: {
    id: string;
    kind: string;
    productId: string;
    subscriptionId: string | null;
    dueAt: Date | null;
    daysAhead: number | null;
    raisedAt: Date;
    detail: string;
  } | null;
}

function payloadOf(delivery: DueDelivery, appUrl: string): WebhookPayload {
  if (delivery.kind === TEST_EVENT || !delivery.alert) return testPayload(delivery.endpoint.id, delivery.createdAt, appUrl);
  const { alert } = delivery;
  if (!isAlertKind(alert.kind)) throw new Error(`unknown alert kind ${alert.kind}`);
  return alertPayload({ ...alert, kind: alert.kind, detail: JSON.parse(alert.detail) as AlertDetail }, appUrl);
}

async function attempt(delivery: DueDelivery, appUrl: string, now: Date, timeoutMs: number): Promise<Outcome> {
  let body: string;
  try {
    body = JSON.stringify(payloadOf(delivery, appUrl));
  } catch (error) {
    return { ok: false, status: null, error: truncateForLog(`not sent: ${error instanceof Error ? error.message : String(error)}`) };
  }
  const secrets: string[] = [];
  try {
    const key = secretKey();
    const { secret, previousSecret, previousSecretUntil } = delivery.endpoint;
    secrets.push(decryptSecret(secret, key));
    if (previousSecret && previousSecretUntil && previousSecretUntil > now) secrets.push(decryptSecret(previousSecret, key));
  } catch (error) {
    // A secret that no longer decrypts (NEXTAUTH_SECRET changed): the admin must rotate it.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, error: truncateForLog(`not sent: the signing secret cannot be decrypted (${reason}); rotate it`) };
  }
  // Signed with the clock, not `now`: receivers reject timestamps more than a few minutes off.
  const at = new Date();
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "webhook-id": delivery.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures(secrets, delivery.id, at, body),
  };
  return post(delivery.endpoint.url, headers, body, timeoutMs);
}
