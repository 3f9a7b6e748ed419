/** Failed sign-ins are limited per account (5) and per client address (30) within 15 minutes. */
import { describe, expect, it } from "vitest";
import { clientAddress, isSignInBlocked, recordFailedSignIn, recordSuccessfulSignIn } from "@/server/auth/rate-limit";

describe("sign-in rate limits", () => {
  it("blocks an account after 5 failures, from any address, and not its neighbours", async () => {
    for (let i = 0; i < 4; i++) await recordFailedSignIn("victim@contoso.example", `10.0.0.${i}`);
    expect(await isSignInBlocked("victim@contoso.example", "10.0.0.99")).toBe(false);
    await recordFailedSignIn("victim@contoso.example", "10.0.0.4");
    expect(await isSignInBlocked("victim@contoso.example", "10.0.0.99")).toBe(true);
    expect(await isSignInBlocked("neighbour@contoso.example", "10.0.0.99")).toBe(false);
  });

  it("blocks an address after 30 failures spread over many accounts", async () => {
    for (let i = 0; i < 29; i++) await recordFailedSignIn(`spray${i}@contoso.example`, "192.0.2.7");
    expect(await isSignInBlocked("fresh@contoso.example", "192.0.2.7")).toBe(false);
    await recordFailedSignIn("spray29@contoso.example", "192.0.2.7");
    expect(await isSignInBlocked("fresh@contoso.example", "192.0.2.7")).toBe(true);
    expect(await isSignInBlocked("fresh@contoso.example", "192.0.2.8")).toBe(false);
  });

  it("a successful sign-in clears the account's failures", async () => {
    for (let i = 0; i < 4; i++) await recordFailedSignIn("forgetful@contoso.example", "198.51.100.1");
    await recordSuccessfulSignIn("forgetful@contoso.example");
    await recordFailedSignIn("forgetful@contoso.example", "198.51.100.1");
    expect(await isSignInBlocked("forgetful@contoso.example", "198.51.100.2")).toBe(false);
  });

  it.each([
    [{ "x-forwarded-for": "203.0.113.5, 10.0.0.1" }, "203.0.113.5"],
    [{ "x-forwarded-for": ["203.0.113.6"] }, "203.0.113.6"],
    [{}, "unknown"],
    [undefined, "unknown"],
  ])("client address of %o is %s", (headers, expected) => {
    expect(clientAddress(headers)).toBe(expected);
  });
});
