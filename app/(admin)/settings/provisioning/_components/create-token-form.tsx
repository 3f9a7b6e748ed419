"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/server/actions/safe-action";
import { createScimTokenAction } from "@/server/actions/scim";

type Result = ActionResult<{ id: string; token: string }>;

/** A new SCIM token: its name, then its value, this once, to copy into the identity provider. */
export function CreateTokenForm() {
  const t = useTranslations("provisioning");
  const [isCopied, setCopied] = useState(false);
  const [state, formAction] = useActionState(async (prev: Result | null, formData: FormData) => {
    setCopied(false);
    return createScimTokenAction(prev, formData);
  }, null);
  return (
    <section className="card max-w-3xl" aria-labelledby="add-token-heading">
      <h2 id="add-token-heading" className="mb-2 text-lg font-semibold">
        {t("add")}
      </h2>
      <form action={formAction} className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex min-w-64 flex-1 flex-col gap-1">
          <span className="font-semibold">{t("name")}</span>
          <input name="name" required maxLength={100} className="input" aria-describedby="token-name-error" />
        </label>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </form>
      <FieldError state={state} field="name" id="token-name-error" />
      {state?.ok ? (
        <div role="region" aria-labelledby="new-token-title" className="mt-3 rounded border border-warn-border bg-warn-bg p-3 text-sm">
          <p id="new-token-title" className="font-semibold">
            {t("secretTitle")}
          </p>
          <p className="mt-1">{t("secretIntro")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <input
              readOnly
              value={state.data.token}
              aria-labelledby="new-token-title"
              aria-describedby="new-token-hint"
              className="input min-w-0 flex-1 font-mono text-sm"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              className="btn"
              onClick={() =>
                void navigator.clipboard
                  .writeText(state.data.token)
                  .then(() => setCopied(true))
                  .catch(() => setCopied(false))
              }
            >
              {isCopied ? t("copied") : t("copy")}
            </button>
          </div>
          <p id="new-token-hint" className="mt-1 text-xs text-neutral-700">
            {t("copyHint")}
          </p>
        </div>
      ) : (
        <ActionStatus state={state && !state.fieldErrors ? state : null} />
      )}
    </section>
  );
}
