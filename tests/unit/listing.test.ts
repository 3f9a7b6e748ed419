import { describe, expect, it, vi } from "vitest";
import { pageOf, pageTotal, PAGE_SIZE } from "@/lib/listing";

describe("pageTotal", () => {
  const counted = (n: number) => vi.fn(async () => n);

  it.each<[string, number, number, number]>([
    ["a partial first page is everything", 1, 7, 7],
    ["a single row", 1, 1, 1],
    ["a partial third page follows two full ones", 3, 12, 2 * PAGE_SIZE + 12],
    ["an empty first page means none", 1, 0, 0],
  ])("%s: page %i with %i rows → %i, without counting", async (_name, page, rows, total) => {
    const count = counted(-1);
    await expect(pageTotal(page, rows, count)).resolves.toBe(total);
    expect(count).not.toHaveBeenCalled();
  });

  it.each<[string, number, number]>([
    ["a full page may have more after it", 1, PAGE_SIZE],
    ["a full later page", 4, PAGE_SIZE],
    ["an empty page past the end", 3, 0],
  ])("%s (page %i, %i rows): counts", async (_name, page, rows) => {
    const count = counted(123);
    await expect(pageTotal(page, rows, count)).resolves.toBe(123);
    expect(count).toHaveBeenCalledOnce();
  });

  it("honours a page size of its own", async () => {
    const count = counted(-1);
    await expect(pageTotal(2, 3, count, 10)).resolves.toBe(13);
    expect(count).not.toHaveBeenCalled();
  });

  it("gives pageOf a page count that matches", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => i);
    expect(pageOf(rows, await pageTotal(3, rows.length, counted(-1)), 3)).toMatchObject({ total: 112, page: 3, pageCount: 3 });
  });
});
