import { z } from "zod";

export const PAGE_SIZE = 50;

/** A product page's list: every assigned user, or only those who need a valid license. */
/**
 * A product page's list: everyone, those who need a valid license, and whose licenses an admin
 * reclaims first: users inactive for more than N days, who never signed in, whose sign-in is
 * blocked (lib/listing.ts inactiveDays; server/data/listing-filters.ts standingSql).
 */
export const ASSIGNMENT_FILTERS = ["all", "needsLicense", "inactive", "neverSignedIn", "blocked"] as const;

/** The "inactive" filters' choices of days without a sign-in; any whole number up to MAX_INACTIVE_DAYS may be typed. */
export const INACTIVE_DAY_CHOICES = [30, 60, 90] as const;
export const DEFAULT_INACTIVE_DAYS = 30;
export const MAX_INACTIVE_DAYS = 3650;

/** `?days=` of an "inactive" filter: a whole number of days from 1 to MAX_INACTIVE_DAYS, else the default. */
export function parseInactiveDays(value: string | string[] | undefined | null): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^[0-9]{1,4}$/.test(text)) return DEFAULT_INACTIVE_DAYS;
  const days = Number(text);
  return days >= 1 && days <= MAX_INACTIVE_DAYS ? days : DEFAULT_INACTIVE_DAYS;
}
export type AssignmentFilter = (typeof ASSIGNMENT_FILTERS)[number];

/** Users › Active users. */
export const USER_FILTERS = ["all", "licensed", "unlicensed", "needsLicense", "inactive", "neverSignedIn", "blocked"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

/** Users › Active users by one product: the users licensed with it, or those without it. */
export interface ProductFilter {
  productId: string;
  has: boolean;
}

/** `?product=…&has=with|without` from the URL; null without a well-formed product id. */
export function parseProductFilter(
  product: string | string[] | undefined | null,
  has: string | string[] | undefined | null,
): ProductFilter | null {
  const id = Array.isArray(product) ? product[0] : product;
  if (!id || !/^[a-z0-9]{10,40}$/i.test(id)) return null;
  return { productId: id, has: (Array.isArray(has) ? has[0] : has) !== "without" };
}

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
  /** How many rows the list has, or, when totalIsLowerBound, at least how many. */
  total: number;
  page: number;
  pageCount: number;
  /** Counting stopped at a cap (COUNT_CAP past this page): there are more than `total`. */
  totalIsLowerBound: boolean;
}

/** A list's total as counted: exact, or "more than" once counting reached its cap. */
export interface Counted {
  total: number;
  isLowerBound: boolean;
}

/**
 * How many rows past the current page a list counts before it says "more than": counting every
 * match of a broad search in a million users would read them all, as large admin centers avoid.
 */
export const COUNT_CAP = 1_000;

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The text of a search, as every list, export and bulk change reads it: tabs and line breaks
 * become spaces and other control characters are dropped (SQLite ends a LIKE pattern at a NUL, so
 * a search holding one would match every row), then the ends are trimmed.
 */
export function searchText(message?: string) {
  return z
    .string()
    .transform((q) =>
      q
        .replace(/[\t\n\v\f\r]/g, " ")
        .replace(/\p{Cc}/gu, "")
        .trim(),
    )
    .pipe(z.string().max(MAX_SEARCH, message === undefined ? undefined : { message }));
}

/** The longest search a list accepts, in UTF-16 code units. */
export const MAX_SEARCH = 200;

/** A list's `?q=` as its page, its export and its bulk change read it; a malformed one searches for nothing. */
export function parseSearch(value: string | string[] | null | undefined): string {
  return searchText()
    .catch("")
    .parse(first(value ?? undefined) ?? "");
}

/** Parses `?q=&page=&sort=&dir=` leniently: anything malformed falls back to the default. */
export function parseListing<S extends string>(
  params: Params,
  sortKeys: readonly [S, ...S[]],
  defaultDir: "asc" | "desc" = "asc",
): Listing<S> {
  const schema = z.object({
    q: z.string(),
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    sort: z.enum(sortKeys).catch(sortKeys[0]),
    dir: z.enum(["asc", "desc"]).catch(defaultDir),
  });
  return schema.parse({
    q: parseSearch(params.q),
    page: first(params.page) ?? 1,
    sort: first(params.sort) ?? sortKeys[0],
    dir: first(params.dir) ?? defaultDir,
  }) as Listing<S>;
}

export function pageOf<T>(rows: T[], counted: Counted | number, page: number, pageSize = PAGE_SIZE): Page<T> {
  const { total, isLowerBound } = typeof counted === "number" ? { total: counted, isLowerBound: false } : counted;
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), totalIsLowerBound: isLowerBound };
}

export function pageWindow(page: number, pageSize = PAGE_SIZE): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

/**
 * The total behind a page of rows, counted only when the rows don't already tell it (a page that
 * is neither empty nor full is the last one; an empty first page means there are none), and then
 * only up to COUNT_CAP rows past this page. Query the page first, then pass its row count and a
 * count that stops at `limit` rows.
 */
export async function pageTotal(
  page: number,
  rowCount: number,
  countUpTo: (limit: number) => Promise<number>,
  pageSize = PAGE_SIZE,
): Promise<Counted> {
  if (rowCount > 0 && rowCount < pageSize) return { total: (page - 1) * pageSize + rowCount, isLowerBound: false };
  if (rowCount === 0 && page === 1) return { total: 0, isLowerBound: false };
  const cap = (page - 1) * pageSize + COUNT_CAP;
  const counted = await countUpTo(cap + 1);
  return counted > cap ? { total: cap, isLowerBound: true } : { total: counted, isLowerBound: false };
}

/** A day typed in a date field (YYYY-MM-DD), as the UTC midnight that starts it; null when it is no real day. */
export function parseDay(value: string | string[] | undefined): Date | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value ? null : day;
}

/**
 * The audit log's date range from `from` and `to` (inclusive days, UTC): `to` becomes the start of
 * the next day. A value that is no real day, or a range that ends before it starts, is left out
 * and reported, so the page can say so instead of showing an empty log.
 */
export function parseDayRange(params: Record<string, string | string[] | undefined>): {
  range: { from?: Date; to?: Date };
  values: { from?: string; to?: string };
  invalid: boolean;
} {
  const [fromText, toText] = [params.from, params.to].map((v) => (typeof v === "string" && v !== "" ? v : undefined));
  const from = fromText === undefined ? null : parseDay(fromText);
  const toDay = toText === undefined ? null : parseDay(toText);
  const to = toDay ? new Date(toDay.getTime() + 24 * 60 * 60 * 1000) : null;
  const reversed = from !== null && to !== null && to <= from;
  const invalid = (fromText !== undefined && from === null) || (toText !== undefined && toDay === null) || reversed;
  return {
    range: reversed ? {} : { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    values: { ...(from && !reversed ? { from: fromText } : {}), ...(toDay && !reversed ? { to: toText } : {}) },
    invalid,
  };
}
