/** The help renderer's UI strings (alert titles, image and link labels), from messages/<locale>/help.json. */
import deDE from "@/messages/de-DE/help.json";
import enUS from "@/messages/en-US/help.json";
import nlNL from "@/messages/nl-NL/help.json";
import zhCN from "@/messages/zh-CN/help.json";
import type { Locale } from "@/lib/cloud";

export type HelpCatalog = typeof enUS;

const CATALOGS: Record<Locale, HelpCatalog> = { "en-US": enUS, "nl-NL": nlNL, "de-DE": deDE, "zh-CN": zhCN };

export function helpStrings(locale: Locale): HelpCatalog {
  return CATALOGS[locale];
}
