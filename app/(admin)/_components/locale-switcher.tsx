"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { LOCALES } from "@/lib/cloud";
import { setLocaleAction } from "@/server/actions/users";

export function LocaleSwitcher({ current }: { current: string }) {
  const t = useTranslations("common");
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2">
      <span className="sr-only">{t("language")}</span>
      <select
        className="rounded border border-white/60 bg-brand-dark px-1 py-1 text-sm text-white"
        defaultValue={current}
        disabled={isPending}
        aria-label={t("language")}
        onChange={(event) => {
          const form = new FormData();
          form.set("locale", event.target.value);
          startTransition(async () => {
            await setLocaleAction(null, form);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {t(`locales.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
