/**
 * Help article renderer: DocFX-flavoured Markdown (front matter, includes, moniker ranges, alerts,
 * images, tabs, rows and columns, side-by-side machine translation) → sanitized HTML plus the
 * metadata the app needs. Pure: no file system, no framework; the loader (./loader.ts) feeds it,
 * includes through `resolveInclude`.
 *
 * Source passes, in order: includes → moniker zones → directives (./directives.ts); then
 * Markdown → mdast (tabs) → hast (./transforms.ts) → sanitize.
 */
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import rehypeRaw from "rehype-raw";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parse as parseYaml } from "yaml";
import { CLOUD_PROFILES, type Cloud, type Locale } from "@/lib/cloud";
import type { HelpLinkKind } from "./links";
import { applyDirectives } from "./directives";
import { expandIncludes, type IncludeResolver } from "./includes";
import { applyMonikers, parseMonikerRange, type MonikerIssue } from "./monikers";
import { remarkHelpTabs } from "./tabs";
import { helpSanitizeSchema } from "./sanitize-schema";
import { collectSections, type HelpSection } from "./sections";
import { visit } from "unist-util-visit";
import { applyHelpTransforms, hasClass, isElement, visibleText, type CollectedLink } from "./transforms";

export interface RenderOptions {
  cloud: Cloud;
  locale: Locale;
  articleExists: (slug: string) => boolean;
  /** Reads `[!INCLUDE]` targets; without it every include is reported missing and left out. */
  resolveInclude?: IncludeResolver;
}

export interface HelpHeading {
  id: string;
  text: string;
  depth: number;
}

export interface RenderedArticle {
  html: string;
  title: string;
  description: string;
  machineTranslated: boolean;
  headings: HelpHeading[];
  excerpt: string;
  links: { href: string; kind: HelpLinkKind }[];
  /** False when the front matter's `monikerRange` excludes the cloud: the app then hides the article. */
  inCloud: boolean;
  /** The visible text by section, for help search (./search.ts). */
  sections: HelpSection[];
}

export type FrontMatter = Record<string, unknown>;

const EXCERPT_LENGTH = 240;

