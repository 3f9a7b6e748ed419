"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { LOCALES } from "@/lib/cloud";
import { LOCALE_COOKIE } from "@/i18n/locale-cookie";

/**
 * The language of the sign-in page, before anyone is signed in: kept in this browser's locale
 * cookie (the same one the signed-in switcher sets), so the admin center opens in it too.
 */
export function SignInLanguage({ current }: { current: string }) {
  const t = useTranslations("common");
  const router = useRouter();
  return (
    <label className="flex items-center justify-end gap-2 text-sm text-neutral-700">
      {t("language")}
      <select
        className="input py-1"
        defaultValue={current}
        onChange={(event) => {
          document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(event.target.value)}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`locales.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
