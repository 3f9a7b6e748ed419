/**
 * DocFX moniker ranges (`::: moniker range="…"` … `::: moniker-end`) applied as a line-based
 * pre-pass on the Markdown source, outside front matter and fenced code blocks.
 *
 * Decisions on malformed input (every fence line is always dropped, so `:::`/`moniker` never
 * reaches the reader; every case is reported as an issue for `help:check`):
 * - unmatched `moniker-end`: the line is dropped, nothing else changes;
 * - a fence with fewer than three colons (`:: moniker range="x"`): honoured as a fence, because the
 *   author's intent is clear and ignoring it would show one cloud's content to all clouds;
 * - unknown range syntax or unknown moniker: the zone is hidden for every cloud (fail closed: we
 *   cannot tell whose content it is, and showing another cloud's links is worse than omitting);
 * - unterminated range: the zone runs to the end of the document, as DocFX closes open blocks at
 *   the end of the file; content after the fence renders only for matching clouds;
 * - nested ranges: content renders only when every enclosing range matches;
 * - the directives ./directives.ts renders (`:::image`, `:::row:::`, `:::column:::` and their ends)
 *   are left for it; other `:::` directives are unsupported and dropped.
 */
import { MONIKERS } from "@/lib/cloud";

export type MonikerRangeResult = { ok: true; test: (moniker: string) => boolean } | { ok: false; error: string };

type Operator = "=" | "<" | ">" | "<=" | ">=";

const TERM = /^(<=|>=|=|<|>)?\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;

/** Parse a DocFX range: `||` separates alternatives, whitespace separates terms that must all hold. */
export function parseMonikerRange(expression: string, monikers: readonly string[] = MONIKERS): MonikerRangeResult {
  const alternatives = expression.split("||").map((part) => part.trim());
  if (alternatives.some((part) => part === "")) {
    return { ok: false, error: `empty term in moniker range "${expression}"` };
  }
  const parsed: { op: Operator; index: number }[][] = [];
  for (const alternative of alternatives) {
    const terms: { op: Operator; index: number }[] = [];
    let rest = alternative;
    while (rest.length > 0) {
      const match = TERM.exec(rest);
      const name = match?.[2];
      if (!match || name === undefined) {
        return { ok: false, error: `unknown moniker range syntax "${expression}"` };
      }
      const index = monikers.indexOf(name.toLowerCase());
      if (index < 0) return { ok: false, error: `unknown moniker "${name}" in range "${expression}"` };
      terms.push({ op: (match[1] as Operator | undefined) ?? "=", index });
      rest = rest.slice(match[0].length);
      const trimmed = rest.trimStart();
      if (trimmed.length > 0 && trimmed.length === rest.length) {
        return { ok: false, error: `unknown moniker range syntax "${expression}"` };
      }
      rest = trimmed;
    }
    parsed.push(terms);
  }
  return {
    ok: true,
    test: (moniker) => {
      const position = monikers.indexOf(moniker);
      if (position < 0) return false;
      return parsed.some((terms) => terms.every((term) => compare(position, term.op, term.index)));
    },
  };
}

function compare(position: number, op: Operator, index: number): boolean {
  switch (op) {
    case "=":
      return position === index;
    case "<":
      return position < index;
    case ">":
      return position > index;
    case "<=":
      return position <= index;
    case ">=":
      return position >= index;
  }
}

export interface MonikerIssue {
  /** 1-based line number in the source. */
  line: number;
  message: string;
}

export interface MonikerPass {
  markdown: string;
  issues: MonikerIssue[];
}

