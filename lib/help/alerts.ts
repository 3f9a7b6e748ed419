/** DocFX alerts (`> [!NOTE]` …): their localized titles (from the catalogs) and icons. */
import type { Element } from "hast";
import { LOCALES, type Locale } from "@/lib/cloud";
import { helpStrings, type HelpCatalog } from "./strings";

export const ALERT_TYPES = ["note", "tip", "important", "caution", "warning"] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

const TITLE_KEYS: Record<AlertType, keyof HelpCatalog> = {
  note: "alertNote",
  tip: "alertTip",
  important: "alertImportant",
  caution: "alertCaution",
  warning: "alertWarning",
};

export function alertTitle(locale: Locale, type: AlertType): string {
  return helpStrings(locale)[TITLE_KEYS[type]];
}

export const ALERT_TITLES = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.fromEntries(ALERT_TYPES.map((type) => [type, alertTitle(locale, type)]))]),
) as Record<Locale, Record<AlertType, string>>;

/** 24×24 outline icons (one path each) so the sanitizer allow-list stays small: svg + path. */
const ICON_PATHS: Record<AlertType, string> = {
  note: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm-1 6v7h2v-7h-2zm0-3v2h2V7h-2z",
  tip: "M12 2a7 7 0 0 0-4 12.7V17a1 1 0 0 0 1 1h6a1 1 0 0 0 1-1v-2.3A7 7 0 0 0 12 2zm2 12.1V16h-4v-1.9l-.4-.3a5 5 0 1 1 4.8 0l-.4.3zM9 20h6v2H9v-2z",
  important: "M4 3h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H8l-4 4V4a1 1 0 0 1 1-1zm1 2v11.2L7.2 15H19V5H5zm6 1h2v5h-2V6zm0 6h2v2h-2v-2z",
  caution:
    "M8.3 2h7.4L22 8.3v7.4L15.7 22H8.3L2 15.7V8.3L8.3 2zm.8 2L4 9.1v5.8L9.1 20h5.8l5.1-5.1V9.1L14.9 4H9.1zM11 7h2v6h-2V7zm0 8h2v2h-2v-2z",
  warning: "M12 2 1 21h22L12 2zm0 4 7.5 13h-15L12 6zm-1 4v5h2v-5h-2zm0 6v2h2v-2h-2z",
};

export const ALERT_MARKER = /^\s*\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\][ \t]*\r?\n?/i;

export function parseAlertMarker(text: string): { type: AlertType; rest: string } | null {
  const match = ALERT_MARKER.exec(text);
  if (!match?.[1]) return null;
  return { type: match[1].toLowerCase() as AlertType, rest: text.slice(match[0].length) };
}

export function alertIcon(type: AlertType): Element {
  return {
    type: "element",
    tagName: "svg",
    properties: {
      className: ["alert-icon"],
      viewBox: "0 0 24 24",
      width: "16",
      height: "16",
      ariaHidden: "true",
      focusable: "false",
      fill: "currentColor",
    },
    children: [{ type: "element", tagName: "path", properties: { d: ICON_PATHS[type] }, children: [] }],
  };
}
