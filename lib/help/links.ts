/** How links in help articles resolve: corpus articles, admin-center pages, external sites. */
import { adminCenterPath, type Locale } from "@/lib/cloud";
import { appPathOf, externalUrlOf } from "@/lib/redirects";

export type HelpLinkKind = "article" | "missing" | "admin" | "external";

export const SLUG_PATTERN = /^[a-z0-9-]+$/;

export function isValidSlug(slug: string): boolean {
  return SLUG_PATTERN.test(slug) && slug.length <= 100;
}

/**
 * Microsoft's file names (as used in their articles, e.g. the seed) mapped to our slugs. Names not
 * listed resolve to their own basename. A target that is not in the corpus renders as plain text.
 */
export const ARTICLE_ALIASES: Readonly<Record<string, string>> = {
  "assign-licenses-to-users": "assign-licenses",
  "remove-licenses-from-users": "remove-licenses",
  "buy-licenses": "buy-licenses",
  "reduce-licenses": "reduce-quantity",
  "remove-licenses-from-your-subscription": "reduce-quantity",
  "delete-a-user": "delete-user",
  "restore-user": "restore-user",
  "add-users": "add-user",
  "resolve-license-conflicts": "resolve-license-conflicts",
  "what-if-my-subscription-expires": "subscription-expiry",
  "about-admin-roles": "admin-roles",
  "manage-licenses": "licenses",
  // Microsoft's "About the new admin center" page has no counterpart here: rendered as plain text.
  "microsoft-365-admin-center-preview": "admin-center-preview",
};

/** Query parameters DocFX uses for moniker views; meaningless in-app. */
const DROPPED_PARAMS = new Set(["view", "preserve-view"]);

export type ResolvedLink =
  | { kind: "article"; href: string; slug: string }
  | { kind: "missing"; href: string; slug: string | null }
  | { kind: "admin"; href: string }
  | { kind: "external"; href: string }
  | { kind: "fragment"; href: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** First path segments of License Center's own routes; any other site-relative path is Learn's. */
export const APP_SECTIONS: ReadonlySet<string> = new Set(["", "billing", "users", "groups", "audit", "settings", "help", "sign-in", "api"]);

export const LEARN_ORIGIN = "https://learn.microsoft.com";
const LEARN_HOSTS = new Set(["learn.microsoft.com", "docs.microsoft.com"]);
const LOCALE_SEGMENT = /^\/[a-z]{2}-[a-z]{2,4}(?=\/|$)/i;

/** A Learn URL in the reader's language: site-relative paths and learn/docs links with a locale segment. */
export function learnUrl(pathOrUrl: string, locale: Locale): string {
  const url = new URL(pathOrUrl, LEARN_ORIGIN);
  const rest = url.pathname.replace(LOCALE_SEGMENT, "");
  return `${LEARN_ORIGIN}/${locale.toLowerCase()}${rest === "" ? "/" : rest}${url.search}${url.hash}`;
}

function isLearnUrl(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === "https:" && LEARN_HOSTS.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** Slug of a relative `.md` link (`../../commerce/licenses/buy-licenses.md?view=x#a` → `buy-licenses`). */
export function slugFromMarkdownHref(href: string): string | null {
  if (SCHEME.test(href) || href.startsWith("//")) return null;
  const path = href.split(/[?#]/, 1)[0] ?? "";
  const match = /(?:^|\/)([^/]+)\.md$/i.exec(path);
  if (!match?.[1]) return null;
  const base = match[1].toLowerCase();
  return ARTICLE_ALIASES[base] ?? base;
}

export function resolveHelpHref(href: string, articleExists: (slug: string) => boolean, locale: Locale = "en-US"): ResolvedLink {
  const trimmed = href.trim();
  if (trimmed.startsWith("#")) return { kind: "fragment", href: trimmed };
  const admin = adminCenterPath(trimmed);
  if (admin) return { kind: "admin", href: admin };
  if (isLearnUrl(trimmed)) return { kind: "external", href: learnUrl(trimmed, locale) };
  if (SCHEME.test(trimmed)) return { kind: "external", href: trimmed };
  if (trimmed.startsWith("/") || trimmed.startsWith("\\")) {
    // As the browser reads it: `//host/x` and `/\host/x` leave the app, whatever they look like.
    const path = appPathOf(trimmed);
    if (path === null) {
      const external = externalUrlOf(trimmed);
      return external ? { kind: "external", href: external } : { kind: "missing", href: trimmed, slug: null };
    }
    const section = /^\/([^/?#]*)/.exec(path)?.[1]?.toLowerCase() ?? "";
    if (!APP_SECTIONS.has(section)) return { kind: "external", href: learnUrl(path, locale) };
    const help = /^\/help\/([a-z0-9-]+)/.exec(path);
    if (help?.[1]) {
      return articleExists(help[1]) ? { kind: "article", href: path, slug: help[1] } : { kind: "missing", href: path, slug: help[1] };
    }
    return { kind: "admin", href: path };
  }
  const slug = slugFromMarkdownHref(trimmed);
  if (!slug || !isValidSlug(slug) || !articleExists(slug)) return { kind: "missing", href: trimmed, slug };
  return { kind: "article", href: `/help/${slug}${keptQuery(trimmed)}${fragment(trimmed)}`, slug };
}

function fragment(href: string): string {
  const index = href.indexOf("#");
  return index >= 0 && index < href.length - 1 ? href.slice(index) : "";
}

function keptQuery(href: string): string {
  const withoutFragment = href.split("#", 1)[0] ?? "";
  const index = withoutFragment.indexOf("?");
  if (index < 0) return "";
  const params = new URLSearchParams(withoutFragment.slice(index + 1));
  for (const key of [...params.keys()]) if (DROPPED_PARAMS.has(key.toLowerCase())) params.delete(key);
  const query = params.toString();
  return query ? `?${query}` : "";
}
