/**
 * The help corpus on disk: `content/<locale>/<slug>.md`. Plain Node (no `server-only`) so the
 * authoring CLIs and tests can use it; the app goes through ./cache.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LOCALES, type Locale } from "@/lib/cloud";
import { isValidSlug } from "./links";

export const SOURCE_LOCALE: Locale = "en-US";

export interface CorpusArticle {
  slug: string;
  locale: Locale;
  file: string;
  source: string;
}

export interface HelpCorpus {
  rootDir: string;
  /** Articles per locale, keyed by slug. */
  articles: Record<Locale, Map<string, CorpusArticle>>;
  /** Every slug present in any locale. */
  slugs: Set<string>;
  /** Files under the root that are not `<locale>/<slug>.md` for a known locale and a valid slug. */
  strayFiles: string[];
}

export function articlePath(rootDir: string, locale: Locale, slug: string): string {
  if (!isValidSlug(slug)) throw new Error(`invalid help slug: ${JSON.stringify(slug)}`);
  return path.join(rootDir, locale, `${slug}.md`);
}

/** Slugs of the `.md` files of one locale directory (empty when the directory is missing). */
export function listSlugs(rootDir: string, locale: Locale): string[] {
  let names: string[];
  try {
    names = readdirSync(path.join(rootDir, locale));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".md"))
    .map((name) => name.slice(0, -3))
    .filter(isValidSlug)
    .sort();
}

export function loadCorpus(rootDir: string): HelpCorpus {
  const articles = Object.fromEntries(LOCALES.map((locale) => [locale, new Map<string, CorpusArticle>()])) as Record<
    Locale,
    Map<string, CorpusArticle>
  >;
  const slugs = new Set<string>();
  const strayFiles: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(rootDir);
  } catch {
    throw new Error(`help corpus directory not found: ${rootDir}`);
  }
  for (const entry of entries.sort()) {
    const dir = path.join(rootDir, entry);
    if (!statSync(dir).isDirectory()) {
      strayFiles.push(entry);
      continue;
    }
    if (!(LOCALES as readonly string[]).includes(entry)) {
      strayFiles.push(`${entry}/`);
      continue;
    }
    const locale = entry as Locale;
    for (const name of readdirSync(dir).sort()) {
      const slug = name.endsWith(".md") ? name.slice(0, -3) : "";
      if (!isValidSlug(slug)) {
        strayFiles.push(`${entry}/${name}`);
        continue;
      }
      const file = path.join(dir, name);
      articles[locale].set(slug, { slug, locale, file, source: readFileSync(file, "utf8") });
      slugs.add(slug);
    }
  }
  return { rootDir, articles, slugs, strayFiles };
}
