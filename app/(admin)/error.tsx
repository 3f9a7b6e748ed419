"use client";
import { useTranslations } from "next-intl";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  const isUnavailable = /database|ECONNREFUSED|P1001|SQLITE|connect/i.test(error.message);
  return (
    <div role="alert" className="card max-w-xl">
      <h1 className="text-lg font-semibold">{isUnavailable ? t("unavailableTitle") : t("errorTitle")}</h1>
      <p className="mt-1 text-sm">{isUnavailable ? t("unavailableBody") : t("errorBody")}</p>
      {error.digest && <p className="mt-1 text-xs text-neutral-600">{t("errorReference", { digest: error.digest })}</p>}
      <button type="button" className="btn mt-3" onClick={reset}>{t("tryAgain")}</button>
    </div>
  );
}
