import { describe, expect, it } from "vitest";
import { forecastConflicts, validOverTime } from "@/lib/domain/forecast";

const NOW = new Date("2026-12-01T12:00:00Z");
const inDays = (n: number) => new Date(NOW.getTime() + n * 24 * 3600 * 1000);
const sub = (id: string, quantity: number, days: number, autoRenew = false) => ({ id, quantity, endsAt: inDays(days), autoRenew });

describe("conflicts that will occur", () => {
  it("a term ending with more users assigned than the licenses left: those users will need a valid license", () => {
    // 25 + 10 valid, 28 assigned: when the 25 expire, 18 users need one.
    expect(forecastConflicts({ subscriptions: [sub("a", 25, 42), sub("b", 10, 300)], valid: 35, assigned: 28 }, NOW)).toEqual([
      { date: inDays(42), subscriptionId: "a", licenses: 25, usersNeedingLicense: 18, newlyAffected: 18 },
    ]);
  });

  it("pooled subscriptions ending one after the other: each event says how many more users it affects", () => {
    const events = forecastConflicts(
      { subscriptions: [sub("late", 5, 80), sub("early", 5, 10), sub("stays", 10, 400)], valid: 20, assigned: 14 },
      NOW,
    );
    // After "early": 15 valid, no conflict. After "late": 10 valid, 4 users need one.
    expect(events.map((e) => [e.subscriptionId, e.usersNeedingLicense, e.newlyAffected])).toEqual([["late", 4, 4]]);
    const already = forecastConflicts({ subscriptions: [sub("x", 3, 5), sub("y", 2, 6)], valid: 5, assigned: 7 }, NOW);
    expect(already.map((e) => [e.subscriptionId, e.usersNeedingLicense, e.newlyAffected])).toEqual([
      ["x", 5, 3],
      ["y", 7, 2],
    ]);
  });

  it("skips subscriptions set to renew, terms past the horizon or already ended; the horizon's own day counts", () => {
    const subscriptions = [sub("renews", 10, 5, true), sub("later", 10, 91), sub("ended", 10, -1), sub("edge", 10, 90)];
    expect(forecastConflicts({ subscriptions, valid: 30, assigned: 25 }, NOW).map((e) => e.subscriptionId)).toEqual(["edge"]);
    expect(forecastConflicts({ subscriptions: [sub("a", 5, 10)], valid: 20, assigned: 15 }, NOW)).toEqual([]);
  });
});

describe("valid licenses over the next 90 days", () => {
  it("today's, then a step at each term end that doesn't renew; two ending on one day make one step", () => {
    const subscriptions = [sub("a", 5, 10), sub("b", 3, 10), sub("c", 4, 60), sub("renews", 10, 20, true), sub("later", 2, 120)];
    expect(validOverTime({ subscriptions, valid: 24 }, NOW)).toEqual([
      { date: NOW, valid: 24 },
      { date: inDays(10), valid: 16 },
      { date: inDays(60), valid: 12 },
    ]);
    expect(validOverTime({ subscriptions: [], valid: 3 }, NOW)).toEqual([{ date: NOW, valid: 3 }]);
  });
});
