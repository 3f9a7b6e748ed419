import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/cloud";
import { ALERT_TITLES, ALERT_TYPES } from "@/lib/help/alerts";

const REPO = path.resolve(import.meta.dirname, "../..");
const catalog = (locale: string) =>
  JSON.parse(readFileSync(path.join(REPO, "messages", locale, "help.json"), "utf8")) as Record<string, unknown>;

describe("help UI strings", () => {
  const reference = Object.keys(catalog("en-US")).sort();

  it.each(LOCALES)("messages/%s/help.json has exactly the en-US keys, all non-empty strings", (locale) => {
    const messages = catalog(locale);
    expect(Object.keys(messages).sort()).toEqual(reference);
    for (const value of Object.values(messages)) expect(typeof value === "string" && value.trim().length > 0).toBe(true);
  });

  it("includes the keys the help components use", () => {
    expect(reference).toEqual(expect.arrayContaining(["machineTranslatedTitle", "machineTranslated", "showOriginals", "fallbackNotice"]));
  });

  it.each(LOCALES)("alert titles exist for every type in %s", (locale) => {
    for (const type of ALERT_TYPES) expect(ALERT_TITLES[locale][type].length).toBeGreaterThan(0);
  });
});