/** Parse a YAML front matter block; a broken block yields an error instead of throwing. */
export function parseFrontMatter(yaml: string): { data: FrontMatter; error: string | null } {
  try {
    const value: unknown = parseYaml(yaml);
    if (value === null || value === undefined) return { data: {}, error: null };
    if (typeof value !== "object" || Array.isArray(value)) return { data: {}, error: "front matter is not a mapping" };
    return { data: value as FrontMatter, error: null };
  } catch (error) {
    return { data: {}, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The YAML text of a leading `---` block, or null. */
export function extractFrontMatter(markdown: string): string | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(markdown);
  return match ? (match[1] ?? "") : null;
}

function stringField(data: FrontMatter, key: string): string {
  const value = data[key];
  return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

export interface RenderDiagnostics {
  monikerIssues: MonikerIssue[];
  /** Includes, directives and markup the renderer left out (line numbers of the expanded source). */
  issues: MonikerIssue[];
  /** Media paths (under content/media/) the article shows. */
  images: string[];
  frontMatter: FrontMatter;
  frontMatterError: string | null;
}

/** Like renderHelpMarkdown, plus what help:check needs to report. */
export async function renderHelpMarkdownWithDiagnostics(
  markdown: string,
  options: RenderOptions,
): Promise<{ article: RenderedArticle; diagnostics: RenderDiagnostics }> {
  const issues: MonikerIssue[] = [];
  const images: string[] = [];
  const moniker = CLOUD_PROFILES[options.cloud].moniker;
  const pass = applyMonikers(expandIncludes(markdown, options.resolveInclude, issues), moniker);
  const source = applyDirectives(pass.markdown, issues);
  let yamlSource: string | null = null;
  let links: CollectedLink[] = [];
  const report = (message: string) => issues.push({ line: 0, message });

  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ["yaml"])
    .use(remarkGfm)
    .use(remarkHelpTabs)
    .use(() => (tree: MdastRoot) => {
      const node = tree.children.find((child) => child.type === "yaml");
      if (node?.type === "yaml") yamlSource = node.value;
    })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(() => (tree: HastRoot) => {
      links = applyHelpTransforms(tree, { ...options, report, images });
    })
    .use(rehypeSanitize, helpSanitizeSchema)
    // A code block or table wider than the pane scrolls: keyboard users reach it to scroll it (WCAG 2.1.1).
    .use(() => (tree: HastRoot) => focusablePre(tree))
    .use(rehypeStringify);

  const tree = await processor.run(processor.parse(source));
  const frontMatter = yamlSource === null ? { data: {}, error: null } : parseFrontMatter(yamlSource);
  const data = frontMatter.data;
  const inCloud = articleInCloud(data, moniker, issues);
  const headings = collectHeadings(tree);
  const article: RenderedArticle = {
    html: processor.stringify(tree),
    title: stringField(data, "title") || (headings.find((heading) => heading.depth === 1)?.text ?? ""),
    description: stringField(data, "description"),
    machineTranslated: stringField(data, "ms.translationtype").toUpperCase() === "MT",
    headings,
    excerpt: collectExcerpt(tree),
    links,
    inCloud,
    sections: collectSections(tree),
  };
  return {
    article,
    diagnostics: { monikerIssues: pass.issues, issues, images, frontMatter: data, frontMatterError: frontMatter.error },
  };
}

/** Front matter `monikerRange` (the whole article for some clouds); an unreadable range hides it everywhere. */
export function articleInCloud(data: FrontMatter, moniker: string, issues: MonikerIssue[] = []): boolean {
  const range = data.monikerRange;
  if (range === undefined || range === null || range === "") return true;
  if (typeof range !== "string") {
    issues.push({ line: 1, message: "front matter monikerRange must be a string" });
    return false;
  }
  const parsed = parseMonikerRange(range);
  if (!parsed.ok) {
    issues.push({ line: 1, message: `front matter monikerRange: ${parsed.error}` });
    return false;
  }
  return parsed.test(moniker);
}

export async function renderHelpMarkdown(markdown: string, options: RenderOptions): Promise<RenderedArticle> {
  return (await renderHelpMarkdownWithDiagnostics(markdown, options)).article;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function collectHeadings(tree: HastRoot): HelpHeading[] {
  const headings: HelpHeading[] = [];
  visit(tree, "element", (element) => {
    const depth = /^h([1-6])$/.exec(element.tagName)?.[1];
    if (!depth || typeof element.properties.id !== "string") return;
    headings.push({ id: element.properties.id, text: normalize(visibleText(element)), depth: Number(depth) });
  });
  return headings;
}

/** First real paragraph (not inside an alert), hidden originals excluded. */
function collectExcerpt(tree: HastRoot): string {
  let excerpt = "";
  const visit = (parent: HastRoot | HastRoot["children"][number]): void => {
    if (excerpt || !("children" in parent)) return;
    for (const child of parent.children) {
      if (excerpt || !isElement(child)) continue;
      if (child.tagName === "div" && hasClass(child, "alert")) continue;
      if (child.tagName === "p") {
        excerpt = normalize(visibleText(child));
        continue;
      }
      visit(child);
    }
  };
  visit(tree);
  if (excerpt.length <= EXCERPT_LENGTH) return excerpt;
  const cut = excerpt.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Gives every code block and table `tabindex="0"` (both scroll sideways), after sanitizing (which allows it only on spans). */
function focusablePre(node: HastRoot | HastRoot["children"][number]): void {
  if (node.type === "element" && (node.tagName === "pre" || node.tagName === "table"))
    node.properties = { ...node.properties, tabIndex: 0 };
  if ("children" in node) for (const child of node.children) focusablePre(child);
}
