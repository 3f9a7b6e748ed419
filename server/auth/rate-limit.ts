import "server-only";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";

/**
 * Sign-in attempts are limited before the password is checked: an attempt takes its points
 * first (atomically, in Redis when REDIS_URL is set, so every instance shares the limits; in this
 * process's memory otherwise), and only an attempt that got them is verified. So concurrent
 * guesses can never exceed a limit.
 *
 * As OWASP's authentication cheat sheet advises, the tight limit is per account *and* address:
 * five wrong guesses from one place block that place for that account, not the account's owner
 * elsewhere. Per account, a looser limit stops a distributed attack; it does not apply from an
 * address the account signed in from successfully in the last 21 days, so an attacker cannot
 * lock a real admin out from their own desk. Per address, a limit across accounts stops spraying.
 */
const MINUTE = 60;
const LIMITS = {
  accountAtAddress: { points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
  account: { points: 50, duration: 60 * MINUTE, blockDuration: 60 * MINUTE },
  address: { points: 100, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
  // The memory store expires keys with setTimeout, whose delay cannot exceed 24.8 days.
  knownAddress: { points: 1, duration: 21 * 24 * 60 * MINUTE },
} as const;
type LimitName = keyof typeof LIMITS;

export const RATE_LIMITED = "RATE_LIMITED";

type Limiters = Record<LimitName, RateLimiterAbstract>;

const holder = globalThis as unknown as { licenseCenterLimiters?: Limiters };

function createLimiters(): Limiters {
  const { REDIS_URL, RATE_LIMIT_PREFIX } = env();
  // Commands wait for the connection (right after a start, the first attempts must count in Redis
  // too); while Redis is away they fail after one reconnection attempt, and the memory limiter
  // stands in, so an outage neither opens the door nor locks everyone out.
  const redis = REDIS_URL ? new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }) : null;
  redis?.on("error", () => undefined);
  const make = (name: LimitName): RateLimiterAbstract => {
    const options = { keyPrefix: `${RATE_LIMIT_PREFIX}:${name}`, ...LIMITS[name] };
    return redis
      ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
      : new RateLimiterMemory(options);
  };
  return {
    accountAtAddress: make("accountAtAddress"),
    account: make("account"),
    address: make("address"),
    knownAddress: make("knownAddress"),
  };
}

function limiters(): Limiters {
  holder.licenseCenterLimiters ??= createLimiters();
  return holder.licenseCenterLimiters;
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

async function isKnownAddress(account: string, address: string): Promise<boolean> {
  return (await limiters().knownAddress.get(`${account}|${address}`)) !== null;
}

export interface SignInAttempt {
  account: string;
  address: string;
  /** Whether the attempt took a point of the per-account limit (not from a known address). */
  countsForAccount: boolean;
}

/**
 * Takes one attempt of every limit that applies; null when any is spent (the attempt must then
 * be refused without checking the password).
 */
export async function reserveSignInAttempt(account: string, address: string): Promise<SignInAttempt | null> {
  const l = limiters();
  const countsForAccount = !(await isKnownAddress(account, address));
  const taken = await Promise.all([
    take(l.accountAtAddress, `${account}|${address}`),
    take(l.address, address),
    countsForAccount ? take(l.account, account) : Promise.resolve(true),
  ]);
  return taken.every(Boolean) ? { account, address, countsForAccount } : null;
}

/** A successful sign-in: its attempt is given back, and the address is known for the account. */
export async function signInSucceeded({ account, address, countsForAccount }: SignInAttempt): Promise<void> {
  const l = limiters();
  await Promise.all([
    l.accountAtAddress.delete(`${account}|${address}`),
    l.address.reward(address, 1),
    countsForAccount ? l.account.reward(account, 1) : Promise.resolve(),
    l.knownAddress.set(`${account}|${address}`, 1, LIMITS.knownAddress.duration),
  ]);
}

/**
 * The header scripts/start.mjs sets to the socket's peer address (a client's own copy is
 * replaced), and appends to X-Forwarded-For. Only with it is the chain trustworthy.
 */
export const PEER_HEADER = "x-license-center-peer";

type Headers = Record<string, string | string[] | undefined> | undefined;

function header(headers: Headers, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * The client's address: the socket's peer, unless TRUSTED_PROXIES says how many proxies in front
 * of the app append to X-Forwarded-For (then the address that many hops before the peer). A
 * client's own X-Forwarded-For entries are never trusted. Served other than by `npm start` (no
 * peer header), the address is unknown.
 */
export function clientAddress(headers: Headers, trustedProxies = env().TRUSTED_PROXIES): string {
  const peer = header(headers, PEER_HEADER)?.trim();
  if (!peer) return "unknown";
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (chain[chain.length - 1] !== peer) chain.push(peer);
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
}

/**
 * The Graph API's limit per app (server/graph/http.ts): GRAPH_REQUESTS_PER_MINUTE requests a
 * minute, shared across instances through Redis when REDIS_URL is set, as the sign-in limits are.
 */
const holderApi = globalThis as unknown as { licenseCenterApiLimiter?: RateLimiterAbstract };

export function apiLimiter(): RateLimiterAbstract {
  if (!holderApi.licenseCenterApiLimiter) {
    const { REDIS_URL, RATE_LIMIT_PREFIX, GRAPH_REQUESTS_PER_MINUTE } = env();
    const options = { keyPrefix: `${RATE_LIMIT_PREFIX}:graph`, points: GRAPH_REQUESTS_PER_MINUTE, duration: MINUTE };
    const redis = REDIS_URL ? new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }) : null;
    redis?.on("error", () => undefined);
    holderApi.licenseCenterApiLimiter = redis
      ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
      : new RateLimiterMemory(options);
  }
  return holderApi.licenseCenterApiLimiter;
}

/** Takes one request of a client's limit: null when it may go on, else the seconds to wait (Retry-After). */
export async function takeApiRequest(key: string): Promise<number | null> {
  try {
    await apiLimiter().consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
