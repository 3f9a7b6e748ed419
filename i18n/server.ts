import "server-only";
import { cache } from "react";
import {
  getFormatter as getRequestFormatter,
  getLocale,
  getMessages,
  getTimeZone,
  getTranslations as getRequestTranslations,
} from "next-intl/server";
import { _createCache, _createIntlFormatters, createFormatter, createTranslator } from "use-intl/core";

/**
 * next-intl's `getTranslations` and `getFormatter` for server components, with one set of Intl
 * formatters (Intl.DateTimeFormat, NumberFormat, PluralRules…) for the whole process instead of
 * next-intl's new set per request. Intl formatters are immutable and cached by locale and options,
 * so sharing them is safe; constructing them again on every request was a measurable part of
 * rendering the Licenses table (docs/benchmarks.md). Locale, messages and time zone still come
 * from the request config (i18n/request.ts), once per request.
 */
const sharedFormatters = _createIntlFormatters(_createCache());

const requestIntl = cache(async () => {
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  return { locale, messages, timeZone };
});

const translator = cache(async (namespace: string | undefined) => {
  const { locale, messages, timeZone } = await requestIntl();
  return createTranslator({ locale, messages, namespace, timeZone, _formatters: sharedFormatters });
});

const formatter = cache(async () => {
  const { locale, timeZone } = await requestIntl();
  return createFormatter({ locale, timeZone, now: new Date(), _formatters: sharedFormatters });
});

/** As next-intl's: `getTranslations("namespace")`; an explicit `{ locale }` is passed on to next-intl. */
export const getTranslations = ((namespaceOrOptions?: string | { locale: string; namespace?: string }) =>
  typeof namespaceOrOptions === "object"
    ? getRequestTranslations(namespaceOrOptions)
    : translator(namespaceOrOptions)) as typeof getRequestTranslations;

/** As next-intl's: the request's formatter; an explicit `{ locale }` is passed on to next-intl. */
export const getFormatter = ((options?: { locale?: string }) =>
  options?.locale ? getRequestFormatter(options) : formatter()) as typeof getRequestFormatter;
