import { addDays, EXPIRED_GRACE_DAYS, REDUCTION_GRACE_DAYS } from "./lifecycle";

/** Per-product license totals, aggregated by the database. */
export interface ProductTotals {
  /** Licenses of Active subscriptions. */
  valid: number;
  /** Licenses of subscriptions in their 30-day Expired grace. */
  expired: number;
  /** Licenses of Disabled subscriptions. */
  disabled: number;
  /** Assignments of users who are not deleted. */
  assigned: number;
  /** Earliest lapse among Expired subscriptions (their grace ends 30 days later). */
  earliestExpiredLapse: Date | null;
  /** Latest reduction below what was assigned among Active subscriptions. */
  latestReduction: Date | null;
  /**
   * Licenses of users a restore brought back while no license was free, since the product's
   * latest reduction or lapse (an older restore's license got a seat before that change).
   */
  restoredWithoutSeat: number;
}

export type ConflictCause = "expired" | "restored" | "reduced" | "overassigned";

export interface ConflictPart {
  cause: ConflictCause;
  users: number;
  /**
   * The licenses behind the cause: for "expired" every license in its grace (4 expired
   * licenses may leave 3 users without a valid one), otherwise the users' count.
   */
  licenses: number;
  /** When those users lose access; null when no grace applies. */
  deadline: Date | null;
}

export interface LicenseSummary {
  valid: number;
  expired: number;
  disabled: number;
  assigned: number;
  /** valid − assigned, never below zero. */
  available: number;
  /** assigned − valid, never below zero: how many users need a valid license. */
  conflicts: number;
  parts: ConflictPart[];
  /** The earliest deadline among the parts, for sorting and the page warning. */
  deadline: Date | null;
}

/**
 * The conflict rule. Excess assignments are explained first by licenses in Expired grace
 * (those users keep access until the grace ends), then by users restored while no license was
 * free (their licenses stand at the back of the queue: they are the ones who need a valid
 * license, with no grace), then by a reduced quantity (90 days from the reduction), and any
 * rest by assignments beyond anything purchased.
 */
export function summarizeLicenses(totals: ProductTotals): LicenseSummary {
  const { valid, expired, disabled, assigned } = totals;
  const available = Math.max(0, valid - assigned);
  const conflicts = Math.max(0, assigned - valid);
  const parts: ConflictPart[] = [];
  let rest = conflicts;

  const fromExpired = Math.min(rest, expired);
  if (fromExpired > 0) {
    parts.push({
      cause: "expired",
      users: fromExpired,
      licenses: expired,
      deadline: totals.earliestExpiredLapse ? addDays(totals.earliestExpiredLapse, EXPIRED_GRACE_DAYS) : null,
    });
    rest -= fromExpired;
  }
  const fromRestored = Math.min(rest, totals.restoredWithoutSeat);
  if (fromRestored > 0) {
    parts.push({ cause: "restored", users: fromRestored, licenses: fromRestored, deadline: null });
    rest -= fromRestored;
  }
  if (rest > 0 && totals.latestReduction) {
    parts.push({ cause: "reduced", users: rest, licenses: rest, deadline: addDays(totals.latestReduction, REDUCTION_GRACE_DAYS) });
    rest = 0;
  }
  if (rest > 0) parts.push({ cause: "overassigned", users: rest, licenses: rest, deadline: null });

  const deadlines = parts.flatMap((part) => (part.deadline ? [part.deadline.getTime()] : []));
  const deadline = deadlines.length > 0 ? new Date(Math.min(...deadlines)) : null;
  return { valid, expired, disabled, assigned, available, conflicts, parts, deadline };
}

/** Whether `count` more licenses can be assigned without creating a conflict. */
export function canAssign(summary: Pick<LicenseSummary, "valid" | "assigned">, count: number): boolean {
  return summary.assigned + count <= summary.valid;
}

/** How many users would need a valid license after a subscription's quantity changes. */
export function conflictsAfterQuantityChange(
  summary: Pick<LicenseSummary, "valid" | "assigned">,
  currentQuantity: number,
  newQuantity: number,
): number {
  return Math.max(0, summary.assigned - (summary.valid - currentQuantity + newQuantity));
}
