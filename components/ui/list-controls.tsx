import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import type { Page } from "@/lib/listing";

type Query = Record<string, string | number | undefined>;

export function hrefWith(base: string, query: Query, changes: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** A GET search form: the query lives in the URL so results can be shared and paged. */
export async function SearchForm({ action, q, label, hidden = {} }: { action: string; q: string; label: string; hidden?: Query }) {
  const t = await getTranslations("common");
  return (
    <form action={action} method="get" role="search" className="flex w-full items-center gap-2 sm:w-auto">
      {Object.entries(hidden).map(([key, value]) =>
        value === undefined ? null : <input key={key} type="hidden" name={key} value={String(value)} />,
      )}
      <label className="flex min-w-0 flex-1 items-center gap-2 text-sm">
        <span className="sr-only">{label}</span>
        <input type="search" name="q" defaultValue={q} placeholder={label} className="input w-full min-w-0 sm:w-64" maxLength={200} />
      </label>
      <button type="submit" className="btn">
        {t("search")}
      </button>
    </form>
  );
}

/** A sortable column header: a link toggling the direction, with aria-sort on the header cell. */
export function SortHeader({
  label,
  column,
  base,
  query,
  className,
}: {
  label: string;
  column: string;
  base: string;
  query: Query & { sort?: string; dir?: string };
  className?: string;
}) {
  const isActive = query.sort === column;
  const nextDir = isActive && query.dir === "asc" ? "desc" : "asc";
  const ariaSort = isActive ? (query.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <Link href={hrefWith(base, query, { sort: column, dir: nextDir, page: 1 })} className="text-neutral-800">
        {label}
        <span aria-hidden="true">{isActive ? (query.dir === "asc" ? " ▲" : " ▼") : ""}</span>
      </Link>
    </th>
  );
}

/** Where the list is; a count that stopped at its cap says "more than" (lib/listing.ts COUNT_CAP). */
export async function Pagination({ page, base, query }: { page: Page<unknown>; base: string; query: Query }) {
  const t = await getTranslations("common");
  if (page.pageCount <= 1 && !page.totalIsLowerBound)
    return <p className="mt-3 text-sm text-neutral-600">{t("totalItems", { count: page.total })}</p>;
  const where = { page: page.page, pageCount: page.pageCount, total: page.total };
  return (
    <nav aria-label={t("pagination")} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      <span className="text-neutral-600">{page.totalIsLowerBound ? t("pageOfMoreThan", where) : t("pageOf", where)}</span>
      {page.page > 1 && <Link href={hrefWith(base, query, { page: page.page - 1 })}>{t("previous")}</Link>}
      {(page.page < page.pageCount || page.totalIsLowerBound) && (
        <Link href={hrefWith(base, query, { page: page.page + 1 })}>{t("next")}</Link>
      )}
    </nav>
  );
}

/**
 * What an empty page past the end of a list says (a typed or stale `?page=99` of 2): that the
 * page doesn't exist, with a link to the last one, rather than an empty list.
 */
export async function PastTheEnd({ page, base, query }: { page: Page<unknown>; base: string; query: Query }) {
  const t = await getTranslations("common");
  return (
    <p className="py-6 text-sm text-neutral-700">
      {t("pastTheEnd", { page: page.page, pageCount: page.pageCount })}{" "}
      <Link href={hrefWith(base, query, { page: page.pageCount })}>{t("lastPage", { pageCount: page.pageCount })}</Link>
    </p>
  );
}

/** Whether an empty page is one past the end of a list that has rows. */
export function isPastTheEnd(page: Page<unknown>): boolean {
  return page.rows.length === 0 && page.page > 1 && page.total > 0;
}

/** Filter chips that keep the rest of the query; `all` (the first option) is the unfiltered view. */
export function FilterTabs<F extends string>({
  label,
  base,
  query,
  param,
  options,
  current,
  labelOf,
}: {
  label: string;
  base: string;
  query: Query;
  param: string;
  options: readonly F[];
  current: F;
  labelOf: (option: F) => string;
}) {
  return (
    <div className="mb-3 flex flex-wrap gap-2 text-sm" role="group" aria-label={label}>
      {options.map((option, index) => (
        <Link
          key={option}
          href={hrefWith(base, query, { [param]: index === 0 ? undefined : option, page: 1 })}
          aria-current={current === option ? "true" : undefined}
          className={`rounded-full border px-3 py-1 hover:no-underline ${current === option ? "border-brand bg-brand-light font-semibold" : "border-neutral-300"}`}
        >
          {labelOf(option)}
        </Link>
      ))}
    </div>
  );
}
