"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmedAction } from "@/components/ui/confirmed-action";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { SubmitButton } from "@/components/ui/submit-button";
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

export function RevokeSecret({ secretId, hint, name }: { secretId: string; hint: string; name: string }) {
  const t = useTranslations("apps");
  return (
    <ConfirmedAction
      field="secretId"
      value={secretId}
      label={t("revokeSecret")}
      question={t("revokeQuestion", { hint, name })}
      labels={{ confirm: t("confirmRevoke"), pending: t("working"), cancel: t("cancel") }}
      action={revokeAppSecretAction}
    />
  );
}

export function DeleteApp({ appId, name }: { appId: string; name: string }) {
  const t = useTranslations("apps");
  return (
    <ConfirmedAction
      field="appId"
      value={appId}
      label={t("delete")}
      question={t("deleteQuestion", { name })}
      labels={{ confirm: t("confirmDelete"), pending: t("working"), cancel: t("cancel") }}
      action={deleteAppAction}
    />
  );
}
