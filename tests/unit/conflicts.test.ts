import { describe, expect, it } from "vitest";
import { canAssign, conflictsAfterQuantityChange, summarizeLicenses, type ConflictPart, type ProductTotals } from "@/lib/domain/conflicts";
import { addDays, lifecycleState } from "@/lib/domain/lifecycle";

const now = new Date("2026-11-28T08:00:00.000Z");
const lapse = addDays(now, -10); // an Expired subscription's end: grace ends in 20 days
const lapse2 = addDays(now, -25); // an earlier one: grace ends in 5 days
const reduced = addDays(now, -10); // 90-day window ends in 80 days
const reducedEarlier = addDays(now, -40);

const totals = (t: Partial<ProductTotals>): ProductTotals => ({
  valid: 0,
  expired: 0,
  disabled: 0,
  assigned: 0,
  earliestExpiredLapse: null,
  latestReduction: null,
  restoredWithoutSeat: 0,
  ...t,
});

/** Pools subscriptions the way the database aggregate does: sums per lifecycle state. */
function pooled(subscriptions: { quantity: number; endsAt: Date; reducedAt?: Date }[], assigned: number): ProductTotals {
  const t = totals({ assigned });
  for (const s of subscriptions) {
    const state = lifecycleState(s, now);
    if (state === "Active") {
      t.valid += s.quantity;
      if (s.reducedAt && (!t.latestReduction || s.reducedAt > t.latestReduction)) t.latestReduction = s.reducedAt;
    } else if (state === "Expired") {
      t.expired += s.quantity;
      if (!t.earliestExpiredLapse || s.endsAt < t.earliestExpiredLapse) t.earliestExpiredLapse = s.endsAt;
    } else if (state === "Disabled") t.disabled += s.quantity;
  }
  return t;
}

