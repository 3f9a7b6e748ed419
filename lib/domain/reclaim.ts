import { differenceInCalendarDays, subDays } from "date-fns";

/**
 * Whose license to reclaim first when a product is in conflict: users whose sign-in is blocked,
 * then users who never signed in (with an account older than NEW_ACCOUNT_DAYS: a new account has
 * not had the chance), then the longest inactive. No server-only import: the unit tests and the
 * planner page read it.
 */
export const RECLAIM_REASONS = ["blocked", "neverSignedIn", "inactive"] as const;
export type ReclaimReason = (typeof RECLAIM_REASONS)[number];

/** An account younger than this that never signed in is not proposed for its never signing in. */
export const NEW_ACCOUNT_DAYS = 30;

export interface ReclaimCandidateFacts {
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
}

/** Why a holder is proposed, and how many days they have been idle (since their last sign-in, or since their account was made). */
export function reclaimReason(user: ReclaimCandidateFacts, now: Date): { reason: ReclaimReason; idleDays: number } {
  const idleSince = user.lastSignInAt ?? user.createdAt;
  const idleDays = Math.max(0, differenceInCalendarDays(now, idleSince));
  if (!user.accountEnabled) return { reason: "blocked", idleDays };
  if (!user.lastSignInAt && user.createdAt < subDays(now, NEW_ACCOUNT_DAYS)) return { reason: "neverSignedIn", idleDays };
  return { reason: "inactive", idleDays };
}

/** The planner's order, as its SQL sorts (server/data/reclaim.ts): reason first, then the longest idle, then by id. */
export function compareForReclaim(a: ReclaimCandidateFacts & { id: string }, b: ReclaimCandidateFacts & { id: string }, now: Date): number {
  const [ra, rb] = [reclaimReason(a, now), reclaimReason(b, now)];
  const rank = RECLAIM_REASONS.indexOf(ra.reason) - RECLAIM_REASONS.indexOf(rb.reason);
  if (rank !== 0) return rank;
  const idle = (a.lastSignInAt ?? a.createdAt).getTime() - (b.lastSignInAt ?? b.createdAt).getTime();
  if (idle !== 0) return idle;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
