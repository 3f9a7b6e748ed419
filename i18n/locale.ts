import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { CLOUD_PROFILES, isLocale, LOCALES, type Cloud, type Locale } from "@/lib/cloud";

export { LOCALE_COOKIE } from "./locale-cookie";

/**
 * The admin's saved preference, else the browser's Accept-Language, else the cloud's default.
 */
export function resolveLocale(input: {
  saved?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
  cloud: Cloud;
}): Locale {
  for (const candidate of [input.saved, input.cookie]) if (candidate && isLocale(candidate)) return candidate;
  const fallback = CLOUD_PROFILES[input.cloud].defaultLocale;
  if (!input.acceptLanguage) return fallback;
  const languages = new Negotiator({ headers: { "accept-language": input.acceptLanguage } }).languages();
  try {
    const matched = match(languages, LOCALES, fallback);
    return isLocale(matched) ? matched : fallback;
  } catch {
    return fallback;
  }
}
