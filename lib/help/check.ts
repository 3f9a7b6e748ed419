/** Corpus validation behind `npm run help:check`. */
import path from "node:path";
import { CLOUDS, CLOUD_PROFILES, LOCALES, type Cloud, type Locale } from "@/lib/cloud";
import { HELP_SLUGS } from "./articles";
import { SOURCE_LOCALE, fileIncludeResolver, type CorpusArticle, type HelpCorpus } from "./corpus";
import {
  articleInCloud,
  extractFrontMatter,
  parseFrontMatter,
  renderHelpMarkdownWithDiagnostics,
  type FrontMatter,
  type RenderedArticle,
} from "./render";

export interface CheckProblem {
  /** Path relative to the corpus root. */
  file: string;
  line?: number;
  message: string;
}

export interface CheckResult {
  articles: number;
  errors: CheckProblem[];
}

const REQUIRED_FIELDS = ["title", "description", "ms.topic"] as const;
const TRANSLATION_FIELDS = ["ms.translationtype", "ms.contentlocale"] as const;
const TTU = /<span data-ttu-id="([^"]*)">/g;
const STU = /<span data-stu-id="([^"]*)">([\s\S]*?)<\/span><\/span>/g;
const PAIR = /<span data-ttu-id="([^"]*)">[\s\S]*?<\/span><span class="sxs-lookup"><span data-stu-id="([^"]*)">/g;

function relative(corpus: HelpCorpus, article: CorpusArticle): string {
  return path.relative(corpus.rootDir, article.file).split(path.sep).join("/");
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function checkFrontMatter(data: FrontMatter, error: string | null, article: CorpusArticle): string[] {
  if (error) return [`front matter does not parse: ${error}`];
  const problems: string[] = [];
  const fields = article.locale === SOURCE_LOCALE ? REQUIRED_FIELDS : [...REQUIRED_FIELDS, ...TRANSLATION_FIELDS];
  for (const field of fields) {
    const value = data[field];
    if (typeof value !== "string" || value.trim() === "") problems.push(`front matter field "${field}" is required`);
  }
  const contentLocale = data["ms.contentlocale"];
  if (typeof contentLocale === "string" && contentLocale.toLowerCase() !== article.locale.toLowerCase()) {
    problems.push(`ms.contentlocale "${contentLocale}" does not match the folder ${article.locale}`);
  }
  const type = data["ms.translationtype"];
  if (typeof type === "string" && !["MT", "HT"].includes(type.toUpperCase())) {
    problems.push(`ms.translationtype must be MT or HT, found "${type}"`);
  }
  return problems;
}

/** Markup of the dialect that must never reach a reader as text (code blocks excepted). */
export const LEAK_PATTERNS: readonly RegExp[] = [/:::/, /\bmoniker\b/i, /\[!include/i, /\[!div/i, /\[!video/i, /#tab\//i];

export function leaksIn(html: string): string[] {
  const outsideCode = html.replace(/<(pre|code)[\s\S]*?<\/\1>/g, "");
  return LEAK_PATTERNS.filter((pattern) => pattern.test(outsideCode)).map((pattern) => pattern.source);
}

/** Whether the en-US original of `slug` is shown in `cloud` (its front matter's monikerRange). */
export function slugInCloud(corpus: HelpCorpus, slug: string, cloud: Cloud): boolean {
  const source = corpus.articles[SOURCE_LOCALE].get(slug)?.source;
  if (source === undefined) return corpus.slugs.has(slug);
  const yaml = extractFrontMatter(source);
  return yaml === null || articleInCloud(parseFrontMatter(yaml).data, CLOUD_PROFILES[cloud].moniker);
}

/** Side-by-side pairs: every translation span has its English original with the same id, in order. */
export function checkSideBySide(source: string, englishSource: string | null): string[] {
  const problems: string[] = [];
  const ttu = [...source.matchAll(TTU)].map((match) => match[1] ?? "");
  const stu = [...source.matchAll(STU)].map((match) => ({ id: match[1] ?? "", text: match[2] ?? "" }));
  const pairs = [...source.matchAll(PAIR)];
  if (englishSource === null) {
    if (ttu.length > 0 || stu.length > 0) problems.push("an en-US original must not contain side-by-side spans");
    return problems;
  }
  const seen = new Set<string>();
  for (const id of ttu) {
    if (seen.has(id)) problems.push(`duplicate data-ttu-id "${id}"`);
    seen.add(id);
  }
  const stuIds = new Set(stu.map((entry) => entry.id));
  for (const id of ttu) if (!stuIds.has(id)) problems.push(`data-ttu-id "${id}" has no English original (data-stu-id)`);
  for (const { id } of stu) if (!seen.has(id)) problems.push(`data-stu-id "${id}" has no translation (data-ttu-id)`);
  for (const pair of pairs) {
    if (pair[1] !== pair[2]) problems.push(`translation "${pair[1] ?? ""}" is followed by the original of "${pair[2] ?? ""}"`);
  }
  if (pairs.length !== ttu.length && problems.length === 0) {
    problems.push(`${ttu.length - pairs.length} translation span(s) not directly followed by <span class="sxs-lookup">`);
  }
  const english = normalize(englishSource);
  for (const { id, text } of stu) {
    if (!english.includes(normalize(text)))
      problems.push(`English original of "${id}" does not match the en-US article: ${normalize(text).slice(0, 80)}`);
  }
  return problems;
}

export interface CheckOptions {
  /** Slugs that must exist (the app's views link to them); defaults to HELP_SLUGS. */
  requiredSlugs?: readonly string[];
}

export async function checkCorpus(corpus: HelpCorpus, options: CheckOptions = { requiredSlugs: HELP_SLUGS }): Promise<CheckResult> {
  const errors: CheckProblem[] = [];
  let count = 0;
  for (const file of corpus.strayFiles) errors.push({ file, message: "not a <locale>/<slug>.md help article" });
  if (options.requiredSlugs) {
    for (const slug of options.requiredSlugs) {
      if (!corpus.slugs.has(slug)) errors.push({ file: `${SOURCE_LOCALE}/${slug}.md`, message: "required article is missing" });
    }
  }
  const existsIn = Object.fromEntries(
    CLOUDS.map((cloud) => [cloud, (slug: string) => corpus.slugs.has(slug) && slugInCloud(corpus, slug, cloud)]),
  ) as Record<Cloud, (slug: string) => boolean>;
  const rendered = new Map<string, RenderedArticle>();
  const key = (slug: string, locale: Locale, cloud: Cloud) => `${slug}|${locale}|${cloud}`;

  for (const locale of LOCALES) {
    for (const slug of [...corpus.slugs].sort()) {
      const article = corpus.articles[locale].get(slug);
      if (!article) {
        errors.push({ file: `${locale}/${slug}.md`, message: `missing: "${slug}" exists in another locale but not in ${locale}` });
        continue;
      }
      count++;
      const file = relative(corpus, article);
      const report = (message: string, line?: number) => errors.push({ file, message, ...(line ? { line } : {}) });
      const resolveInclude = fileIncludeResolver(
        article.file,
        path.join(corpus.rootDir, locale),
        locale === SOURCE_LOCALE ? [] : [path.join(corpus.rootDir, SOURCE_LOCALE)],
      );
      for (const cloud of CLOUDS) {
        const { article: result, diagnostics } = await renderHelpMarkdownWithDiagnostics(article.source, {
          cloud,
          locale,
          articleExists: existsIn[cloud],
          resolveInclude,
        });
        if (result.inCloud) rendered.set(key(slug, locale, cloud), result);
        for (const issue of diagnostics.issues) report(issue.message, issue.line);
        for (const image of diagnostics.images) {
          if (!corpus.media.has(image)) report(`image not found: media/${image}`);
        }
        if (cloud !== CLOUDS[0]) continue;
        for (const issue of diagnostics.monikerIssues) report(issue.message, issue.line);
        for (const message of checkFrontMatter(diagnostics.frontMatter, diagnostics.frontMatterError, article)) report(message);
      }
      const english = locale === SOURCE_LOCALE ? null : (corpus.articles[SOURCE_LOCALE].get(slug)?.source ?? "");
      for (const message of checkSideBySide(article.source, english)) report(message);
    }
  }

  for (const [id, result] of rendered) {
    const [slug = "", locale = SOURCE_LOCALE, cloud = ""] = id.split("|") as [string, Locale, string];
    const file = `${locale}/${slug}.md`;
    for (const leak of leaksIn(result.html)) {
      errors.push({ file, message: `markup (${leak}) leaks into the ${cloud} rendering` });
    }
    for (const link of result.links) {
      if (link.kind === "missing") {
        errors.push({ file, message: `link to an article that is not in the corpus (${cloud}): ${link.href}` });
        continue;
      }
      const target = /^\/help\/([a-z0-9-]+)[^#]*#(.+)$/.exec(link.href);
      if (link.kind !== "article" || !target?.[1] || !target[2]) continue;
      const headings = rendered.get(key(target[1], locale, cloud as Cloud))?.headings;
      if (headings && !headings.some((heading) => heading.id === target[2])) {
        errors.push({ file, message: `link anchor #${target[2]} does not exist in ${target[1]} (${cloud})` });
      }
    }
  }
  return { articles: count, errors: dedupe(errors) };
}

function dedupe(problems: CheckProblem[]): CheckProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const id = `${problem.file}:${problem.line ?? ""}:${problem.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function formatProblem(problem: CheckProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`;
}
