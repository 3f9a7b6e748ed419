import Link from "next/link";
import { useTranslations } from "next-intl";
import type { HelpSearchResult } from "@/lib/help/search";
import { HighlightedText } from "./highlighted-text";

/**
 * Search results as a list of links, each with its section and excerpt. In the pane the links
 * are plain anchors carrying `data-help-slug`, so PaneNavigator opens them inside the pane.
 */
export function HelpSearchResults({ results, inPane = false }: { results: readonly HelpSearchResult[]; inPane?: boolean }) {
  const t = useTranslations("help");
  if (results.length === 0) return null;
  return (
    <ul className="help-search-results flex flex-col gap-3">
      {results.map((result) => (
        <li key={result.slug} className="min-w-0 break-words">
          {inPane ? (
            // A plain link: next/link would navigate the whole page before PaneNavigator sees the click.
            <a href={result.href} data-help-slug={result.slug} className="font-semibold">
              <HighlightedText parts={result.title} />
            </a>
          ) : (
            <Link href={result.href} className="font-semibold">
              <HighlightedText parts={result.title} />
            </Link>
          )}
          {result.fallback && <span className="ml-1 text-xs text-gray-600">{t("inEnglish")}</span>}
          {result.section && (
            <p className="text-xs text-gray-600">
              <HighlightedText parts={result.section} />
            </p>
          )}
          <p className="text-sm">
            <HighlightedText parts={result.excerpt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
