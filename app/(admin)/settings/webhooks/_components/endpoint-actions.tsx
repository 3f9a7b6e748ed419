"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "@/components/ui/toaster";
import type { ActionResult } from "@/server/actions/safe-action";
import { deleteWebhookAction, rotateWebhookSecretAction, sendTestWebhookAction, setWebhookEnabledAction } from "@/server/actions/webhooks";
import { SecretReveal } from "@/components/ui/secret-reveal";

type Action<T> = (prev: unknown, formData: FormData) => Promise<ActionResult<T>>;

/** An action's state; with `toast`, its success is also announced by the toaster (for a change that removes this card). */
function useAction<T>(action: Action<T>, toast = false) {
  return useActionState(async (prev: ActionResult<T> | null, formData: FormData) => {
    const result = await action(prev, formData);
    if (toast && result.ok) announce(result.message ?? "");
    return result;
  }, null);
}

/** One endpoint's buttons: enable or disable, send a test event, rotate its secret, delete it (confirmed). */
export function EndpointActions({ endpointId, url, enabled }: { endpointId: string; url: string; enabled: boolean }) {
  const t = useTranslations("webhooks");
  const ts = useTranslations("webhooks.secret");
  const secretLabels = { title: ts("title"), intro: ts("intro"), copy: ts("copy"), copied: ts("copied"), copyHint: ts("copyHint") };
  const [toggleState, toggle] = useAction(setWebhookEnabledAction);
  const [testState, test] = useAction(sendTestWebhookAction);
  const [rotateState, rotate] = useAction(rotateWebhookSecretAction);
  // A deleted endpoint's card goes with it: the toaster says it is done.
  const [deleteState, remove] = useAction(deleteWebhookAction, true);
  const [isConfirming, setConfirming] = useState(false);
  const hidden = <input type="hidden" name="endpointId" value={endpointId} />;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <form action={toggle}>
          {hidden}
          <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
          <SubmitButton className="btn" pendingLabel={t("working")}>
            {enabled ? t("disable") : t("enable")}
          </SubmitButton>
        </form>
        {enabled && (
          <form action={test}>
            {hidden}
            <SubmitButton className="btn" pendingLabel={t("working")}>
              {t("sendTest")}
            </SubmitButton>
          </form>
        )}
        <form action={rotate}>
          {hidden}
          <SubmitButton className="btn" pendingLabel={t("working")}>
            <span title={t("rotateHint")}>{t("rotate")}</span>
          </SubmitButton>
        </form>
        {!isConfirming && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            {t("delete")}
          </button>
        )}
      </div>
      {isConfirming && (
        <form action={remove}>
          <ConfirmPanel
            questionId={`delete-${endpointId}-question`}
            question={<p className="wrap-anywhere">{t("deleteQuestion", { url })}</p>}
            onCancel={() => setConfirming(false)}
          >
            {hidden}
            <input type="hidden" name="confirm" value="true" />
            <ConfirmButtons
              confirmLabel={t("confirmDelete")}
              pendingLabel={t("working")}
              cancelLabel={t("cancel")}
              onCancel={() => setConfirming(false)}
            />
            <ActionStatus state={deleteState} />
          </ConfirmPanel>
        </form>
      )}
      <ActionStatus state={toggleState} />
      <ActionStatus state={testState} />
      <ActionStatus state={rotateState} />
      {rotateState?.ok && <SecretReveal secret={rotateState.data.secret} id={`secret-${endpointId}`} labels={secretLabels} />}
    </div>
  );
}
