"use client";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type MouseEvent, type ReactNode } from "react";
import type { HelpSearchResult } from "@/lib/help/search";
import { HelpSearchForm } from "./help-search-form";
import { HelpSearchResults } from "./help-search-results";

type Found = { query: string; results: HelpSearchResult[] };
type Reply = { ok: true; data: Found } | { ok: false; message: string };

/**
 * The pane's search: results replace the article until one is opened (PaneNavigator handles the
 * click) or the search is cleared; a live region announces how many were found.
 */
export function PaneSearch({ children }: { children: ReactNode }) {
  const t = useTranslations("help");
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const errorId = useId();

  function search(query: string) {
    startTransition(async () => {
      if (query.trim() === "") {
        setFound(null);
        setError(null);
        return;
      }
      try {
        const response = await fetch(`/help/search?q=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } });
        const reply = (await response.json()) as Reply;
        setError(reply.ok ? null : reply.message);
        setFound(reply.ok ? reply.data : null);
      } catch {
        setError(t("searchFailed"));
        setFound(null);
      }
    });
  }

  // A plain click opens the result in the pane (PaneNavigator): the article replaces the results.
  function openResult(event: MouseEvent<HTMLDivElement>) {
    const isPlain = !event.metaKey && !event.ctrlKey && !event.shiftKey;
    if (isPlain && (event.target as HTMLElement).closest("a[data-help-slug]")) setFound(null);
  }

  return (
    <>
      <HelpSearchForm onSearch={search} isPending={isPending} errorId={error ? errorId : undefined} />
      <p role="status" className={found || error ? "mb-2 text-sm" : "sr-only"}>
        {found && t("resultCount", { count: found.results.length, query: found.query })}
      </p>
      {error && (
        <p id={errorId} role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {found ? (
        <div onClick={(event) => openResult(event)}>
          <button type="button" className="btn mb-3" onClick={() => setFound(null)}>
            {t("clearSearch")}
          </button>
          <HelpSearchResults results={found.results} inPane />
        </div>
      ) : (
        children
      )}
    </>
  );
}
