/**
 * Allow-list for rendered help HTML. Every top-level key is set explicitly so nothing falls back
 * to hast-util-sanitize's (GitHub) defaults. It runs after our own transforms, so it must allow
 * exactly the markup they generate: alerts, side-by-side spans, heading ids, help links, icons.
 */
import type { Options as SanitizeSchema } from "rehype-sanitize";
import { ALERT_TYPES } from "./alerts";

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"] as const;
/** Heading ids the sanitizer keeps; the transform falls back to a slug for anything else. */
export const HEADING_ID = /^[\p{L}\p{N}_-]+$/u;

export const helpSanitizeSchema: SanitizeSchema = {
  allowComments: false,
  allowDoctypes: false,
  tagNames: [
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", ...HEADINGS,
    "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "samp", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "svg", "path",
  ],
  attributes: {
    "*": ["lang", ["dir", "ltr", "rtl"]],
    a: ["href", "title", ["target", "_blank"], ["rel", "noopener", "noreferrer"], ["dataHelpSlug", /^[a-z0-9-]+$/]],
    span: [["className", "sxs", "sxs-original", "help-missing-link"], ["tabIndex", 0], ["dataTtuId", /^[\w.-]+$/]],
    div: [["className", "alert", ...ALERT_TYPES.map((type) => `alert-${type}`)], ["role", "note"]],
    p: [["className", "alert-title"]],
    code: [["className", /^language-[\w-]+$/]],
    pre: [],
    img: ["src", "alt", "title", "width", "height"],
    ol: ["start", ["type", "1", "a", "A", "i", "I"]],
    td: [["align", "left", "center", "right"]],
    th: [["align", "left", "center", "right"], ["scope", "col", "row"]],
    svg: [["className", "alert-icon"], "viewBox", "width", "height", ["ariaHidden", "true"], ["focusable", "false"], ["fill", "currentColor"]],
    path: [["d", /^[\d\s.,a-zA-Z-]+$/]],
    ...Object.fromEntries(HEADINGS.map((tag) => [tag, [["id", HEADING_ID]]])),
  },
  ancestors: {
    li: ["ol", "ul"],
    tbody: ["table"],
    td: ["table"],
    th: ["table"],
    thead: ["table"],
    tfoot: ["table"],
    tr: ["table"],
    path: ["svg"],
  },
  // Heading ids must stay exactly as authored (`<a name>` anchors are link targets).
  clobber: [],
  clobberPrefix: "",
  protocols: { href: ["http", "https", "mailto"], src: ["http", "https"] },
  required: {},
  strip: ["script", "style", "template", "noscript", "iframe", "frame", "object", "embed", "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext", "math"],
};
