import type { Role } from "./roles";

/**
 * What the alert scheduler raises (server/alerts/), and who gets it by email unless they chose
 * otherwise. No server-only import: the unit tests read it.
 */
export const ALERT_KINDS = [
  "subscription.expiring",
  "subscription.disabling",
  "conflict.created",
  "conflict.deadline",
  "licenses.low",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export function isAlertKind(value: string): value is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(value);
}

/** The largest "few licenses left" threshold: a product's free licenses below it raise an alert. */
export const MAX_LOW_LICENSE_THRESHOLD = 100_000;

/** How many days ahead of its date each dated alert is raised, farthest first. */
export const DAYS_AHEAD = {
  "subscription.expiring": [30, 7, 1],
  "subscription.disabling": [30, 7, 1],
  "conflict.deadline": [7, 1],
} as const satisfies Partial<Record<AlertKind, readonly number[]>>;

export type DatedAlertKind = keyof typeof DAYS_AHEAD;

const DAY_MS = 86_400_000;

/**
 * Which of a dated alert's thresholds to raise now, or null: the nearest one whose moment (the
 * date less that many days) has passed while the date itself has not, unless an alert at that
 * threshold or a nearer one was raised already. After downtime that skipped the 30-day moment, an
 * admin gets the 7-day alert once, not both; and never the 30-day one after the 7-day one.
 */
export function dueThreshold(dueAt: Date, now: Date, thresholds: readonly number[], raised: readonly number[]): number | null {
  if (now >= dueAt) return null;
  const passed = thresholds.filter((days) => now.getTime() >= dueAt.getTime() - days * DAY_MS);
  if (passed.length === 0) return null;
  const nearest = Math.min(...passed);
  return raised.some((days) => days <= nearest) ? null : nearest;
}

/** The key that makes an alert unique: its kind, what it is about, its date and its threshold. */
export function alertKey(kind: AlertKind, about: string, dueAt: Date | null, daysAhead: number | null): string {
  return [kind, about, dueAt?.toISOString() ?? "-", daysAhead ?? "-"].join(":");
}

const DEFAULT_KINDS: Record<Role, readonly AlertKind[]> = {
  GlobalAdmin: ALERT_KINDS,
  BillingAdmin: ["subscription.expiring", "subscription.disabling", "licenses.low"],
  LicenseAdmin: ["conflict.created", "conflict.deadline", "licenses.low"],
  UserAdmin: [],
  GlobalReader: [],
};

/**
 * Whether an admin gets this kind of alert by email: their own choice where they made one,
 * otherwise their roles' defaults (Billing admins the subscription alerts, License admins the
 * conflict alerts, both the "few licenses left" one, Global admins all).
 */
export function wantsEmail(kind: AlertKind, roles: readonly Role[], choices: ReadonlyMap<AlertKind, boolean>): boolean {
  return choices.get(kind) ?? roles.some((role) => DEFAULT_KINDS[role].includes(kind));
}

/** Delivery retries: 1 minute, then 5, 30, 2 hours and 6 hours; after that it has failed. */
const BACKOFF_MINUTES = [1, 5, 30, 120, 360] as const;
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;

/** When to try a delivery again after its `attempts`-th failure; null once it has failed for good. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const minutes = BACKOFF_MINUTES[attempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}
