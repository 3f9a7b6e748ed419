import "server-only";
/**
 * Help articles for the app: reads `content/<locale>/<slug>.md` (en-US fallback), renders it for
 * the deployment's cloud and keeps the result in a bounded in-memory LRU per (slug, locale, cloud).
 * In development a changed file (mtime) is re-rendered.
 */
import { readFileSync } from "node:fs";
import { stat, readFile } from "node:fs/promises";
import path from "node:path";
import { CLOUD_PROFILES, type Cloud, type Locale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { HELP_SLUGS } from "./articles";
import { SOURCE_LOCALE, articlePath, fileIncludeResolver, listSlugs } from "./corpus";
import { isValidSlug } from "./links";
import { articleInCloud, extractFrontMatter, parseFrontMatter, renderHelpMarkdown, type RenderedArticle } from "./render";

export interface LoadedHelpArticle extends RenderedArticle {
  slug: string;
  /** Locale of the text served (en-US when the translation is missing). */
  locale: Locale;
  requestedLocale: Locale;
  /** True when the requested translation is missing and the en-US original is served. */
  fallback: boolean;
}

export interface HelpArticleSummary {
  slug: string;
  title: string;
  description: string;
  fallback: boolean;
}

const MAX_ENTRIES = 256;
const CHECK_MTIME = process.env.NODE_ENV === "development";

interface Entry {
  mtimeMs: number;
  article: Promise<LoadedHelpArticle | null>;
}

const cache = new Map<string, Entry>();
let slugCache: { slugs: Set<string>; at: number; clouds: Map<string, boolean> } | null = null;

/** The help content tree (content/, or HELP_CONTENT_DIR). */
export function contentDir(): string {
  return env().HELP_CONTENT_DIR ?? path.join(process.cwd(), "content");
}

/** Slugs of the en-US originals: the corpus. Re-listed every few seconds in development only. */
function corpusSlugs(): Set<string> {
  const now = Date.now();
  if (!slugCache || (CHECK_MTIME && now - slugCache.at > 2_000)) {
    slugCache = { slugs: new Set(listSlugs(contentDir(), SOURCE_LOCALE)), at: now, clouds: new Map() };
  }
  return slugCache.slugs;
}

export function helpArticleExists(slug: string): boolean {
  return isValidSlug(slug) && corpusSlugs().has(slug);
}

/** Whether the article exists and its en-US front matter's `monikerRange` includes `cloud`. */
export function helpArticleInCloud(slug: string, cloud: Cloud): boolean {
  if (!helpArticleExists(slug) || !slugCache) return false;
  const key = `${slug}|${cloud}`;
  let shown = slugCache.clouds.get(key);
  if (shown === undefined) {
    const yaml = extractFrontMatter(readFileSync(articlePath(contentDir(), SOURCE_LOCALE, slug), "utf8"));
    shown = yaml === null || articleInCloud(parseFrontMatter(yaml).data, CLOUD_PROFILES[cloud].moniker);
    slugCache.clouds.set(key, shown);
  }
  return shown;
}

async function mtimeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function resolveFile(slug: string, locale: Locale): Promise<{ file: string; locale: Locale; mtimeMs: number } | null> {
  for (const candidate of locale === SOURCE_LOCALE ? [locale] : [locale, SOURCE_LOCALE]) {
    const file = articlePath(contentDir(), candidate, slug);
    const mtimeMs = await mtimeOf(file);
    if (mtimeMs !== null) return { file, locale: candidate, mtimeMs };
  }
  return null;
}

async function load(slug: string, requestedLocale: Locale, cloud: Cloud, file: string, locale: Locale): Promise<LoadedHelpArticle> {
  const source = await readFile(file, "utf8");
  const root = contentDir();
  const rendered = await renderHelpMarkdown(source, {
    cloud,
    locale: requestedLocale,
    articleExists: (target) => helpArticleInCloud(target, cloud),
    resolveInclude: fileIncludeResolver(file, path.join(root, locale), locale === SOURCE_LOCALE ? [] : [path.join(root, SOURCE_LOCALE)]),
  });
  return { ...rendered, slug, locale, requestedLocale, fallback: locale !== requestedLocale };
}

/**
 * The rendered article, or null when the slug is invalid or exists in neither the requested
 * locale nor en-US. Alert titles follow the requested (UI) locale even on fallback.
 */
export async function getHelpArticle(slug: string, locale: Locale, cloud: Cloud): Promise<LoadedHelpArticle | null> {
  if (!isValidSlug(slug) || !helpArticleInCloud(slug, cloud)) return null;
  const key = `${slug}|${locale}|${cloud}`;
  const hit = cache.get(key);
  if (hit && !CHECK_MTIME) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.article;
  }
  const target = await resolveFile(slug, locale);
  if (!target) {
    cache.delete(key);
    return null;
  }
  if (hit && hit.mtimeMs === target.mtimeMs) return hit.article;
  const article = load(slug, locale, cloud, target.file, target.locale);
  cache.set(key, { mtimeMs: target.mtimeMs, article });
  // A failed render is not cached: the next request retries.
  article.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return article;
}

/** Every rendered article of the corpus in `locale` (en-US where untranslated) and `cloud`, in the app's order. */
export async function loadHelpArticles(locale: Locale, cloud: Cloud): Promise<LoadedHelpArticle[]> {
  const known: readonly string[] = HELP_SLUGS;
  const slugs = [...corpusSlugs()].sort((a, b) => rank(known, a) - rank(known, b) || a.localeCompare(b));
  const articles = await Promise.all(slugs.map((slug) => getHelpArticle(slug, locale, cloud)));
  return articles.filter((article): article is LoadedHelpArticle => article !== null);
}

/** Every article of the corpus in `locale` (en-US where untranslated), ordered as the app lists them. */
export async function listHelpArticles(locale: Locale, cloud: Cloud = "worldwide"): Promise<HelpArticleSummary[]> {
  return (await loadHelpArticles(locale, cloud)).map(({ slug, title, description, fallback }) => ({ slug, title, description, fallback }));
}

function rank(list: readonly string[], slug: string): number {
  const index = list.indexOf(slug);
  return index < 0 ? list.length : index;
}

let generation = 0;

/** Bumped by clearHelpCache: caches built from loaded articles (the search index) rebuild when it changes. */
export function helpCacheGeneration(): number {
  return generation;
}

/** Whether the loader re-reads changed files (development): derived caches then re-check their articles. */
export const HELP_CONTENT_CHANGES = CHECK_MTIME;

/** For tests and content reloads. */
export function clearHelpCache(): void {
  cache.clear();
  slugCache = null;
  generation += 1;
}
