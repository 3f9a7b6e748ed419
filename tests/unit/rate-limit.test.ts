/**
 * Sign-in limits (in memory here; tests/integration/rate-limit-redis.test.ts runs them on Redis):
 * an attempt is taken before the password is checked; tight per account and address, looser per
 * account, never from an address the account signed in from; and the client address comes from
 * the socket unless proxies are trusted.
 */
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER, reserveSignInAttempt, signInSucceeded } from "@/server/auth/rate-limit";

async function attempts(account: string, address: string, count: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < count; i++) if (await reserveSignInAttempt(account, address)) allowed++;
  return allowed;
}

describe("sign-in limits", () => {
  it("30 concurrent guesses at one account from one address: exactly 5 may check a password", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => reserveSignInAttempt("target@contoso.example", "203.0.113.10")));
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it("five wrong guesses from one address block that address for the account, not the account's owner elsewhere", async () => {
    expect(await attempts("victim@contoso.example", "198.51.100.66", 6)).toBe(5);
    expect(await reserveSignInAttempt("victim@contoso.example", "192.0.2.1")).not.toBeNull();
    expect(await reserveSignInAttempt("neighbour@contoso.example", "198.51.100.66")).not.toBeNull();
  });

  it("the per-account limit stops a guesser rotating addresses, but not the owner from a known address", async () => {
    const owner = await reserveSignInAttempt("boss@contoso.example", "10.1.1.1");
    expect(owner).not.toBeNull();
    await signInSucceeded(owner!);
    let allowed = 0;
    for (let i = 0; i < 60; i++) allowed += await attempts("boss@contoso.example", `203.0.113.${i}`, 1);
    expect(allowed).toBe(50);
    expect(await reserveSignInAttempt("boss@contoso.example", "203.0.113.200")).toBeNull();
    expect(await reserveSignInAttempt("boss@contoso.example", "10.1.1.1")).not.toBeNull();
  });

  it("one address spraying many accounts is stopped after 100 attempts", async () => {
    let allowed = 0;
    for (let i = 0; i < 110; i++) allowed += await attempts(`spray${i}@contoso.example`, "192.0.2.77", 1);
    expect(allowed).toBe(100);
    expect(await reserveSignInAttempt("fresh@contoso.example", "192.0.2.78")).not.toBeNull();
  });

  it("a successful sign-in gives its attempts back", async () => {
    expect(await attempts("forgetful@contoso.example", "198.51.100.1", 4)).toBe(4);
    const fifth = await reserveSignInAttempt("forgetful@contoso.example", "198.51.100.1");
    await signInSucceeded(fifth!);
    expect(await attempts("forgetful@contoso.example", "198.51.100.1", 5)).toBe(5);
  });
});

describe("client address", () => {
  const peer = (address: string, forwardedFor?: string) => ({
    [PEER_HEADER]: address,
    ...(forwardedFor ? { "x-forwarded-for": `${forwardedFor}, ${address}` } : { "x-forwarded-for": address }),
  });

  it.each<[string, Record<string, string> | undefined, number, string]>([
    ["the socket's peer when no proxy is trusted", peer("203.0.113.5"), 0, "203.0.113.5"],
    ["a client's own X-Forwarded-For is ignored", peer("203.0.113.5", "1.2.3.4"), 0, "203.0.113.5"],
    ["rotating a forged X-Forwarded-For changes nothing", peer("203.0.113.5", "9.9.9.9, 8.8.8.8"), 0, "203.0.113.5"],
    ["behind one trusted proxy: the hop it appended", peer("10.0.0.2", "198.51.100.7"), 1, "198.51.100.7"],
    ["behind one trusted proxy, a forged entry before it is ignored", peer("10.0.0.2", "1.2.3.4, 198.51.100.7"), 1, "198.51.100.7"],
    ["two trusted proxies", peer("10.0.0.2", "1.2.3.4, 198.51.100.8, 10.0.0.9"), 2, "198.51.100.8"],
    ["more trusted hops than the chain has: the first", peer("10.0.0.2", "198.51.100.9"), 5, "198.51.100.9"],
    ["not served by npm start (no peer header): unknown", { "x-forwarded-for": "1.2.3.4" }, 0, "unknown"],
    ["no headers", undefined, 0, "unknown"],
  ])("%s", (_label, headers, trusted, expected) => {
    expect(clientAddress(headers, trusted)).toBe(expected);
  });
});
