import { z } from "zod";

export const PAGE_SIZE = 50;

/** A product page's list: every assigned user, or only those who need a valid license. */
export const ASSIGNMENT_FILTERS = ["all", "needsLicense"] as const;
export type AssignmentFilter = (typeof ASSIGNMENT_FILTERS)[number];

/** Users › Active users. */
export const USER_FILTERS = ["all", "licensed", "unlicensed", "needsLicense"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

/** A filter from the URL: one of `options`, else the first (all). */
export function parseFilter<F extends string>(options: readonly [F, ...F[]], value: string | string[] | undefined | null): F {
  const wanted = Array.isArray(value) ? value[0] : value;
  return options.find((option) => option === wanted) ?? options[0];
}

export interface Listing<S extends string> {
  q: string;
  page: number;
  sort: S;
  dir: "asc" | "desc";
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
}

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Parses `?q=&page=&sort=&dir=` leniently: anything malformed falls back to the default. */
export function parseListing<S extends string>(
  params: Params,
  sortKeys: readonly [S, ...S[]],
  defaultDir: "asc" | "desc" = "asc",
): Listing<S> {
  const schema = z.object({
    q: z.string().trim().max(200).catch(""),
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    sort: z.enum(sortKeys).catch(sortKeys[0]),
    dir: z.enum(["asc", "desc"]).catch(defaultDir),
  });
  return schema.parse({
    q: first(params.q) ?? "",
    page: first(params.page) ?? 1,
    sort: first(params.sort) ?? sortKeys[0],
    dir: first(params.dir) ?? defaultDir,
  }) as Listing<S>;
}

export function pageOf<T>(rows: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function pageWindow(page: number, pageSize = PAGE_SIZE): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

/**
 * The total behind a page of rows, counted only when the rows don't already tell it: a page that
 * is neither empty nor full is the last one (the rows before it plus its own), and an empty first
 * page means there are none. Query the page first, then pass its row count and the count query.
 */
export async function pageTotal(page: number, rowCount: number, count: () => Promise<number>, pageSize = PAGE_SIZE): Promise<number> {
  if (rowCount > 0 && rowCount < pageSize) return (page - 1) * pageSize + rowCount;
  if (rowCount === 0 && page === 1) return 0;
  return count();
}
