import { describe, expect, it } from "vitest";
import {
  addDays,
  DISABLED_DAYS,
  EXPIRED_GRACE_DAYS,
  isRestorable,
  lifecycleState,
  lifecycleWindows,
  nextTransitionAt,
  restoreDeadline,
  type LifecycleState,
} from "@/lib/domain/lifecycle";

const DAY = 24 * 60 * 60 * 1000;
const endsAt = new Date("2026-06-15T12:00:00.000Z");
const at = (days: number, ms = 0) => new Date(endsAt.getTime() + days * DAY + ms);

describe("lifecycleState / nextTransitionAt", () => {
  it.each<[string, Date, LifecycleState, Date | null]>([
    ["a year before endsAt", at(-365), "Active", endsAt],
    ["1 ms before endsAt", at(0, -1), "Active", endsAt],
    ["exactly at endsAt", at(0), "Expired", at(30)],
    ["1 ms after endsAt", at(0, 1), "Expired", at(30)],
    ["1 ms before 30 days later", at(30, -1), "Expired", at(30)],
    ["exactly 30 days later", at(30), "Disabled", at(120)],
    ["1 ms after 30 days later", at(30, 1), "Disabled", at(120)],
    ["1 ms before 120 days later", at(120, -1), "Disabled", at(120)],
    ["exactly 120 days later", at(120), "Deleted", null],
    ["1 ms after 120 days later", at(120, 1), "Deleted", null],
    ["years later", at(2000), "Deleted", null],
  ])("%s → %s", (_label, now, state, next) => {
    expect(lifecycleState({ endsAt }, now)).toBe(state);
    expect(nextTransitionAt({ endsAt }, now)).toEqual(next);
  });

  it("uses 30 days of Expired grace and 90 Disabled days", () => {
    expect(EXPIRED_GRACE_DAYS).toBe(30);
    expect(DISABLED_DAYS).toBe(90);
  });
});

describe("lifecycleWindows agree with lifecycleState (the database aggregates use them)", () => {
  const now = new Date("2026-11-28T08:00:00.000Z");
  const { expiredSince, disabledSince } = lifecycleWindows(now);
  const byWindow = (end: Date): LifecycleState => {
    if (end > now) return "Active";
    if (end > expiredSince) return "Expired";
    if (end > disabledSince) return "Disabled";
    return "Deleted";
  };

  it.each([
    ["ends 1 ms after now", 0, 1],
    ["ends exactly now", 0, 0],
    ["ended 1 ms ago", 0, -1],
    ["ended 30 days ago + 1 ms", -30, 1],
    ["ended exactly 30 days ago", -30, 0],
    ["ended 30 days ago - 1 ms", -30, -1],
    ["ended 120 days ago + 1 ms", -120, 1],
    ["ended exactly 120 days ago", -120, 0],
    ["ended 120 days ago - 1 ms", -120, -1],
    ["ends in 200 days", 200, 0],
  ])("%s", (_label, days, ms) => {
    const end = new Date(now.getTime() + days * DAY + ms);
    expect(byWindow(end)).toBe(lifecycleState({ endsAt: end }, now));
  });
});

describe("addDays", () => {
  it.each([
    [0, endsAt.getTime()],
    [1, endsAt.getTime() + DAY],
    [-30, endsAt.getTime() - 30 * DAY],
    [90, endsAt.getTime() + 90 * DAY],
  ])("adds %i days in exact milliseconds", (days, expected) => {
    expect(addDays(endsAt, days).getTime()).toBe(expected);
  });

  it("does not mutate its argument", () => {
    const date = new Date(endsAt);
    addDays(date, 5);
    expect(date.getTime()).toBe(endsAt.getTime());
  });
});

describe("restoring deleted users", () => {
  const deletedAt = new Date("2026-11-01T10:00:00.000Z");

  it("the restore deadline is 30 days after deletion", () => {
    expect(restoreDeadline(deletedAt)).toEqual(new Date("2026-12-01T10:00:00.000Z"));
  });

  it.each<[string, number, boolean]>([
    ["right after deletion", 0, true],
    ["29 days later", 29 * DAY, true],
    ["1 ms before 30 days", 30 * DAY - 1, true],
    ["exactly 30 days later", 30 * DAY, false],
    ["1 ms after 30 days", 30 * DAY + 1, false],
    ["31 days later", 31 * DAY, false],
  ])("%s → restorable: %s", (_label, offset, restorable) => {
    expect(isRestorable(deletedAt, new Date(deletedAt.getTime() + offset))).toBe(restorable);
  });
});
