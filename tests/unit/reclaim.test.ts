import { describe, expect, it } from "vitest";
import { compareForReclaim, reclaimReason } from "@/lib/domain/reclaim";

const NOW = new Date("2026-12-01T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 3600 * 1000);

describe("whose license to reclaim first", () => {
  const user = (id: string, facts: { accountEnabled?: boolean; lastSignInAt?: Date | null; createdAt?: Date }) => ({
    id,
    accountEnabled: facts.accountEnabled ?? true,
    lastSignInAt: facts.lastSignInAt === undefined ? daysAgo(1) : facts.lastSignInAt,
    createdAt: facts.createdAt ?? daysAgo(400),
  });

  it("a blocked user, whatever their sign-ins; then never signed in (an account over 30 days old); then the rest", () => {
    expect(reclaimReason(user("a", { accountEnabled: false, lastSignInAt: daysAgo(0) }), NOW)).toEqual({ reason: "blocked", idleDays: 0 });
    expect(reclaimReason(user("b", { lastSignInAt: null, createdAt: daysAgo(45) }), NOW)).toEqual({
      reason: "neverSignedIn",
      idleDays: 45,
    });
    // A new account that never signed in hasn't had the chance: ranked with the active, by its age.
    expect(reclaimReason(user("c", { lastSignInAt: null, createdAt: daysAgo(29) }), NOW)).toEqual({ reason: "inactive", idleDays: 29 });
    expect(reclaimReason(user("d", { lastSignInAt: daysAgo(90) }), NOW)).toEqual({ reason: "inactive", idleDays: 90 });
  });

  it("orders blocked, never signed in, then the longest idle first, ties by id", () => {
    const users = [
      user("recent", { lastSignInAt: daysAgo(2) }),
      user("newAccount", { lastSignInAt: null, createdAt: daysAgo(3) }),
      user("idle90", { lastSignInAt: daysAgo(90) }),
      user("never", { lastSignInAt: null, createdAt: daysAgo(100) }),
      user("blocked", { accountEnabled: false }),
      user("idle90b", { lastSignInAt: daysAgo(90) }),
    ];
    expect(users.sort((a, b) => compareForReclaim(a, b, NOW)).map((u) => u.id)).toEqual([
      "blocked",
      "never",
      "idle90",
      "idle90b",
      "newAccount",
      "recent",
    ]);
  });
});
