/** The cookie that keeps a browser's language (set by the language switchers, read by i18n/request.ts). */
export const LOCALE_COOKIE = "LC_LOCALE";
