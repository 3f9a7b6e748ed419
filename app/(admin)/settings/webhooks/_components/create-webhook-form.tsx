"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AlertKind } from "@/lib/domain/alerts";
import { MAX_DESCRIPTION_LENGTH, MAX_URL_LENGTH } from "@/lib/domain/webhooks";
import type { ActionResult } from "@/server/actions/safe-action";
import { createWebhookAction } from "@/server/actions/webhooks";
import { SecretReveal } from "@/components/ui/secret-reveal";

type Result = ActionResult<{ endpointId: string; secret: string }>;

/** Add an endpoint: its URL, a description and the alerts it receives; then its secret, once. */
export function CreateWebhookForm({ kinds }: { kinds: readonly AlertKind[] }) {
  const t = useTranslations("webhooks.add");
  const tk = useTranslations("alerts.settings.kinds");
  const ts = useTranslations("webhooks.secret");
  // Controlled, so a refused URL stays in the field to correct; emptied once an endpoint was added.
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [state, formAction] = useActionState(async (prev: Result | null, formData: FormData) => {
    const result = await createWebhookAction(prev, formData);
    if (result.ok) {
      setUrl("");
      setDescription("");
    }
    return result;
  }, null);
  return (
    <section aria-labelledby="add-webhook-title" className="card mt-6 max-w-3xl">
      <h2 id="add-webhook-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <form action={formAction} className="mt-3 flex flex-col gap-3">
        <div>
          <label htmlFor="webhook-url" className="block text-sm font-semibold">
            {t("url")}
          </label>
          <input
            id="webhook-url"
            name="url"
            type="url"
            required
            maxLength={MAX_URL_LENGTH}
            placeholder="https://"
            aria-describedby="webhook-url-hint webhook-url-error"
            aria-invalid={Boolean(state && !state.ok && state.fieldErrors?.url)}
            className="input mt-1 w-full"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <p id="webhook-url-hint" className="text-xs text-neutral-600">
            {t("urlHint")}
          </p>
          <FieldError state={state} field="url" id="webhook-url-error" />
        </div>
        <div>
          <label htmlFor="webhook-description" className="block text-sm font-semibold">
            {t("description")}
          </label>
          <input
            id="webhook-description"
            name="description"
            maxLength={MAX_DESCRIPTION_LENGTH}
            aria-describedby="webhook-description-error"
            className="input mt-1 w-full"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <FieldError state={state} field="description" id="webhook-description-error" />
        </div>
        <fieldset aria-describedby="webhook-kinds-error">
          <legend className="text-sm font-semibold">{t("kinds")}</legend>
          <ul className="mt-1 space-y-1">
            {kinds.map((kind) => (
              <li key={kind} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  id={`webhook-kind-${kind.replace(".", "-")}`}
                  name="kinds"
                  value={kind}
                  defaultChecked
                  className="mt-1 h-4 w-4"
                />
                <label htmlFor={`webhook-kind-${kind.replace(".", "-")}`}>{tk(kind.replace(".", "_") as "conflict_created")}</label>
              </li>
            ))}
          </ul>
          <FieldError state={state} field="kinds" id="webhook-kinds-error" />
        </fieldset>
        <div>
          <SubmitButton pendingLabel={t("adding")}>{t("submit")}</SubmitButton>
        </div>
      </form>
      <ActionStatus state={state} />
      {state?.ok && (
        <SecretReveal
          secret={state.data.secret}
          id="new-webhook-secret"
          labels={{ title: ts("title"), intro: ts("intro"), copy: ts("copy"), copied: ts("copied"), copyHint: ts("copyHint") }}
        />
      )}
    </section>
  );
}
