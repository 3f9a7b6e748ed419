/**
 * The rendered article's text by section (a heading and what follows it up to the next heading),
 * as readers see it in this cloud: moniker zones already removed, hidden English originals and
 * screen-reader-only text left out. Help search indexes this, never the Markdown source.
 */
import type { Root, RootContent } from "hast";
import { hasClass, visibleText } from "./transforms";

export interface HelpSection {
  /** The heading's id ("" for the text before the first heading). */
  id: string;
  heading: string;
  /** 0 before the first heading, else the heading level. */
  depth: number;
  text: string;
}

const HEADING = /^h([1-6])$/;
const HIDDEN = ["sxs-original", "sxs-lookup", "help-sr-only"];
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "cite",
  "code",
  "em",
  "i",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "u",
  "var",
]);

export function collectSections(tree: Root): HelpSection[] {
  const sections: HelpSection[] = [];
  let current: HelpSection & { parts: string[] } = { id: "", heading: "", depth: 0, text: "", parts: [] };
  const close = () => {
    const text = normalize(current.parts.join(""));
    if (text || current.heading) sections.push({ id: current.id, heading: current.heading, depth: current.depth, text });
  };
  const walk = (node: Root | RootContent): void => {
    if (node.type === "text") {
      current.parts.push(node.value);
      return;
    }
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element") {
      if (HIDDEN.some((name) => hasClass(node, name))) return;
      const depth = HEADING.exec(node.tagName)?.[1];
      if (depth) {
        close();
        const id = typeof node.properties.id === "string" ? node.properties.id : "";
        current = { id, heading: normalize(visibleText(node)), depth: Number(depth), text: "", parts: [] };
        return;
      }
    }
    for (const child of node.children) walk(child);
    // Block boundaries separate words: "<li>a</li><li>b</li>" is "a b", "a<strong>b</strong>" stays "ab".
    if (node.type === "element" && !INLINE.has(node.tagName)) current.parts.push(" ");
  };
  walk(tree);
  close();
  return sections;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
