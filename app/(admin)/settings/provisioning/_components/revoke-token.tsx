"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import type { ActionResult } from "@/server/actions/safe-action";
import { revokeScimTokenAction } from "@/server/actions/scim";

/** Revoke one token, after a confirmation that names it. */
export function RevokeToken({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("provisioning");
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (prev: ActionResult<{ revoked: boolean }> | null, formData: FormData) => {
    const result = await revokeScimTokenAction(prev, formData);
    setConfirming(false);
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  if (!confirming)
    return (
      <>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {t("revoke")}
        </button>
        <ActionStatus state={state && !state.ok ? state : null} />
      </>
    );
  return (
    <form action={formAction}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <ConfirmPanel
        questionId={`revoke-${tokenId}`}
        question={<p className="break-all">{t("revokeQuestion", { name })}</p>}
        onCancel={() => setConfirming(false)}
      >
        <ConfirmButtons
          confirmLabel={t("confirmRevoke")}
          pendingLabel={t("working")}
          cancelLabel={t("cancel")}
          onCancel={() => setConfirming(false)}
        />
      </ConfirmPanel>
    </form>
  );
}
