import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The request's locale, messages and time zone, as i18n/request.ts would give them.
const request = vi.hoisted(() => ({ locale: "nl-NL", timeZone: "Europe/Amsterdam" }));
const messages = {
  licenses: { statusConflict: "{count, plural, one {# gebruiker heeft} other {# gebruikers hebben}} een geldige licentie nodig" },
};
const nextIntl = vi.hoisted(() => ({ getTranslations: vi.fn(), getFormatter: vi.fn() }));

vi.mock("next-intl/server", () => ({
  getLocale: async () => request.locale,
  getMessages: async () => messages,
  getTimeZone: async () => request.timeZone,
  getTranslations: nextIntl.getTranslations,
  getFormatter: nextIntl.getFormatter,
}));

describe("the private use-intl API i18n/server.ts is written against", () => {
  // i18n/server.ts shares one set of Intl formatters through use-intl's private _createCache,
  // _createIntlFormatters and the _formatters option. They are not a public API: package.json pins
  // next-intl and use-intl to the version this was written and measured against. On an upgrade,
  // check that these still exist and that the tests below still pass, then move the pin.
  it("use-intl and next-intl are the pinned 4.15.0", () => {
    const version = (name: string) =>
      (JSON.parse(readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    expect({ "use-intl": version("use-intl"), "next-intl": version("next-intl") }).toEqual({ "use-intl": "4.15.0", "next-intl": "4.15.0" });
  });

  it("still exports _createCache and _createIntlFormatters, and the formatters are what createTranslator uses", async () => {
    const core = await import("use-intl/core");
    expect(typeof core._createCache).toBe("function");
    expect(typeof core._createIntlFormatters).toBe("function");
    const formatters = core._createIntlFormatters(core._createCache());
    expect(Object.keys(formatters).sort()).toEqual(expect.arrayContaining(["getDateTimeFormat", "getNumberFormat", "getPluralRules"]));
  });
});

describe("server translations and formatting (i18n/server)", () => {
  let constructed: number;

  const Native = Intl.DateTimeFormat;

  beforeEach(() => {
    vi.resetModules();
    constructed = 0;
    // Counts the Intl.DateTimeFormat objects built; i18n/server captures the constructor on import.
    function Counting(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      constructed++;
      return new Native(...args);
    }
    Intl.DateTimeFormat = Object.assign(Counting, Native) as unknown as typeof Intl.DateTimeFormat;
  });

  afterEach(() => {
    Intl.DateTimeFormat = Native;
  });

  it("translates with the request's locale and messages, plurals included", async () => {
    const { getTranslations } = await import("@/i18n/server");
    const t = await getTranslations("licenses");
    expect(t("statusConflict", { count: 1 })).toBe("1 gebruiker heeft een geldige licentie nodig");
    expect(t("statusConflict", { count: 1200 })).toBe("1.200 gebruikers hebben een geldige licentie nodig");
  });

  it("formats in the request's locale and time zone", async () => {
    const { getFormatter } = await import("@/i18n/server");
    const format = await getFormatter();
    // 23:30 UTC is the next day in Amsterdam.
    expect(format.dateTime(new Date("2027-02-16T23:30:00Z"), { dateStyle: "long" })).toBe("17 februari 2027");
    expect(format.number(1234567)).toBe("1.234.567");
  });

  it("builds each Intl formatter once for the process, not once per request", async () => {
    const { getFormatter } = await import("@/i18n/server");
    // Outside a React render, cache() does not memoize: every call stands for a new request.
    for (let i = 0; i < 5; i++) {
      const format = await getFormatter();
      format.dateTime(new Date(Date.UTC(2027, 1, 16 + i)), { dateStyle: "medium" });
    }
    expect(constructed).toBe(1);
    request.locale = "de-DE";
    try {
      const format = await getFormatter();
      expect(format.dateTime(new Date("2027-02-16T12:00:00Z"), { dateStyle: "medium" })).toBe("16.02.2027");
      expect(constructed).toBe(2);
    } finally {
      request.locale = "nl-NL";
    }
  });

  it("passes an explicit locale on to next-intl", async () => {
    const { getFormatter, getTranslations } = await import("@/i18n/server");
    await getTranslations({ locale: "de-DE", namespace: "licenses" });
    await getFormatter({ locale: "zh-CN" });
    expect(nextIntl.getTranslations).toHaveBeenCalledWith({ locale: "de-DE", namespace: "licenses" });
    expect(nextIntl.getFormatter).toHaveBeenCalledWith({ locale: "zh-CN" });
  });
});
