"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** A signing secret, shown this once after it was made: a read-only field, a copy button and the warning. */
export function SecretReveal({ secret, id }: { secret: string; id: string }) {
  const t = useTranslations("webhooks.secret");
  const [isCopied, setCopied] = useState(false);
  return (
    <div role="region" aria-labelledby={`${id}-title`} className="mt-3 rounded border border-warn-border bg-warn-bg p-3 text-sm">
      <p id={`${id}-title`} className="font-semibold">
        {t("title")}
      </p>
      <p className="mt-1">{t("intro")}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={secret}
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-hint`}
          className="input min-w-0 flex-1 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard
              .writeText(secret)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {isCopied ? t("copied") : t("copy")}
        </button>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-700">
        {t("copyHint")}
      </p>
    </div>
  );
}
