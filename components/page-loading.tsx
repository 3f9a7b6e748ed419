import { getTranslations } from "@/i18n/server";

export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 p-6 text-sm text-neutral-700">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-brand border-t-transparent" aria-hidden="true" />
      {t("loading")}
    </div>
  );
}
