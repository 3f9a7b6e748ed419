/**
 * Images (`:::image:::` placeholders from ./directives.ts and Markdown images), complex images'
 * long descriptions, and `[!VIDEO]` links. Images are served from content/media/ at
 * /help/media/…; a video is a plain link (no third-party iframe).
 */
import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";
import type { HelpCatalog } from "./strings";

export const MEDIA_ROUTE = "/help/media/";
const MEDIA_PATH = /^[\w.-]+(?:\/[\w.-]+)*$/;
const IMAGE_EXTENSIONS = /\.(?:png|jpe?g|gif|svg|webp)$/i;

export interface MediaContext {
  strings: HelpCatalog;
  report: (message: string) => void;
  /** Media paths (relative to content/media/) the article shows. */
  images: string[];
}

/** Path under content/media/ of an image source (`../media/x.png` → `x.png`), or null. */
export function mediaPathOf(source: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith("//")) return null;
  const path = source.split(/[?#]/, 1)[0] ?? "";
  const match = /(?:^|\/)media\/(.+)$/.exec(path.replace(/\\/g, "/"));
  const rest = match?.[1];
  if (!rest || rest.split("/").some((part) => part === "." || part === "..")) return null;
  return MEDIA_PATH.test(rest) && IMAGE_EXTENSIONS.test(rest) ? rest : null;
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

export function externalMarker(strings: HelpCatalog): Element {
  return { type: "element", tagName: "span", properties: { className: ["help-sr-only"] }, children: [text(` ${strings.opensInNewTab}`)] };
}

function transformImage(image: Element, context: MediaContext): ElementContent {
  const source = typeof image.properties.src === "string" ? image.properties.src.trim() : "";
  const alt = typeof image.properties.alt === "string" ? image.properties.alt : "";
  const type = typeof image.properties.dataHelpImage === "string" ? image.properties.dataHelpImage : "content";
  const media = mediaPathOf(source);
  const className = type === "icon" ? ["help-icon"] : ["help-image"];
  if (media) {
    context.images.push(media);
    return {
      type: "element",
      tagName: "img",
      properties: { src: `${MEDIA_ROUTE}${media}`, alt, className, loading: "lazy" },
      children: [],
    };
  }
  if (/^https:\/\//i.test(source)) {
    return { type: "element", tagName: "img", properties: { src: source, alt, className, loading: "lazy" }, children: [] };
  }
  context.report(`image source is neither under media/ nor https: ${source || "(empty)"}`);
  return alt ? { type: "element", tagName: "span", properties: { className: ["help-missing-image"] }, children: [text(alt)] } : text("");
}

export function transformMedia(tree: Root, context: MediaContext): void {
  visit(tree, "element", (element, index, parent) => {
    if (!parent || index === undefined) return;
    if (element.tagName === "img") {
      parent.children[index] = transformImage(element, context);
      return;
    }
    if (element.tagName === "figure" && element.properties.dataHelpFigure !== undefined) {
      const image = element.children.find((child): child is Element => child.type === "element" && child.tagName === "img");
      const rest = element.children.filter((child) => child !== image && !(child.type === "text" && child.value.trim() === ""));
      element.properties = { className: ["help-figure"] };
      element.children = [
        ...(image ? [image] : []),
        {
          type: "element",
          tagName: "details",
          properties: { className: ["help-image-description"] },
          children: [{ type: "element", tagName: "summary", properties: {}, children: [text(context.strings.imageDescription)] }, ...rest],
        },
      ];
      return;
    }
    if (element.tagName === "a" && element.properties.dataHelpVideo !== undefined) {
      const href = typeof element.properties.href === "string" ? element.properties.href : "";
      if (!/^https:\/\//i.test(href)) {
        context.report(`video link is not https: ${href || "(empty)"}`);
        parent.children.splice(index, 1);
        return index;
      }
      element.properties = { href, className: ["help-video", "help-external"], target: "_blank", rel: ["noopener", "noreferrer"] };
      element.children = [text(context.strings.watchVideo), externalMarker(context.strings)];
    }
    return undefined;
  });
}
