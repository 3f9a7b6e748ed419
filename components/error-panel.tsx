"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type Diagnosis = "checking" | "unavailable" | "error";

/**
 * Shown by the error boundaries. Production hides server error messages from the browser, so it
 * asks the health endpoint whether the database is reachable to tell an outage from a bug.
 */
export function ErrorPanel({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations("common");
  const [diagnosis, setDiagnosis] = useState<Diagnosis>("checking");
  useEffect(() => {
    let isCurrent = true;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => (isCurrent ? setDiagnosis(response.status === 503 ? "unavailable" : "error") : undefined))
      .catch(() => (isCurrent ? setDiagnosis("unavailable") : undefined));
    return () => {
      isCurrent = false;
    };
  }, []);
  const isUnavailable = diagnosis === "unavailable";
  return (
    <div role="alert" className="card m-6 max-w-xl">
      <h1 className="text-lg font-semibold">{isUnavailable ? t("unavailableTitle") : t("errorTitle")}</h1>
      <p className="mt-1 text-sm">{isUnavailable ? t("unavailableBody") : t("errorBody")}</p>
      {digest && <p className="mt-1 text-xs text-neutral-600">{t("errorReference", { digest })}</p>}
      <button
        type="button"
        className="btn mt-3"
        onClick={() => {
          reset();
          window.location.reload();
        }}
      >
        {t("tryAgain")}
      </button>
    </div>
  );
}
