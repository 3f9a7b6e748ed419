/**
 * Learn's block constructs finished in hast: `[!div class]` blockquotes (next-step buttons,
 * selectors, bordered images), `:::row:::`/`:::column:::` grids, alerts inside table cells,
 * standalone `<a name>` anchors, and a last pass that removes directive text nothing rendered.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import { CONTINUE, SKIP, visit } from "unist-util-visit";
import type { Locale } from "@/lib/cloud";
import { alertTitle, type AlertType } from "./alerts";
import { HEADING_ID } from "./sanitize-schema";

/** `[!div class="…"]` classes Learn uses, and the class they get here. */
const DIV_CLASSES: Readonly<Record<string, string>> = {
  nextstepaction: "help-next-step",
  op_single_selector: "help-selector",
  "mx-imgborder": "help-image-border",
  checklist: "help-checklist",
};

type Report = (message: string) => void;

function isElement(node: RootContent | ElementContent | undefined, tagName?: string): node is Element {
  return node?.type === "element" && (tagName === undefined || node.tagName === tagName);
}

/** Blockquotes opened by a `[!div]` placeholder become a classed div. */
export function transformDivs(tree: Root, report: Report): void {
  visit(tree, "element", (element) => {
    if (element.tagName !== "blockquote") return;
    const first = element.children.find((child): child is Element => isElement(child));
    const marker =
      first?.tagName === "p" ? first.children.find((child) => !(child.type === "text" && child.value.trim() === "")) : undefined;
    if (!first || !isElement(marker, "span") || marker.properties.dataHelpDiv === undefined) return;
    const declared = String(marker.properties.dataHelpDiv).toLowerCase();
    const className = DIV_CLASSES[declared];
    if (!className) report(`unsupported [!div class="${declared}"] (rendered as plain content)`);
    first.children = first.children.filter((child) => child !== marker);
    const lead = first.children[0];
    if (lead?.type === "text") lead.value = lead.value.replace(/^\s+/, "");
    element.tagName = "div";
    element.properties = { className: ["help-div", ...(className ? [className] : [])] };
    element.children = element.children.filter(
      (child) => child !== first || first.children.some((node) => node.type !== "text" || node.value.trim()),
    );
  });
}

export function transformLayout(tree: Root): void {
  visit(tree, "element", (element) => {
    const kind = element.properties.dataHelpLayout;
    if (element.tagName !== "div" || (kind !== "row" && kind !== "column")) return;
    element.properties = { className: [kind === "row" ? "help-row" : "help-column"] };
  });
}

const CELL_ALERT = /(?:>\s*)?\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]\s*>?\s*/i;

/** `> [!NOTE]> text` inside a table cell (where Markdown has no blockquotes) becomes an inline alert. */
export function transformCellAlerts(tree: Root, locale: Locale): void {
  visit(tree, "element", (cell) => {
    if (cell.tagName !== "td" && cell.tagName !== "th") return;
    const at = cell.children.findIndex((child) => child.type === "text" && CELL_ALERT.test(child.value));
    const node = cell.children[at];
    if (at < 0 || node?.type !== "text") return;
    const match = CELL_ALERT.exec(node.value);
    if (!match?.[1]) return;
    const type = match[1].toLowerCase() as AlertType;
    const before = node.value.slice(0, match.index);
    const after = node.value.slice(match.index + match[0].length);
    const alert: Element = {
      type: "element",
      tagName: "span",
      properties: { className: ["alert", "alert-inline", `alert-${type}`], role: "note" },
      children: [
        {
          type: "element",
          tagName: "strong",
          properties: { className: ["alert-title"] },
          children: [{ type: "text", value: alertTitle(locale, type) }],
        },
        { type: "text", value: ` ${after}` },
        ...cell.children.slice(at + 1),
      ],
    };
    cell.children = [...cell.children.slice(0, at), ...(before.trim() ? [{ type: "text" as const, value: before }] : []), alert];
  });
}

/** A standalone `<a name="x"></a>` (a link target outside headings) becomes `<span id="x">`. */
export function transformAnchors(tree: Root, used: Set<string>): void {
  visit(tree, "element", (element, index, parent) => {
    if (/^h[1-6]$/.test(element.tagName)) return SKIP;
    if (element.tagName !== "a" || element.properties.href !== undefined || !parent || index === undefined) return CONTINUE;
    const name = element.properties.name ?? element.properties.id;
    const hasText = element.children.some((child) => child.type !== "text" || child.value.trim() !== "");
    if (hasText) {
      element.tagName = "span";
      element.properties = {};
      return CONTINUE;
    }
    if (typeof name === "string" && HEADING_ID.test(name) && !used.has(name)) {
      used.add(name);
      parent.children[index] = { type: "element", tagName: "span", properties: { id: name, className: ["help-anchor"] }, children: [] };
      return CONTINUE;
    }
    parent.children.splice(index, 1);
    return index;
  });
}

const LEFTOVER = [
  /\[!include\s*\[[^\]]*\]\([^)]*\)\s*\]/gi,
  /:::\s*[\w-]+(?:\s[^:]*)?:::/g,
  /\[!(?:video|div)\b[^\]]*\]/gi,
  /\[![A-Z][A-Z ]*\]/g,
];

/** Directive text that no transform claimed (outside code): removed and reported. */
export function stripLeftoverDirectives(tree: Root, report: Report): void {
  visit(tree, (node) => {
    if (node.type === "element" && (node.tagName === "code" || node.tagName === "pre")) return SKIP;
    if (node.type !== "text") return CONTINUE;
    for (const pattern of LEFTOVER) {
      node.value = node.value.replace(pattern, (match) => {
        report(`unsupported markup removed: ${match.slice(0, 60)}`);
        return "";
      });
    }
    return CONTINUE;
  });
}

/** `> [!VIDEO url]` is a blockquote holding only the video link: the quote goes, the link stays. */
export function unwrapVideoQuotes(tree: Root): void {
  visit(tree, "element", (element, index, parent) => {
    if (element.tagName !== "blockquote" || !parent || index === undefined) return;
    const blocks = element.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
    const only = blocks.length === 1 && isElement(blocks[0], "p") ? blocks[0] : null;
    const content = only?.children.filter((child) => !(child.type === "text" && child.value.trim() === "")) ?? [];
    const video = content.length === 1 && isElement(content[0], "a") ? content[0] : null;
    const classes = video?.properties.className;
    if (!only || !video || !Array.isArray(classes) || !classes.includes("help-video")) return;
    parent.children[index] = only;
  });
}
