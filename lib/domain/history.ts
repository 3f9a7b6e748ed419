import { addDays } from "./lifecycle";

/**
 * Product history (the product page's chart of assigned against valid licenses): one snapshot
 * of each product's counts per UTC day, kept SNAPSHOT_RETENTION_DAYS days counting today. No
 * server-only import: the unit tests read it.
 */
export const SNAPSHOT_RETENTION_DAYS = 400;

/** Days of history the product page shows. */
export const HISTORY_DAYS = 90;

/** The UTC day of `date`, as its 00:00 UTC instant: the snapshots' key, the same wherever the server runs. */
export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The first day of the `days` days that end with `now`'s UTC day (today counts as one). */
export function firstDayOf(now: Date, days: number): Date {
  return addDays(utcDay(now), -(Math.max(1, Math.floor(days)) - 1));
}

/** The oldest day a snapshot is kept on `now`'s day: older ones are pruned. */
export function oldestKeptDay(now: Date): Date {
  return firstDayOf(now, SNAPSHOT_RETENTION_DAYS);
}

/**
 * The value axis of a chart of counts up to `max`: whole-number ticks from 0 at a step of 1, 2
 * or 5 times a power of ten, at most four steps, the last at or above `max`.
 */
export function countAxis(max: number): { top: number; ticks: number[] } {
  const want = Math.max(1, Math.ceil(max)) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, want)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= want) ?? 10 * magnitude;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return { top, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}
