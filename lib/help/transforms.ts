/** hast transforms run between rehype-raw and rehype-sanitize. */
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { CONTINUE, SKIP, visit } from "unist-util-visit";
import type { Locale } from "@/lib/cloud";
import { alertIcon, alertTitle, parseAlertMarker } from "./alerts";
import {
  stripLeftoverDirectives,
  transformAnchors,
  transformCellAlerts,
  transformDivs,
  transformLayout,
  unwrapVideoQuotes,
} from "./blocks";
import { resolveHelpHref, type HelpLinkKind } from "./links";
import { externalMarker, transformMedia } from "./media";
import { STRAY_FENCE_TEXT } from "./monikers";
import { HEADING_ID } from "./sanitize-schema";
import { helpStrings, type HelpCatalog } from "./strings";
import { stripAuthoredControls, transformTabs } from "./tabs-aria";

export interface TransformContext {
  locale: Locale;
  articleExists: (slug: string) => boolean;
  /** Problems for help:check (unsupported markup, unusable image sources). */
  report: (message: string) => void;
  /** Filled with the media paths the article shows. */
  images: string[];
}

export interface CollectedLink {
  href: string;
  kind: HelpLinkKind;
}

type Parent = Root | Element;

export function isElement(node: RootContent | Root | undefined, tagName?: string): node is Element {
  return node?.type === "element" && (tagName === undefined || node.tagName === tagName);
}

export function hasClass(node: Element, className: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) ? value.includes(className) : value === className;
}

function isWhitespace(node: RootContent | undefined): boolean {
  return node?.type === "text" && node.value.trim() === "";
}

/** Text of a node, skipping hidden English originals (and the raw lookup spans if still present). */
export function visibleText(node: Root | RootContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element" && node.type !== "root") return "";
  if (node.type === "element" && (hasClass(node, "sxs-original") || hasClass(node, "sxs-lookup") || hasClass(node, "help-sr-only")))
    return "";
  return node.children.map((child) => visibleText(child)).join("");
}

export function applyHelpTransforms(tree: Root, context: TransformContext): CollectedLink[] {
  const strings = helpStrings(context.locale);
  stripAuthoredControls(tree);
  stripStrayFenceText(tree);
  transformSideBySide(tree, false);
  const ids = transformHeadings(tree);
  transformAnchors(tree, ids);
  transformTabs(tree, ids);
  transformDivs(tree, context.report);
  transformAlerts(tree, context.locale);
  transformCellAlerts(tree, context.locale);
  transformLayout(tree);
  transformMedia(tree, { strings, report: context.report, images: context.images });
  unwrapVideoQuotes(tree);
  const links = transformLinks(tree, context, strings);
  stripLeftoverDirectives(tree, context.report);
  return links;
}

/** Leftover moniker fence text, outside code (where it is an example, not markup). */
function stripStrayFenceText(tree: Root): void {
  visit(tree, (node) => {
    if (node.type === "element" && (node.tagName === "code" || node.tagName === "pre")) return SKIP;
    if (node.type === "text") node.value = node.value.replace(STRAY_FENCE_TEXT, "");
    return CONTINUE;
  });
}

/**
 * `<span data-ttu-id>T</span><span class="sxs-lookup"><span data-stu-id>E</span></span>` becomes
 * `<span class="sxs" data-ttu-id>T<span class="sxs-original" lang="en-US">E</span></span>`.
 * Sentences are not tab stops (a page of help made 43 of them, against 28 for the page's own
 * controls): pointing shows one original, and the article's "show originals" toggle, a button,
 * shows them all to keyboard and screen-reader users.
 */
function transformSideBySide(parent: Parent, insideLink: boolean): void {
  const children: (RootContent | ElementContent)[] = parent.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (!isElement(child)) continue;
    if (hasClass(child, "sxs-lookup")) {
      // An English original without its translation: drop it, it would duplicate the sentence.
      children.splice(index, 1);
      index--;
      continue;
    }
    const link = insideLink || child.tagName === "a";
    transformSideBySide(child, link);
    if (child.tagName !== "span" || child.properties.dataTtuId === undefined) continue;
    let next = index + 1;
    while (isWhitespace(children[next])) next++;
    const lookup = children[next];
    if (!isElement(lookup, "span") || !hasClass(lookup, "sxs-lookup")) continue;
    const inner = lookup.children.find((node): node is Element => isElement(node, "span") && node.properties.dataStuId !== undefined);
    const original: Element = {
      type: "element",
      tagName: "span",
      properties: { className: ["sxs-original"], lang: "en-US" },
      children: (inner ?? lookup).children,
    };
    transformSideBySide(original, link);
    child.properties = {
      className: ["sxs"],
      dataTtuId: String(child.properties.dataTtuId),
    };
    child.children = [...child.children, original];
    children.splice(index + 1, next - index);
  }
}

