import "server-only";
/**
 * The deployment's help search: one index per locale (en-US where untranslated) and cloud, built
 * on first use from the loader's rendered articles and kept for the life of the server process.
 * It is rebuilt after clearHelpCache and, in development, when the loader re-rendered a changed
 * article (a new article object).
 */
import type { Cloud, Locale } from "@/lib/cloud";
import { HELP_CONTENT_CHANGES, helpCacheGeneration, loadHelpArticles, type LoadedHelpArticle } from "./loader";
import { buildHelpSearchIndex, searchHelpIndex, type HelpSearchIndex, type HelpSearchResult } from "./search";

interface Entry {
  generation: number;
  articles: readonly LoadedHelpArticle[];
  index: HelpSearchIndex;
}

const indexes = new Map<string, Promise<Entry>>();

async function build(locale: Locale, cloud: Cloud, generation: number, loaded?: LoadedHelpArticle[]): Promise<Entry> {
  const articles = loaded ?? (await loadHelpArticles(locale, cloud));
  return { generation, articles, index: buildHelpSearchIndex(articles) };
}

function isSame(a: readonly LoadedHelpArticle[], b: readonly LoadedHelpArticle[]): boolean {
  return a.length === b.length && a.every((article, i) => article === b[i]);
}

async function indexFor(locale: Locale, cloud: Cloud): Promise<HelpSearchIndex> {
  const key = `${locale}|${cloud}`;
  const generation = helpCacheGeneration();
  const cached = indexes.get(key);
  const entry = cached ? await cached.catch(() => null) : null;
  let current: LoadedHelpArticle[] | undefined;
  if (entry && entry.generation === generation) {
    if (!HELP_CONTENT_CHANGES) return entry.index;
    current = await loadHelpArticles(locale, cloud);
    if (isSame(current, entry.articles)) return entry.index;
  }
  const pending = build(locale, cloud, generation, current);
  indexes.set(key, pending);
  // A failed build is not kept: the next search retries.
  pending.catch(() => indexes.delete(key));
  return (await pending).index;
}

/** Help articles of this locale and cloud matching `query` (already validated and trimmed). */
export async function findHelpArticles(query: string, locale: Locale, cloud: Cloud): Promise<HelpSearchResult[]> {
  if (query === "") return [];
  return searchHelpIndex(await indexFor(locale, cloud), query);
}
