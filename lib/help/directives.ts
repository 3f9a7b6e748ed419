/**
 * DocFX block and inline directives rewritten in the Markdown source (after includes and monikers)
 * into placeholder HTML that the hast transforms finish: `:::image:::` (content, icon, complex
 * with `:::image-end:::`), `:::row:::`/`:::column:::`, `[!VIDEO url]`, `[!div class="…"]`, and
 * the translation pipeline's `\</span>` glitch. Unknown `:::x:::` directives are dropped and
 * reported; nothing of their markup reaches the reader.
 */
export interface DirectiveIssue {
  line: number;
  message: string;
}

export const IMAGE_TYPES = ["content", "icon", "complex"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const ATTRIBUTES = String.raw`((?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"':]+))*)\s*`;
const IMAGE = new RegExp(String.raw`:{2,}image${ATTRIBUTES}:{2,}`, "gi");
const IMAGE_END = /^:::image-end:::$/i;
const LAYOUT = /^:::(row|column|row-end|column-end)(?:\s[^:]*)?:::$/i;
const ANY_DIRECTIVE = new RegExp(String.raw`:::\s*([\w-]+)${ATTRIBUTES}:::`, "g");
const VIDEO = /\[!VIDEO\s+<?([^\]\s>]+)>?\s*\]/gi;
const DIV = /\[!div(?:\s+class\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w-]+)))?\s*\]/gi;
const CODE_FENCE = /^\s*(?:>\s*)*(`{3,}|~{3,})/;
const PREFIX = /^[\s>]*/;

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"':]+))/g)) {
    attributes[(match[1] ?? "").toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
  }
  return attributes;
}

function imageTag(attributeText: string): { html: string; type: ImageType } {
  const attributes = parseAttributes(attributeText);
  const declared = (attributes.type ?? "content").toLowerCase();
  const type: ImageType = (IMAGE_TYPES as readonly string[]).includes(declared) ? (declared as ImageType) : "content";
  const alt = attributes["alt-text"] ?? "";
  const html = `<img data-help-image="${type}" src="${escapeAttribute(attributes.source ?? "")}" alt="${escapeAttribute(alt)}">`;
  return { html, type };
}

function dedent(lines: string[], prefix: string): string[] {
  const bodies = lines.map((line) => line.slice(Math.min(prefix.length, PREFIX.exec(line)?.[0].length ?? 0)));
  const indents = bodies.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const cut = indents.length ? Math.min(...indents) : 0;
  return bodies.map((line) => `${prefix}${line.slice(cut)}`.trimEnd());
}

export function applyDirectives(markdown: string, issues: DirectiveIssue[]): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  let fence: string | null = null;
  let layoutDepth = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const marker = CODE_FENCE.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0] ?? "`";
      else if (marker[0] === fence) fence = null;
    }
    if (fence !== null && !marker) {
      out.push(line);
      continue;
    }
    const prefix = PREFIX.exec(line)?.[0] ?? "";
    const quote = prefix.includes(">") ? prefix.trimEnd() : "";
    const body = line.slice(prefix.length).trim();
    const layout = LAYOUT.exec(body);
    if (layout?.[1]) {
      const kind = layout[1].toLowerCase();
      if (kind === "row" || kind === "column") {
        layoutDepth++;
        out.push(quote, `${quote}<div data-help-layout="${kind}">`, quote);
        if (kind === "column") {
          const end = lines.findIndex((next, at) => at > index && /^:::column-end:::$/i.test(next.replace(PREFIX, "").trim()));
          if (end > index) {
            out.push(
              ...dedent(lines.slice(index + 1, end), quote ? `${quote} ` : "").map((text) => rewriteInline(text, index + 1, issues)),
            );
            index = end - 1;
          }
        }
      } else if (layoutDepth > 0) {
        layoutDepth--;
        out.push(quote, `${quote}</div>`, quote);
      } else {
        issues.push({ line: index + 1, message: `:::${kind}::: without its opening directive` });
        out.push(quote);
      }
      continue;
    }
    const complex = /^:::image\s[\s\S]*type\s*=\s*["']?complex/i.test(body) ? IMAGE.exec(body) : null;
    IMAGE.lastIndex = 0;
    if (complex && complex[0].length === body.length) {
      const end = lines.findIndex((next, at) => at > index && IMAGE_END.test(next.replace(PREFIX, "").trim()));
      if (end > index) {
        const lead = quote ? `${quote} ` : prefix;
        out.push(`${lead}<figure data-help-figure="">${imageTag(complex[1] ?? "").html}`, quote);
        out.push(...dedent(lines.slice(index + 1, end), lead).map((text) => rewriteInline(text, index + 1, issues)));
        out.push(quote, `${lead}</figure>`);
        index = end;
        continue;
      }
      issues.push({ line: index + 1, message: "complex image without :::image-end::: (shown without its long description)" });
    }
    if (IMAGE_END.test(body)) {
      issues.push({ line: index + 1, message: ":::image-end::: without a complex image" });
      out.push(quote);
      continue;
    }
    out.push(rewriteInline(line, index + 1, issues));
  }
  if (layoutDepth > 0) issues.push({ line: lines.length, message: ":::row::: or :::column::: is never closed" });
  for (let close = 0; close < layoutDepth; close++) out.push("", "</div>");
  return out.join("\n");
}

function rewriteInline(line: string, lineNumber: number, issues: DirectiveIssue[]): string {
  let text = line;
  // Machine translation escaped a closing tag (`\</span>`) or a link's bracket (`\](`) inside side-by-side spans.
  if (/data-[st]tu-id/.test(text)) text = text.replace(/\\(<\/span>)/g, "$1").replace(/\\\]\(/g, "](");
  if (!/:::|\[!(?:video|div)/i.test(text)) return text;
  text = text.replace(IMAGE, (_match, attributes: string) => imageTag(attributes).html);
  text = text.replace(ANY_DIRECTIVE, (match, name: string) => {
    issues.push({ line: lineNumber, message: `unsupported :::${name}::: directive dropped` });
    return "";
  });
  text = text.replace(VIDEO, (_match, url: string) => `<a data-help-video="" href="${escapeAttribute(url)}"></a>`);
  text = text.replace(
    DIV,
    (_match, a?: string, b?: string, c?: string) => `<span data-help-div="${escapeAttribute(a ?? b ?? c ?? "")}"></span>`,
  );
  return text;
}
