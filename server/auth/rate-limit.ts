import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Failed sign-ins are limited per account and per client address (in this process's memory: a
 * multi-instance deployment would switch these to rate-limiter-flexible's Redis store).
 */
const WINDOW_SECONDS = 15 * 60;
const byAccount = new RateLimiterMemory({ keyPrefix: "sign-in-account", points: 5, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS });
const byAddress = new RateLimiterMemory({ keyPrefix: "sign-in-address", points: 30, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS });

export const RATE_LIMITED = "RATE_LIMITED";

async function isExhausted(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  const state = await limiter.get(key);
  return state !== null && state.remainingPoints <= 0;
}

export async function isSignInBlocked(account: string, address: string): Promise<boolean> {
  return (await isExhausted(byAccount, account)) || (await isExhausted(byAddress, address));
}

export async function recordFailedSignIn(account: string, address: string): Promise<void> {
  // consume() rejects once the budget is spent; the block itself is what we want.
  await Promise.allSettled([byAccount.consume(account), byAddress.consume(address)]);
}

export async function recordSuccessfulSignIn(account: string): Promise<void> {
  await byAccount.delete(account);
}

/** The client address as the server saw it (first X-Forwarded-For hop, set by Next's server). */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || "unknown";
}
