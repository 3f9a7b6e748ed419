"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLES } from "@/lib/domain/roles";
import { createAppAction } from "@/server/actions/apps";
import type { ActionResult } from "@/server/actions/safe-action";
import type { CreatedApp } from "@/server/graph/apps";
import { SecretDays } from "./secret-days";

type Result = ActionResult<CreatedApp>;

/** A new app registration: name, roles and secret lifetime, then its client id and secret, this once. */
export function CreateAppForm() {
  const t = useTranslations("apps");
  const tc = useTranslations("common");
  const [state, formAction] = useActionState((prev: Result | null, formData: FormData) => createAppAction(prev, formData), null);
  return (
    <section className="card max-w-3xl" aria-labelledby="add-app-heading">
      <h2 id="add-app-heading" className="mb-2 text-lg font-semibold">
        {t("add")}
      </h2>
      <form action={formAction} className="flex flex-col gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="font-semibold">{t("name")}</span>
          <input name="name" required maxLength={100} className="input" aria-describedby="app-name-error" />
        </label>
        <FieldError state={state} field="name" id="app-name-error" />
        <fieldset aria-describedby="app-roles-hint app-roles-error">
          <legend className="font-semibold">{t("roles")}</legend>
          <p id="app-roles-hint" className="text-neutral-700">
            {t("rolesHint")}
          </p>
          <div className="mt-1 flex flex-wrap gap-3">
            {ROLES.map((role) => (
              <label key={role} className="flex items-center gap-1">
                <input type="checkbox" name="roles" value={role} />
                {tc(`roles.${role}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <FieldError state={state} field="roles" id="app-roles-error" />
        <SecretDays id="new-app-days" />
        <div>
          <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
        </div>
      </form>
      {state?.ok ? (
        <>
          <p className="mt-3 text-sm font-mono break-all">{t("clientIdLabel", { clientId: state.data.clientId })}</p>
          <SecretReveal
            secret={state.data.clientSecret}
            id="new-app-secret"
            labels={{ title: t("secretTitle"), intro: t("secretIntro"), copy: t("copy"), copied: t("copied"), copyHint: t("copyHint") }}
          />
        </>
      ) : (
        <ActionStatus state={state && !state.fieldErrors ? state : null} />
      )}
    </section>
  );
}
