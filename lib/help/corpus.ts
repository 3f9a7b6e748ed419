/**
 * The help corpus on disk: `content/<locale>/<slug>.md`, shared snippets in
 * `content/<locale>/includes/` and images in `content/media/`. Plain Node (no `server-only`) so
 * the authoring CLIs and tests can use it; the app goes through ./loader.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LOCALES, type Locale } from "@/lib/cloud";
import type { IncludeResolver } from "./includes";
import { isValidSlug } from "./links";

export const INCLUDES_DIR = "includes";
export const MEDIA_DIR = "media";

/** Every file under `dir`, as paths relative to it with `/` separators (empty when missing). */
export function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name],
  );
}

/**
 * Resolves include paths against the including file, never outside `boundary`; a path missing in
 * the article's locale is looked up in each fallback root at the same relative place (en-US).
 */
export function fileIncludeResolver(articleFile: string, boundary: string, fallbackRoots: string[] = []): IncludeResolver {
  const root = path.resolve(boundary);
  return (href, from) => {
    const clean = decodeURIComponent(href.split(/[?#]/, 1)[0] ?? "");
    if (!clean.toLowerCase().endsWith(".md") || path.isAbsolute(clean)) return null;
    const target = path.resolve(path.dirname(from === null ? articleFile : path.resolve(root, from)), clean);
    const relative = path.relative(root, target);
    if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
    for (const candidate of [target, ...fallbackRoots.map((other) => path.join(other, relative))]) {
      try {
        // Ids are relative to the boundary: stable and short in help:check's messages.
        return { id: path.relative(root, candidate).split(path.sep).join("/"), source: readFileSync(candidate, "utf8") };
      } catch {
        continue;
      }
    }
    return null;
  };
}

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
  /** Files under `media/`, relative to it. */
  media: Set<string>;
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
    if (entry === MEDIA_DIR) continue;
    if (!(LOCALES as readonly string[]).includes(entry)) {
      strayFiles.push(`${entry}/`);
      continue;
    }
    const locale = entry as Locale;
    for (const name of readdirSync(dir).sort()) {
      if (name === INCLUDES_DIR && statSync(path.join(dir, name)).isDirectory()) continue;
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
  return { rootDir, articles, slugs, strayFiles, media: new Set(listFiles(path.join(rootDir, MEDIA_DIR))) };
}
