"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/server/actions/safe-action";
import { createScimTokenAction } from "@/server/actions/scim";

type Result = ActionResult<{ id: string; token: string }>;

/** A new SCIM token: its name, then its value, this once, to copy into the identity provider. */
export function CreateTokenForm() {
  const t = useTranslations("provisioning");
  const [state, formAction] = useActionState((prev: Result | null, formData: FormData) => createScimTokenAction(prev, formData), null);
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
        <SecretReveal
          secret={state.data.token}
          id="new-token"
          labels={{ title: t("secretTitle"), intro: t("secretIntro"), copy: t("copy"), copied: t("copied"), copyHint: t("copyHint") }}
        />
      ) : (
        <ActionStatus state={state && !state.fieldErrors ? state : null} />
      )}
    </section>
  );
}
