import { addDays } from "./lifecycle";

/**
 * Conflicts that will occur (Billing › Licenses › Upcoming): an Active subscription that is not
 * set to renew becomes Expired at the end of its term, and its licenses stop counting as valid
 * (lib/domain/lifecycle.ts). Walking a product's such term ends in date order, each one lowers
 * the valid licenses; where the assigned users then outnumber them, those users will need a valid
 * license. No server-only import: the unit tests read it.
 */
export const FORECAST_DAYS = 90;

export interface ForecastSubscription {
  id: string;
  quantity: number;
  endsAt: Date;
  autoRenew: boolean;
}

export interface ForecastEvent {
  date: Date;
  subscriptionId: string;
  /** Licenses that stop being valid on that day. */
  licenses: number;
  /** Users who will then need a valid license, in all (the product's conflict after that day). */
  usersNeedingLicense: number;
  /** Of those, users whose license this expiry takes (beyond any conflict before it). */
  newlyAffected: number;
}

/**
 * The product's coming conflicts, from its Active subscriptions, its valid licenses and its
 * assigned users now: one event per term end within `days` that leaves more users assigned than
 * licenses valid. Subscriptions set to renew automatically are skipped, as are terms ending after
 * the horizon or already ended.
 */
export function forecastConflicts(
  input: { subscriptions: readonly ForecastSubscription[]; valid: number; assigned: number },
  now: Date,
  days = FORECAST_DAYS,
): ForecastEvent[] {
  const horizon = addDays(now, days);
  const ending = input.subscriptions
    .filter((s) => !s.autoRenew && s.endsAt > now && s.endsAt <= horizon && s.quantity > 0)
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime() || (a.id < b.id ? -1 : 1));
  const events: ForecastEvent[] = [];
  let valid = input.valid;
  let conflicts = Math.max(0, input.assigned - valid);
  for (const subscription of ending) {
    valid = Math.max(0, valid - subscription.quantity);
    const after = Math.max(0, input.assigned - valid);
    if (after > conflicts) {
      events.push({
        date: subscription.endsAt,
        subscriptionId: subscription.id,
        licenses: subscription.quantity,
        usersNeedingLicense: after,
        newlyAffected: after - conflicts,
      });
    }
    conflicts = after;
  }
  return events;
}

export interface ValidStep {
  date: Date;
  /** Valid licenses from this day on. */
  valid: number;
}

/**
 * A product's valid licenses over the next `days` days as steps: today's, then one step at each
 * term end that doesn't renew (the product page's chart and its table).
 */
export function validOverTime(
  input: { subscriptions: readonly ForecastSubscription[]; valid: number },
  now: Date,
  days = FORECAST_DAYS,
): ValidStep[] {
  const horizon = addDays(now, days);
  const steps: ValidStep[] = [{ date: now, valid: input.valid }];
  let valid = input.valid;
  for (const s of [...input.subscriptions]
    .filter((sub) => !sub.autoRenew && sub.endsAt > now && sub.endsAt <= horizon && sub.quantity > 0)
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime())) {
    valid = Math.max(0, valid - s.quantity);
    const last = steps[steps.length - 1];
    if (last && last.date.getTime() === s.endsAt.getTime()) last.valid = valid;
    else steps.push({ date: s.endsAt, valid });
  }
  return steps;
}
