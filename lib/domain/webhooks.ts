import { ALERT_KINDS, isAlertKind, type AlertKind } from "./alerts";

/**
 * Signed webhooks for the alerts (Standard Webhooks, https://www.standardwebhooks.com): the rules
 * that need no server — which URLs an endpoint may have, its kinds, and the JSON each message
 * carries. No Node.js import: the forms' validation (lib/validation.ts) runs in the browser too.
 */

/** The test event an admin sends from Settings › Webhooks, besides the alert kinds. */
export const TEST_EVENT = "webhook.test";
export type WebhookEventType = AlertKind | typeof TEST_EVENT;

export const MAX_URL_LENGTH = 2000;
export const MAX_DESCRIPTION_LENGTH = 500;

export type WebhookUrlProblem = "webhookUrlInvalid" | "webhookUrlTooLong" | "webhookUrlCredentials";

/**
 * Why a URL can't be an endpoint's, or null when it can: an absolute http or https URL of at most
 * 2,000 characters, without a user name or password in it (they would be stored and shown in
 * plain text; the signature is what authenticates a message).
 */
export function webhookUrlProblem(value: string): WebhookUrlProblem | null {
  if (value.length > MAX_URL_LENGTH) return "webhookUrlTooLong";
  if (!/^https?:\/\//i.test(value)) return "webhookUrlInvalid";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "webhookUrlInvalid";
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return "webhookUrlInvalid";
  if (url.username !== "" || url.password !== "") return "webhookUrlCredentials";
  return null;
}

/** An endpoint's kinds as stored (a JSON array), in ALERT_KINDS order; unknown kinds are dropped. */
export function parseKinds(stored: string): AlertKind[] {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const kinds = new Set(value.filter((k): k is string => typeof k === "string" && isAlertKind(k)));
  return ALERT_KINDS.filter((kind) => kinds.has(kind));
}

export function storeKinds(kinds: readonly AlertKind[]): string {
  return JSON.stringify(ALERT_KINDS.filter((kind) => kinds.includes(kind)));
}

/** What an alert's message says, as the alert was raised (server/alerts/raise.ts keeps it). */
export interface AlertEventSource {
  id: string;
  kind: AlertKind;
  productId: string;
  subscriptionId: string | null;
  dueAt: Date | null;
  daysAhead: number | null;
  raisedAt: Date;
  detail: { productName: string; users: number; licenses?: number; free?: number; threshold?: number };
}

export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, string | number | null>;
}

/** The page that resolves an alert: the product, or its conflict's resolution (as the email links). */
export function alertPath(kind: AlertKind, productId: string): string {
  const product = `/billing/licenses/${encodeURIComponent(productId)}`;
  return kind === "conflict.created" || kind === "conflict.deadline" ? `${product}/resolve` : product;
}

/**
 * An alert's message: its type, when it was raised, and its figures, with an absolute link to
 * the page that resolves it. Built from the stored alert alone, so every retry sends the same body.
 */
export function alertPayload(alert: AlertEventSource, appUrl: string): WebhookPayload {
  return {
    type: alert.kind,
    timestamp: alert.raisedAt.toISOString(),
    data: {
      alertId: alert.id,
      productId: alert.productId,
      productName: alert.detail.productName,
      subscriptionId: alert.subscriptionId,
      dueAt: alert.dueAt?.toISOString() ?? null,
      daysAhead: alert.daysAhead,
      users: alert.detail.users,
      licenses: alert.detail.licenses ?? null,
      // "Few licenses left": how many are free, and the threshold they fell below.
      ...(alert.kind === "licenses.low" ? { free: alert.detail.free ?? 0, threshold: alert.detail.threshold ?? null } : {}),
      url: new URL(alertPath(alert.kind, alert.productId), appUrl).toString(),
    },
  };
}

/** The test event's message: which endpoint it was sent to, and a link to its settings. */
export function testPayload(endpointId: string, createdAt: Date, appUrl: string): WebhookPayload {
  return {
    type: TEST_EVENT,
    timestamp: createdAt.toISOString(),
    data: { endpointId, url: new URL("/settings/webhooks", appUrl).toString() },
  };
}

/** An answer or error kept for the delivery log: one line, at most 500 characters. */
export function truncateForLog(text: string, max = 500): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