/** Slug for a heading without an explicit anchor; keeps letters of every script (zh-CN headings). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Gives every heading a unique id; returns the ids used (tab and anchor ids must not collide). */
function transformHeadings(tree: Root): Set<string> {
  const used = new Set<string>();
  visit(tree, "element", (element) => {
    if (typeof element.properties.id === "string" && !/^h[1-6]$/.test(element.tagName)) used.add(element.properties.id);
  });
  visit(tree, "element", (element) => {
    if (!/^h[1-6]$/.test(element.tagName)) return;
    let anchorId: string | undefined;
    element.children = element.children.filter((child) => {
      if (!isElement(child, "a") || child.properties.href !== undefined) return true;
      const name = child.properties.name ?? child.properties.id;
      if (typeof name !== "string" || visibleText(child).trim() !== "") return true;
      anchorId ??= name;
      return false;
    });
    const trimmedFirst = element.children[0];
    if (trimmedFirst?.type === "text") trimmedFirst.value = trimmedFirst.value.replace(/^\s+/, "");
    const authored = typeof element.properties.id === "string" ? element.properties.id : anchorId;
    const explicit = authored !== undefined && HEADING_ID.test(authored) ? authored : undefined;
    const base = explicit ?? (slugify(visibleText(element)) || "section");
    let id = base;
    for (let suffix = 1; used.has(id); suffix++) id = `${base}-${suffix}`;
    used.add(id);
    element.properties.id = id;
  });
  return used;
}

function transformAlerts(tree: Root, locale: Locale): void {
  visit(tree, "element", (element) => {
    if (element.tagName !== "blockquote") return;
    const first = element.children.find((child): child is Element => child.type === "element");
    if (!first || first.tagName !== "p") return;
    const head = first.children[0];
    if (head?.type !== "text") return;
    const marker = parseAlertMarker(head.value);
    if (!marker) return;
    head.value = marker.rest;
    const blocks = element.children.filter((child) => child !== first || visibleText(first).trim() !== "");
    const title: Element = {
      type: "element",
      tagName: "p",
      properties: { className: ["alert-title"] },
      children: [alertIcon(marker.type), { type: "text", value: ` ${alertTitle(locale, marker.type)}` } satisfies Text],
    };
    element.tagName = "div";
    element.properties = { className: ["alert", `alert-${marker.type}`], role: "note" };
    element.children = [title, ...blocks];
  });
}

function transformLinks(tree: Root, context: TransformContext, strings: HelpCatalog): CollectedLink[] {
  const links: CollectedLink[] = [];
  visit(tree, "element", (element) => {
    if (element.tagName !== "a" || typeof element.properties.href !== "string") return;
    if (hasClass(element, "help-video")) {
      links.push({ href: element.properties.href, kind: "external" });
      return;
    }
    const resolved = resolveHelpHref(element.properties.href, context.articleExists, context.locale);
    const title = typeof element.properties.title === "string" ? { title: element.properties.title } : {};
    switch (resolved.kind) {
      case "fragment":
        // A link to a tab (`#tab/x`) outside a tab heading has no target here: its text stays.
        if (/^#tab\//i.test(resolved.href)) {
          element.tagName = "span";
          element.properties = {};
          return;
        }
        element.properties = { href: resolved.href, ...title };
        return;
      case "article":
        element.properties = { href: resolved.href, dataHelpSlug: resolved.slug, ...title };
        break;
      case "admin":
        element.properties = { href: resolved.href, ...title };
        break;
      case "external":
        if (resolved.href.startsWith("mailto:")) {
          element.properties = { href: resolved.href, rel: ["noopener", "noreferrer"], ...title };
          break;
        }
        element.properties = {
          href: resolved.href,
          className: ["help-external"],
          target: "_blank",
          rel: ["noopener", "noreferrer"],
          ...title,
        };
        element.children = [...element.children, externalMarker(strings)];
        break;
      case "missing":
        element.tagName = "span";
        element.properties = { className: ["help-missing-link"] };
        break;
    }
    links.push({ href: resolved.href, kind: resolved.kind });
  });
  return links;
}
