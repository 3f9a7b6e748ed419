/**
 * Subscription lifecycle, as Microsoft 365 runs it for most offers:
 * Active until the term ends, then Expired (30 days of grace, users keep access),
 * Disabled (90 days, users lose access, no new assignments), then Deleted.
 */
export const EXPIRED_GRACE_DAYS = 30;
export const DISABLED_DAYS = 90;
/** Reducing the quantity below what is assigned leaves admins this long to resolve the excess. */
export const REDUCTION_GRACE_DAYS = 90;
/** Deleted users can be restored for this long, then they are purged. */
export const USER_RESTORE_DAYS = 30;

export type LifecycleState = "Active" | "Expired" | "Disabled" | "Deleted";

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * A subscription stops being Active at `endsAt`, the end of its term. Cancelling moves `endsAt`
 * to the cancellation time, so one column drives both the domain and the database aggregates.
 */
export interface SubscriptionDates {
  endsAt: Date;
}

export function lifecycleState(subscription: SubscriptionDates, now: Date): LifecycleState {
  const lapse = subscription.endsAt;
  if (now < lapse) return "Active";
  if (now < addDays(lapse, EXPIRED_GRACE_DAYS)) return "Expired";
  if (now < addDays(lapse, EXPIRED_GRACE_DAYS + DISABLED_DAYS)) return "Disabled";
  return "Deleted";
}

/** When the subscription moves to its next state; null once Deleted. */
export function nextTransitionAt(subscription: SubscriptionDates, now: Date): Date | null {
  const lapse = subscription.endsAt;
  switch (lifecycleState(subscription, now)) {
    case "Active":
      return lapse;
    case "Expired":
      return addDays(lapse, EXPIRED_GRACE_DAYS);
    case "Disabled":
      return addDays(lapse, EXPIRED_GRACE_DAYS + DISABLED_DAYS);
    case "Deleted":
      return null;
  }
}

/**
 * Boundaries on `endsAt` that put a subscription in each state at `now`, so that the
 * database can aggregate per state: Active when endsAt > now; Expired when
 * expiredSince < endsAt <= now; Disabled when disabledSince < endsAt <= expiredSince.
 */
export function lifecycleWindows(now: Date): { expiredSince: Date; disabledSince: Date } {
  return {
    expiredSince: addDays(now, -EXPIRED_GRACE_DAYS),
    disabledSince: addDays(now, -(EXPIRED_GRACE_DAYS + DISABLED_DAYS)),
  };
}

export function restoreDeadline(deletedAt: Date): Date {
  return addDays(deletedAt, USER_RESTORE_DAYS);
}

export function isRestorable(deletedAt: Date, now: Date): boolean {
  return now < restoreDeadline(deletedAt);
}