const BLOCKQUOTE_PREFIX = /^\s*(?:>\s?)*/;
const CODE_FENCE = /^(`{3,}|~{3,})(.*)$/;
const DIRECTIVE = /^(:+)\s*(.*)$/;
const RENDERED_DIRECTIVES = /^(?:image|image-end|row|row-end|column|column-end)\b/i;

interface Zone {
  visible: boolean;
  line: number;
  /** Blockquote markers of the fence line: hidden lines keep them so the quote stays whole. */
  quote: string;
}

type FenceLine =
  | { kind: "start"; expression: string | null; colons: number }
  | { kind: "end"; colons: number; trailing: string }
  | { kind: "malformed-moniker"; colons: number }
  | { kind: "other-directive" };

function classifyDirective(body: string): FenceLine | null {
  const match = DIRECTIVE.exec(body);
  if (!match) return null;
  const colons = match[1]?.length ?? 0;
  const rest = (match[2] ?? "").replace(/\s*:*\s*$/, "");
  const end = /^moniker-end\b(.*)$/i.exec(rest);
  if (end) return { kind: "end", colons, trailing: (end[1] ?? "").trim() };
  if (/^moniker\s+range\b/i.test(rest)) {
    const range = /^moniker\s+range\s*=\s*(?:"([^"]*)"|'([^']*)')\s*$/i.exec(rest);
    return { kind: "start", expression: range ? (range[1] ?? range[2] ?? "") : null, colons };
  }
  if (/^moniker\b/i.test(rest)) return { kind: "malformed-moniker", colons };
  if (colons >= 3 && RENDERED_DIRECTIVES.test(rest)) return null;
  return colons >= 3 ? { kind: "other-directive" } : null;
}

/**
 * Keep the lines visible to `moniker`. Removed lines become blank (or keep their blockquote
 * markers) so line numbers stay stable and a fence still separates blocks like DocFX's does.
 */
export function applyMonikers(source: string, moniker: string): MonikerPass {
  const lines = source.split(/\r?\n/);
  const issues: MonikerIssue[] = [];
  const zones: Zone[] = [];
  let codeFence: { char: string; length: number } | null = null;
  let inFrontMatter = lines[0]?.trim() === "---";
  const out: string[] = [];

  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const hiddenBy = zones.find((zone) => !zone.visible);
    const visible = hiddenBy === undefined;
    const quote = quoteOf(line);
    const blank = hiddenBy ? hiddenBy.quote : quote;
    if (inFrontMatter) {
      out.push(line);
      if (index > 0 && /^(---|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
      return;
    }
    const body = line.slice(BLOCKQUOTE_PREFIX.exec(line)?.[0].length ?? 0).trim();
    if (codeFence) {
      const close = CODE_FENCE.exec(body);
      if (close?.[1] && close[1][0] === codeFence.char && close[1].length >= codeFence.length && !close[2]?.trim()) {
        codeFence = null;
      }
      out.push(visible ? line : blank);
      return;
    }
    const open = CODE_FENCE.exec(body);
    if (open?.[1]) {
      codeFence = { char: open[1][0] ?? "`", length: open[1].length };
      out.push(visible ? line : blank);
      return;
    }
    const fence = classifyDirective(body);
    if (!fence) {
      out.push(visible ? line : blank);
      return;
    }
    out.push(blank);
    if ("colons" in fence && fence.colons < 3) {
      issues.push({ line: lineNumber, message: `moniker fence needs three or more colons, found ${fence.colons}` });
    }
    switch (fence.kind) {
      case "start": {
        if (zones.length > 0) {
          issues.push({ line: lineNumber, message: "nested moniker range (only renders where all enclosing ranges match)" });
        }
        if (fence.expression === null) {
          issues.push({ line: lineNumber, message: `unknown moniker range syntax: ${body}` });
          zones.push({ visible: false, line: lineNumber, quote });
          break;
        }
        const range = parseMonikerRange(fence.expression);
        if (!range.ok) issues.push({ line: lineNumber, message: range.error });
        zones.push({ visible: range.ok && range.test(moniker), line: lineNumber, quote });
        break;
      }
      case "end":
        if (fence.trailing) issues.push({ line: lineNumber, message: `unexpected text after moniker-end: ${fence.trailing}` });
        if (zones.length === 0) issues.push({ line: lineNumber, message: "moniker-end without a matching moniker range" });
        else zones.pop();
        break;
      case "malformed-moniker":
        issues.push({ line: lineNumber, message: `malformed moniker fence: ${body}` });
        break;
      case "other-directive":
        issues.push({ line: lineNumber, message: `unsupported ::: directive dropped: ${body}` });
        break;
    }
  });

  for (const zone of zones) {
    issues.push({ line: zone.line, message: "moniker range is never closed with ::: moniker-end (applies to the end of the article)" });
  }
  if (codeFence) issues.push({ line: lines.length, message: "fenced code block is never closed" });
  return { markdown: out.join("\n"), issues };
}

function quoteOf(line: string): string {
  const prefix = (BLOCKQUOTE_PREFIX.exec(line)?.[0] ?? "").trimEnd();
  return prefix.includes(">") ? prefix : "";
}

/** Safety net for fence text that is not on a line of its own (it would otherwise reach readers). */
export const STRAY_FENCE_TEXT = /:{2,}\s*moniker(?:-end|\s+range\s*=\s*(?:"[^"]*"|'[^']*'|\S+))?(?:\s*:+)?/gi;
