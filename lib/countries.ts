import { USAGE_LOCATIONS } from "./validation";

export interface CountryOption {
  code: (typeof USAGE_LOCATIONS)[number];
  name: string;
}

/** The usage locations as the admin's language names them (Intl.DisplayNames), in that language's order. */
export function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region" });
  const collator = new Intl.Collator(locale);
  return USAGE_LOCATIONS.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}

/** One usage location's name in the admin's language, or the code when it is not one License Center knows. */
export function countryName(locale: string, code: string): string {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
}

const NAME_LOCALES = ["en-US", "nl-NL", "de-DE", "zh-CN"] as const;
let namesToCodes: Map<string, CountryOption["code"]> | undefined;

function countryKey(text: string): string {
  return text.normalize("NFKC").trim().toLocaleLowerCase("en-US");
}

/** A usage location from a CSV cell: its code ("NL") or its name in one of the app's languages ("Netherlands", "Nederland"). */
export function usageLocationOf(cell: string): CountryOption["code"] | null {
  if (!namesToCodes) {
    namesToCodes = new Map();
    for (const code of USAGE_LOCATIONS) {
      namesToCodes.set(countryKey(code), code);
      for (const locale of NAME_LOCALES) {
        const name = new Intl.DisplayNames([locale], { type: "region" }).of(code);
        if (name) namesToCodes.set(countryKey(name), code);
      }
    }
  }
  return namesToCodes.get(countryKey(cell)) ?? null;
}
