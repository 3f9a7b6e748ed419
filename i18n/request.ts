import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { getActor } from "@/server/auth/session";
import { resolveLocale, LOCALE_COOKIE } from "./locale";
import { loadMessages } from "./messages";

async function savedPreference(): Promise<string | null> {
  try {
    const actor = await getActor();
    return actor?.preferredLocale ?? null;
  } catch {
    // The database being unreachable must not take the error page's language down with it.
    return null;
  }
}

export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({
    saved: await savedPreference(),
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerStore.get("accept-language"),
    cloud: env().LICENSE_CENTER_CLOUD,
  });
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
