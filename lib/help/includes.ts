/**
 * DocFX includes (`[!INCLUDE [name](path)]`) expanded in the Markdown source before anything else,
 * so an include may hold moniker zones, alerts or further includes. The caller resolves paths
 * (the renderer stays free of the file system). On a line of its own an include is a block: its
 * lines keep the line's indentation and blockquote markers. Mid-sentence it is inline.
 */
export interface IncludedFile {
  /** Stable identity (e.g. the resolved path), for cycle detection and messages. */
  id: string;
  source: string;
}

/** `from` is the id of the including file (null for the article itself). */
export type IncludeResolver = (href: string, from: string | null) => IncludedFile | null;

export interface IncludeIssue {
  line: number;
  message: string;
}

const INCLUDE = /\[!include\s*\[([^\]]*)\]\(\s*<?([^)>\s]+)>?\s*\)\s*\]/gi;
const CODE_FENCE = /^\s*(?:>\s*)*(`{3,}|~{3,})/;
const MAX_DEPTH = 8;

function stripFrontMatter(source: string): string {
  return source.replace(/^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/, "");
}

export function expandIncludes(markdown: string, resolve: IncludeResolver | undefined, issues: IncludeIssue[]): string {
  return expand(markdown, resolve, issues, [], null);
}

function expand(
  markdown: string,
  resolve: IncludeResolver | undefined,
  issues: IncludeIssue[],
  stack: string[],
  topLine: number | null,
): string {
  const lines = markdown.split(/\r?\n/);
  let fence: string | null = null;
  const out: string[] = [];
  lines.forEach((line, index) => {
    const lineNumber = topLine ?? index + 1;
    const marker = CODE_FENCE.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0] ?? "`";
      else if (marker[0] === fence) fence = null;
    }
    if (fence !== null || !/\[!include/i.test(line)) {
      out.push(line);
      return;
    }
    const matches = [...line.matchAll(INCLUDE)];
    const only = matches.length === 1 ? matches[0] : undefined;
    const prefix = only ? line.slice(0, only.index) : "";
    if (only && /^[\s>]*$/.test(prefix) && line.slice((only.index ?? 0) + only[0].length).trim() === "") {
      const body = load(only[2] ?? "", resolve, issues, stack, lineNumber);
      out.push(...(body === null ? [prefix.trimEnd()] : body.split("\n").map((text) => `${prefix}${text}`.trimEnd())));
      return;
    }
    out.push(
      line.replace(INCLUDE, (_match, _name: string, href: string) => {
        const body = load(href, resolve, issues, stack, lineNumber);
        return body === null ? "" : body.replace(/\s*\n\s*/g, " ").trim();
      }),
    );
  });
  return out.join("\n");
}

function load(href: string, resolve: IncludeResolver | undefined, issues: IncludeIssue[], stack: string[], line: number): string | null {
  const from = stack.at(-1) ?? null;
  const file = resolve?.(href, from) ?? null;
  if (!file) {
    issues.push({ line, message: `include not found: ${href}` });
    return null;
  }
  if (stack.includes(file.id)) {
    issues.push({ line, message: `include cycle: ${[...stack, file.id].join(" → ")}` });
    return null;
  }
  if (stack.length >= MAX_DEPTH) {
    issues.push({ line, message: `includes nested deeper than ${MAX_DEPTH}: ${file.id}` });
    return null;
  }
  return expand(stripFrontMatter(file.source).replace(/\s+$/, ""), resolve, issues, [...stack, file.id], line);
}