describe("summarizeLicenses", () => {
  it.each<[string, ProductTotals, { available: number; conflicts: number; parts: ConflictPart[]; deadline: Date | null }]>([
    ["healthy: licenses left", totals({ valid: 13, assigned: 10 }), { available: 3, conflicts: 0, parts: [], deadline: null }],
    ["exactly full", totals({ valid: 10, assigned: 10 }), { available: 0, conflicts: 0, parts: [], deadline: null }],
    ["nothing owned, nothing assigned", totals({}), { available: 0, conflicts: 0, parts: [], deadline: null }],
    [
      "a reduction without excess is no conflict",
      totals({ valid: 8, assigned: 8, latestReduction: reduced }),
      { available: 0, conflicts: 0, parts: [], deadline: null },
    ],
    [
      "expired licenses explain the whole excess (Business Premium in the seed)",
      totals({ valid: 10, expired: 4, assigned: 13, earliestExpiredLapse: lapse }),
      {
        available: 0,
        conflicts: 3,
        // The page says 4 licenses expired (the card's number) and that 3 users are affected.
        parts: [{ cause: "expired", users: 3, licenses: 4, deadline: addDays(lapse, 30) }],
        deadline: addDays(lapse, 30),
      },
    ],
    [
      "a reduced quantity (E3 in the seed)",
      totals({ valid: 8, assigned: 11, latestReduction: reduced }),
      {
        available: 0,
        conflicts: 3,
        parts: [{ cause: "reduced", users: 3, licenses: 3, deadline: addDays(reduced, 90) }],
        deadline: addDays(reduced, 90),
      },
    ],
    [
      "expired part first, then the reduced rest",
      totals({ valid: 8, expired: 2, assigned: 13, earliestExpiredLapse: lapse, latestReduction: reduced }),
      {
        available: 0,
        conflicts: 5,
        parts: [
          { cause: "expired", users: 2, licenses: 2, deadline: addDays(lapse, 30) },
          { cause: "reduced", users: 3, licenses: 3, deadline: addDays(reduced, 90) },
        ],
        deadline: addDays(lapse, 30),
      },
    ],
    [
      "expired part first, then overassigned when nothing was reduced",
      totals({ valid: 8, expired: 1, assigned: 12, earliestExpiredLapse: lapse }),
      {
        available: 0,
        conflicts: 4,
        parts: [
          { cause: "expired", users: 1, licenses: 1, deadline: addDays(lapse, 30) },
          { cause: "overassigned", users: 3, licenses: 3, deadline: null },
        ],
        deadline: addDays(lapse, 30),
      },
    ],
    [
      "more expired licenses than excess: only the excess is in conflict",
      totals({ valid: 10, expired: 10, assigned: 12, earliestExpiredLapse: lapse, latestReduction: reduced }),
      {
        available: 0,
        conflicts: 2,
        parts: [{ cause: "expired", users: 2, licenses: 10, deadline: addDays(lapse, 30) }],
        deadline: addDays(lapse, 30),
      },
    ],
    [
      "overassigned, no grace",
      totals({ valid: 5, assigned: 6 }),
      { available: 0, conflicts: 1, parts: [{ cause: "overassigned", users: 1, licenses: 1, deadline: null }], deadline: null },
    ],
    [
      "a user restored while no license was free: the restore is the cause, not the earlier reduction",
      totals({ valid: 8, assigned: 9, latestReduction: reduced, restoredWithoutSeat: 1 }),
      { available: 0, conflicts: 1, parts: [{ cause: "restored", users: 1, licenses: 1, deadline: null }], deadline: null },
    ],
    [
      "a restore into a product already reduced below assigned: the reduction keeps its part and deadline",
      totals({ valid: 8, assigned: 12, latestReduction: reduced, restoredWithoutSeat: 1 }),
      {
        available: 0,
        conflicts: 4,
        parts: [
          { cause: "restored", users: 1, licenses: 1, deadline: null },
          { cause: "reduced", users: 3, licenses: 3, deadline: addDays(reduced, 90) },
        ],
        deadline: addDays(reduced, 90),
      },
    ],
    [
      "expired grace first, then restored, then the rest",
      totals({ valid: 8, expired: 2, assigned: 13, earliestExpiredLapse: lapse, restoredWithoutSeat: 2 }),
      {
        available: 0,
        conflicts: 5,
        parts: [
          { cause: "expired", users: 2, licenses: 2, deadline: addDays(lapse, 30) },
          { cause: "restored", users: 2, licenses: 2, deadline: null },
          { cause: "overassigned", users: 1, licenses: 1, deadline: null },
        ],
        deadline: addDays(lapse, 30),
      },
    ],
    [
      "more restored licenses than excess (a seat freed since): only the excess is restored's",
      totals({ valid: 8, assigned: 9, restoredWithoutSeat: 3 }),
      { available: 0, conflicts: 1, parts: [{ cause: "restored", users: 1, licenses: 1, deadline: null }], deadline: null },
    ],
    [
      "disabled licenses are not valid",
      totals({ valid: 0, disabled: 3, assigned: 2 }),
      { available: 0, conflicts: 2, parts: [{ cause: "overassigned", users: 2, licenses: 2, deadline: null }], deadline: null },
    ],
    [
      "the earliest deadline wins: a reduction 85 days ago ends before the expired grace",
      totals({ valid: 8, expired: 1, assigned: 11, earliestExpiredLapse: lapse, latestReduction: addDays(now, -85) }),
      {
        available: 0,
        conflicts: 3,
        parts: [
          { cause: "expired", users: 1, licenses: 1, deadline: addDays(lapse, 30) },
          { cause: "reduced", users: 2, licenses: 2, deadline: addDays(now, 5) },
        ],
        deadline: addDays(now, 5),
      },
    ],
    [
      "available is never negative",
      totals({ valid: 3, assigned: 10 }),
      { available: 0, conflicts: 7, parts: [{ cause: "overassigned", users: 7, licenses: 7, deadline: null }], deadline: null },
    ],
  ])("%s", (_label, input, expected) => {
    const summary = summarizeLicenses(input);
    expect(summary).toEqual({
      valid: input.valid,
      expired: input.expired,
      disabled: input.disabled,
      assigned: input.assigned,
      ...expected,
    });
    expect(summary.parts.reduce((sum, part) => sum + part.users, 0)).toBe(summary.conflicts);
  });

  describe("pooled subscriptions", () => {
    it.each<[string, { quantity: number; endsAt: Date; reducedAt?: Date }[], number, Partial<ReturnType<typeof summarizeLicenses>>]>([
      [
        "two Active subscriptions pool their licenses (5 + 8 → 13)",
        [
          { quantity: 5, endsAt: addDays(now, 20) },
          { quantity: 8, endsAt: addDays(now, 300) },
        ],
        12,
        { valid: 13, available: 1, conflicts: 0 },
      ],
      [
        "an Active, an Expired and a Disabled subscription",
        [
          { quantity: 10, endsAt: addDays(now, 65) },
          { quantity: 4, endsAt: lapse },
          { quantity: 3, endsAt: addDays(now, -60) },
        ],
        13,
        { valid: 10, expired: 4, disabled: 3, available: 0, conflicts: 3, deadline: addDays(lapse, 30) },
      ],
      [
        "two Expired subscriptions: the earliest lapse sets the deadline",
        [
          { quantity: 6, endsAt: addDays(now, 100) },
          { quantity: 2, endsAt: lapse },
          { quantity: 2, endsAt: lapse2 },
        ],
        9,
        { valid: 6, expired: 4, conflicts: 3, deadline: addDays(lapse2, 30) },
      ],
      [
        "two reduced subscriptions: the latest reduction sets the deadline",
        [
          { quantity: 4, endsAt: addDays(now, 100), reducedAt: reducedEarlier },
          { quantity: 4, endsAt: addDays(now, 200), reducedAt: reduced },
        ],
        10,
        { valid: 8, conflicts: 2, deadline: addDays(reduced, 90) },
      ],
      [
        "a Deleted subscription (past 120 days) counts for nothing",
        [
          { quantity: 25, endsAt: addDays(now, 245) },
          { quantity: 5, endsAt: addDays(now, -200) },
        ],
        3,
        { valid: 25, expired: 0, disabled: 0, available: 22 },
      ],
    ])("%s", (_label, subscriptions, assigned, expected) => {
      expect(summarizeLicenses(pooled(subscriptions, assigned))).toMatchObject(expected);
    });
  });
});

