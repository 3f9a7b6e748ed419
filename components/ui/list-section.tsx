import type { ReactNode } from "react";
import type { Page } from "@/lib/listing";
import { isPastTheEnd, Pagination, PastTheEnd, SearchForm } from "./list-controls";

type Query = Record<string, string | number | undefined>;

interface Props {
  /** The heading's id, which labels the section. */
  id: string;
  heading: ReactNode;
  /** Buttons and links beside the heading (export, assign…). */
  tools?: ReactNode;
  search?: { label: string; q: string; hidden?: Query };
  /** Between the heading and the list: filters, a note, bulk actions. */
  bar?: ReactNode;
  /** What an empty page says instead of the table. */
  empty: ReactNode;
  page: Page<unknown>;
  base: string;
  query: Query;
  /** The table (or the form around it). */
  children: ReactNode;
}

/** One list on a card: heading and tools, search, filters, the table or its empty note, and the pager. */
export function ListSection({ id, heading, tools, search, bar, empty, page, base, query, children }: Props) {
  return (
    <section className="card" aria-labelledby={id}>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id={id} className="text-lg font-semibold">
          {heading}
        </h2>
        {tools}
        {search && (
          <div className="w-full sm:ml-auto sm:w-auto">
            <SearchForm action={base} q={search.q} label={search.label} hidden={search.hidden} />
          </div>
        )}
      </div>
      {bar}
      {isPastTheEnd(page) ? (
        <PastTheEnd page={page} base={base} query={query} />
      ) : page.rows.length === 0 ? (
        <p className="py-6 text-sm text-neutral-700">{empty}</p>
      ) : (
        <div className="overflow-x-auto">{children}</div>
      )}
      <Pagination page={page} base={base} query={query} />
    </section>
  );
}
