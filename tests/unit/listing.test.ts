import { describe, expect, it, vi } from "vitest";
import { COUNT_CAP, pageOf, pageTotal, PAGE_SIZE, parseDay, parseDayRange, parseListing } from "@/lib/listing";
import { productViewSchema } from "@/lib/validation";

describe("pageTotal", () => {
  const counted = (n: number) => vi.fn(async (_limit: number) => n);

  it.each<[string, number, number, number]>([
    ["a partial first page is everything", 1, 7, 7],
    ["a single row", 1, 1, 1],
    ["a partial third page follows two full ones", 3, 12, 2 * PAGE_SIZE + 12],
    ["an empty first page means none", 1, 0, 0],
  ])("%s: page %i with %i rows → %i, without counting", async (_name, page, rows, total) => {
    const count = counted(-1);
    await expect(pageTotal(page, rows, count)).resolves.toEqual({ total, isLowerBound: false });
    expect(count).not.toHaveBeenCalled();
  });

  it.each<[string, number, number]>([
    ["a full page may have more after it", 1, PAGE_SIZE],
    ["a full later page", 4, PAGE_SIZE],
    ["an empty page past the end", 3, 0],
  ])("%s (page %i, %i rows): counts, up to the cap past this page", async (_name, page, rows) => {
    const count = counted(123);
    await expect(pageTotal(page, rows, count)).resolves.toEqual({ total: 123, isLowerBound: false });
    expect(count).toHaveBeenCalledExactlyOnceWith((page - 1) * PAGE_SIZE + COUNT_CAP + 1);
  });

  it.each([1, 5])("a count that reaches its cap on page %i says 'more than' the cap", async (page) => {
    const cap = (page - 1) * PAGE_SIZE + COUNT_CAP;
    await expect(pageTotal(page, PAGE_SIZE, counted(cap + 1))).resolves.toEqual({ total: cap, isLowerBound: true });
    await expect(pageTotal(page, PAGE_SIZE, counted(cap))).resolves.toEqual({ total: cap, isLowerBound: false });
  });

  it("honours a page size of its own", async () => {
    const count = counted(-1);
    await expect(pageTotal(2, 3, count, 10)).resolves.toEqual({ total: 13, isLowerBound: false });
    expect(count).not.toHaveBeenCalled();
  });

  it("gives pageOf a page count that matches, and the lower bound", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => i);
    expect(pageOf(rows, await pageTotal(3, rows.length, counted(-1)), 3)).toMatchObject({
      total: 112,
      page: 3,
      pageCount: 3,
      totalIsLowerBound: false,
    });
    expect(pageOf(rows, { total: 1_000, isLowerBound: true }, 1)).toMatchObject({ pageCount: 20, totalIsLowerBound: true });
    expect(pageOf(rows, 7, 1)).toMatchObject({ total: 7, pageCount: 1, totalIsLowerBound: false });
  });
});

describe("search text", () => {
  // SQLite reads a LIKE pattern up to its first NUL, so "%\u0000…%" matched every row: a search
  // for "\u0000x" listed, exported and (in a bulk removal) touched the whole view.
  it.each([
    ["\u0000", ""],
    ["\u0000\u202e", "\u202e"],
    ["  zh\u0000ang\u0007 ", "zhang"],
    ["a\tb\nc", "a b c"],
    ["Zhang Wei", "Zhang Wei"],
  ])("%j searches for %j, in the lists and in the bulk change alike", (raw, searched) => {
    expect(parseListing({ q: raw }, ["name"]).q).toBe(searched);
    expect(productViewSchema.parse({ productId: "c".repeat(25), q: raw }).q).toBe(searched);
  });
});

describe("the audit log's date range", () => {
  it.each([
    ["2026-11-30", "2026-11-30T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("%s is the UTC day that starts at %s", (text, iso) => {
    expect(parseDay(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-02-30", "2026-13-01", "30-11-2026", "2026-11-30T10:00", "", "tomorrow", "2026-1-5"])("%j is no day", (text) => {
    expect(parseDay(text)).toBeNull();
  });

  it("includes both days: to becomes the start of the next day", () => {
    const { range, values, invalid } = parseDayRange({ from: "2026-11-01", to: "2026-11-30" });
    expect(range).toEqual({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") });
    expect(values).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(invalid).toBe(false);
  });

  it("one end alone is a range open at the other", () => {
    expect(parseDayRange({ to: "2026-11-30" }).range).toEqual({ to: new Date("2026-12-01T00:00:00Z") });
    expect(parseDayRange({ from: "" }).range).toEqual({});
    expect(parseDayRange({ from: "" }).invalid).toBe(false);
  });

  it("a bad day, or an end before the start, is left out and reported", () => {
    expect(parseDayRange({ from: "2026-02-30", to: "2026-03-02" })).toEqual({
      range: { to: new Date("2026-03-03T00:00:00Z") },
      values: { to: "2026-03-02" },
      invalid: true,
    });
    expect(parseDayRange({ from: "2026-11-30", to: "2026-11-01" })).toEqual({ range: {}, values: {}, invalid: true });
    expect(parseDayRange({ from: ["2026-11-01", "2026-11-02"] }).invalid).toBe(false);
  });
});
