"use client";
import { useTranslations } from "next-intl";
import { useId, type FormEvent } from "react";
import { MAX_SEARCH } from "@/lib/listing";

/**
 * The help search box (a search landmark). Without `onSearch` it submits to /help?q= (the page's
 * server-rendered results, no script needed); with it, the pane searches in place.
 */
export function HelpSearchForm({
  defaultQuery = "",
  onSearch,
  isPending = false,
  errorId,
}: {
  defaultQuery?: string;
  onSearch?: (query: string) => void;
  isPending?: boolean;
  /** The id of the element that explains an invalid search. */
  errorId?: string;
}) {
  const t = useTranslations("help");
  const inputId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    if (!onSearch) return;
    event.preventDefault();
    onSearch(String(new FormData(event.currentTarget).get("q") ?? ""));
  }

  return (
    <form role="search" aria-label={t("searchLabel")} action="/help" method="get" onSubmit={submit} className="mb-3 flex gap-2">
      <label htmlFor={inputId} className="sr-only">
        {t("searchLabel")}
      </label>
      <input
        id={inputId}
        name="q"
        type="search"
        defaultValue={defaultQuery}
        maxLength={MAX_SEARCH}
        placeholder={t("searchLabel")}
        aria-describedby={errorId}
        className="input min-w-0 flex-1"
      />
      <button type="submit" className="btn" disabled={isPending} aria-disabled={isPending}>
        {t("searchButton")}
      </button>
    </form>
  );
}
