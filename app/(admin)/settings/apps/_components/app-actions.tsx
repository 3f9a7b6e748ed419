"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "@/components/ui/toaster";
import { addAppSecretAction, deleteAppAction, revokeAppSecretAction } from "@/server/actions/apps";
import type { ActionResult } from "@/server/actions/safe-action";

/** A new client secret for an app (rotation), shown this once. */
export function AddSecret({ appId }: { appId: string }) {
  const t = useTranslations("apps");
  type Result = ActionResult<{ secretId: string; clientSecret: string; expiresAt: Date }>;
  const [state, formAction] = useActionState((prev: Result | null, formData: FormData) => addAppSecretAction(prev, formData), null);
  return (
    <div>
      <form action={formAction} className="flex items-center gap-2">
        <input type="hidden" name="appId" value={appId} />
        <input type="hidden" name="secretDays" value="180" />
        <SubmitButton className="btn" pendingLabel={t("working")}>
          {t("addSecret")}
        </SubmitButton>
      </form>
      {state?.ok ? (
        <SecretReveal
          secret={state.data.clientSecret}
          id={`secret-${appId}`}
          labels={{ title: t("secretTitle"), intro: t("secretIntro"), copy: t("copy"), copied: t("copied"), copyHint: t("copyHint") }}
        />
      ) : (
        <ActionStatus state={state} />
      )}
    </div>
  );
}

/** A confirmed change of one app: revoking one of its secrets, or deleting it. */
function Confirmed({
  field,
  value,
  label,
  question,
  confirmLabel,
  action,
}: {
  field: "secretId" | "appId";
  value: string;
  label: string;
  question: string;
  confirmLabel: string;
  action: (prev: unknown, formData: FormData) => Promise<ActionResult<unknown>>;
}) {
  const t = useTranslations("apps");
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (prev: ActionResult<unknown> | null, formData: FormData) => {
    const result = await action(prev, formData);
    setConfirming(false);
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  if (!confirming)
    return (
      <>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {label}
        </button>
        <ActionStatus state={state && !state.ok ? state : null} />
      </>
    );
  return (
    <form action={formAction}>
      <input type="hidden" name={field} value={value} />
      <ConfirmPanel
        questionId={`confirm-${value}`}
        question={<p className="break-all">{question}</p>}
        onCancel={() => setConfirming(false)}
      >
        <ConfirmButtons
          confirmLabel={confirmLabel}
          pendingLabel={t("working")}
          cancelLabel={t("cancel")}
          onCancel={() => setConfirming(false)}
        />
      </ConfirmPanel>
    </form>
  );
}

export function RevokeSecret({ secretId, hint, name }: { secretId: string; hint: string; name: string }) {
  const t = useTranslations("apps");
  return (
    <Confirmed
      field="secretId"
      value={secretId}
      label={t("revokeSecret")}
      question={t("revokeQuestion", { hint, name })}
      confirmLabel={t("confirmRevoke")}
      action={revokeAppSecretAction}
    />
  );
}

export function DeleteApp({ appId, name }: { appId: string; name: string }) {
  const t = useTranslations("apps");
  return (
    <Confirmed
      field="appId"
      value={appId}
      label={t("delete")}
      question={t("deleteQuestion", { name })}
      confirmLabel={t("confirmDelete")}
      action={deleteAppAction}
    />
  );
}
