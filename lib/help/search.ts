/**
 * Help search over rendered articles (their per-cloud sections, ./sections.ts): a MiniSearch index
 * of title, headings and body; results ranked title/heading matches first, each with a short
 * excerpt split into plain and matched parts (the UI wraps matched parts in <mark>, React escapes
 * the text: no article text is ever injected as HTML). Pure: the cached, per-deployment index
 * lives in ./search-index.ts.
 *
 * Chinese, Japanese and Korean have no spaces between words: runs of those characters are
 * indexed as single characters and overlapping bigrams, and searched as bigrams (a one-character
 * query as that character), so "分配许可证" finds "为用户分配许可证".
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { HelpSection } from "./sections";

export interface SearchableArticle {
  slug: string;
  title: string;
  description: string;
  /** True when the article is the en-US original served in place of a missing translation. */
  fallback: boolean;
  sections: HelpSection[];
}

export interface ExcerptPart {
  text: string;
  isMatch: boolean;
}

export interface HelpSearchResult {
  slug: string;
  /** The article, or the best-matching section of it. */
  href: string;
  title: ExcerptPart[];
  /** The heading of the section the excerpt comes from, when it is not the article's start. */
  section: ExcerptPart[] | null;
  excerpt: ExcerptPart[];
  fallback: boolean;
}

export interface HelpSearchIndex {
  search: MiniSearch<IndexedDocument>;
  articles: Map<string, SearchableArticle>;
}

interface IndexedDocument {
  id: string;
  title: string;
  headings: string;
  body: string;
}

const FIELDS = ["title", "headings", "body"] as const;
const BOOST = { title: 6, headings: 3, body: 1 };
const EXCERPT_LENGTH = 180;
const EXCERPT_LEAD = 50;
export const MAX_RESULTS = 50;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUNS =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)|([^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/gu;

interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Words of `text` with their offsets; a run of CJK characters gives its bigrams (and, when
 * indexing, its single characters too, so a one-character search finds them).
 */
export function tokens(text: string, mode: "index" | "query" = "index"): Token[] {
  const out: Token[] = [];
  for (const word of text.matchAll(WORD)) {
    for (const run of word[0].matchAll(CJK_RUNS)) {
      const start = word.index + run.index;
      if (run[1] === undefined) {
        out.push({ text: run[0], start, end: start + run[0].length });
        continue;
      }
      const chars = [...run[1].matchAll(/./gsu)].map((c) => ({ text: c[0], start: start + c.index }));
      chars.forEach((char, i) => {
        const next = chars[i + 1];
        const charEnd = char.start + char.text.length;
        if (mode === "index" || chars.length === 1) out.push({ text: char.text, start: char.start, end: charEnd });
        if (next) out.push({ text: char.text + next.text, start: char.start, end: next.start + next.text.length });
      });
    }
  }
  return out;
}

/** Case- and accent-insensitive: "Licentie", "licentie" and "licentié" are one term. */
export function normalizeTerm(term: string): string {
  return term.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

const isCjk = (term: string) => CJK.test(term);

export function buildHelpSearchIndex(articles: readonly SearchableArticle[]): HelpSearchIndex {
  const search = new MiniSearch<IndexedDocument>({
    fields: [...FIELDS],
    tokenize: (text) => tokens(text, "index").map((token) => token.text),
    processTerm: normalizeTerm,
    searchOptions: {
      tokenize: (text) => tokens(text, "query").map((token) => token.text),
      processTerm: normalizeTerm,
      boost: BOOST,
      combineWith: "AND",
      prefix: (term) => !isCjk(term) && term.length >= 2,
      fuzzy: (term) => (!isCjk(term) && term.length >= 5 ? 0.2 : false),
    },
  });
  search.addAll(
    articles.map((article) => ({
      id: article.slug,
      title: article.title,
      headings: article.sections
        .filter((section) => section.depth > 1)
        .map((section) => section.heading)
        .join("\n"),
      body: article.sections.map((section) => section.text).join("\n"),
    })),
  );
  return { search, articles: new Map(articles.map((article) => [article.slug, article])) };
}

/** Articles matching `query`: any title or heading match ranks above body-only matches. */
export function searchHelpIndex(index: HelpSearchIndex, query: string, limit = MAX_RESULTS): HelpSearchResult[] {
  if (query.trim() === "") return [];
  const results = index.search.search(query);
  const inHeadings = (result: SearchResult) =>
    Object.values(result.match).some((fields) => fields.includes("title") || fields.includes("headings"));
  return results
    .map((result, order) => ({ result, tier: inHeadings(result) ? 0 : 1, order }))
    .sort((a, b) => a.tier - b.tier || a.order - b.order)
    .slice(0, limit)
    .flatMap(({ result }) => {
      const article = index.articles.get(String(result.id));
      return article ? [describe(article, new Set(result.terms))] : [];
    });
}

function describe(article: SearchableArticle, terms: Set<string>): HelpSearchResult {
  const scored = article.sections.map((section) => ({
    section,
    score: matchCount(section.heading, terms) * 2 + matchCount(section.text, terms),
  }));
  const best = scored.reduce<(typeof scored)[number] | undefined>(
    (top, entry) => (!top || entry.score > top.score ? entry : top),
    undefined,
  );
  const section = best && best.score > 0 ? best.section : article.sections[0];
  const showHeading = section !== undefined && section.depth > 1;
  return {
    slug: article.slug,
    href: `/help/${article.slug}${showHeading && section.id ? `#${encodeURIComponent(section.id)}` : ""}`,
    title: highlight(article.title, terms),
    section: showHeading ? highlight(section.heading, terms) : null,
    excerpt: excerpt(section?.text || article.description, terms),
    fallback: article.fallback,
  };
}

function matchRanges(text: string, terms: Set<string>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const token of tokens(text, "index")) {
    if (!terms.has(normalizeTerm(token.text))) continue;
    const last = ranges[ranges.length - 1];
    if (last && token.start <= last[1]) last[1] = Math.max(last[1], token.end);
    else ranges.push([token.start, token.end]);
  }
  return ranges;
}

function matchCount(text: string, terms: Set<string>): number {
  return matchRanges(text, terms).length;
}

/** `text` split into plain and matched parts (every matched word or CJK character run). */
export function highlight(text: string, terms: Set<string>): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) parts.push({ text: text.slice(at, start), isMatch: false });
    parts.push({ text: text.slice(start, end), isMatch: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), isMatch: false });
  return parts;
}

/** About EXCERPT_LENGTH characters around the first match, cut at spaces where there are any. */
export function excerpt(text: string, terms: Set<string>): ExcerptPart[] {
  const first = matchRanges(text, terms)[0]?.[0] ?? 0;
  let start = Math.max(0, first - EXCERPT_LEAD);
  let end = Math.min(text.length, start + EXCERPT_LENGTH);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < first) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > Math.max(start, first)) end = space;
  }
  const parts = highlight(text.slice(start, end), terms);
  if (start > 0) parts.unshift({ text: "…", isMatch: false });
  if (end < text.length) parts.push({ text: "…", isMatch: false });
  return parts;
}
