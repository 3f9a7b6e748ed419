import { describe, expect, it } from "vitest";
import { countAxis, firstDayOf, oldestKeptDay, utcDay } from "@/lib/domain/history";

describe("history days", () => {
  it.each([
    ["2026-12-02T00:00:00.000Z", "2026-12-02T00:00:00.000Z"],
    ["2026-12-02T23:59:59.999Z", "2026-12-02T00:00:00.000Z"],
    ["2026-12-31T12:00:00.000+14:00", "2026-12-30T00:00:00.000Z"],
  ])("the UTC day of %s is %s", (at, day) => {
    expect(utcDay(new Date(at)).toISOString()).toBe(day);
  });

  it("a window of n days ends today and starts n - 1 days before; 400 days are kept counting today", () => {
    const now = new Date("2026-12-02T15:30:00Z");
    expect(firstDayOf(now, 1).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(firstDayOf(now, 90).toISOString()).toBe("2026-09-04T00:00:00.000Z");
    expect(oldestKeptDay(now).toISOString()).toBe("2025-10-29T00:00:00.000Z");
  });
});

describe("the chart's count axis", () => {
  it.each([
    [0, 1, [0, 1]],
    [2, 2, [0, 1, 2]],
    [3, 3, [0, 1, 2, 3]],
    [11, 15, [0, 5, 10, 15]],
    [14, 15, [0, 5, 10, 15]],
    [20, 20, [0, 5, 10, 15, 20]],
    [96_500, 100_000, [0, 50_000, 100_000]],
  ])("up to %d: top %d, ticks %j", (max, top, ticks) => {
    expect(countAxis(max)).toEqual({ top, ticks });
  });
});