describe("canAssign", () => {
  it.each<[number, number, number, boolean]>([
    [5, 3, 1, true],
    [5, 3, 2, true],
    [5, 3, 3, false],
    [5, 5, 1, false],
    [5, 5, 0, true],
    [0, 0, 1, false],
    [8, 11, 1, false],
    [10_000, 0, 10_000, true],
  ])("valid %i, assigned %i, %i more → %s", (valid, assigned, count, expected) => {
    expect(canAssign({ valid, assigned }, count)).toBe(expected);
  });
});

describe("conflictsAfterQuantityChange", () => {
  it.each<[string, number, number, number, number, number]>([
    ["reduce 25 → 20 with 3 assigned", 25, 3, 25, 20, 0],
    ["reduce 5 → 3 with 3 assigned (exactly full)", 5, 3, 5, 3, 0],
    ["reduce 5 → 2 with 3 assigned", 5, 3, 5, 2, 1],
    ["reduce 10 → 1 with 10 assigned", 10, 10, 10, 1, 9],
    ["pooled: reduce the 6 of 6 + 4 to 1 with 6 assigned", 10, 6, 6, 1, 1],
    ["raise E3 from 8 to 10 with 11 assigned", 8, 11, 8, 10, 1],
    ["raise E3 from 8 to 11 with 11 assigned", 8, 11, 8, 11, 0],
    ["raise far beyond", 8, 11, 8, 100, 0],
  ])("%s → %i", (_label, valid, assigned, current, next, expected) => {
    expect(conflictsAfterQuantityChange({ valid, assigned }, current, next)).toBe(expected);
  });
});
