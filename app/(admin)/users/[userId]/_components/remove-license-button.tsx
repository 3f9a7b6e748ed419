"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { removeLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

/** Removes one of the user's licenses after saying what it does. */
export function RemoveLicenseButton({
  productId,
  userId,
  product,
  name,
}: {
  productId: string;
  userId: string;
  product: string;
  name: string;
}) {
  const t = useTranslations("users");
  const questionId = useId();
  const [isConfirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (previous: ActionResult<{ removed: number }> | null, formData: FormData) => {
    const result = await removeLicensesAction(previous, formData);
    if (result.ok) {
      setConfirming(false);
      announce(result.message ?? "");
    }
    return result;
  }, null);
  if (!isConfirming)
    return (
      <button type="button" className="btn" onClick={() => setConfirming(true)}>
        {t("removeLicense")}
        <span className="sr-only"> {product}</span>
      </button>
    );
  return (
    <form action={formAction}>
      <ConfirmPanel
        questionId={questionId}
        question={<p>{t("removeLicenseConfirm", { product, name })}</p>}
        onCancel={() => setConfirming(false)}
      >
        <input type="hidden" name="productId" value={productId} />
        <input type="hidden" name="userIds" value={userId} />
        <ConfirmButtons
          confirmLabel={
            <>
              {t("confirmRemoveLicense")}
              <span className="sr-only"> {product}</span>
            </>
          }
          pendingLabel={t("removing")}
          cancelLabel={t("cancel")}
          onCancel={() => setConfirming(false)}
        />
        {state && !state.ok && <ActionStatus state={state} />}
      </ConfirmPanel>
    </form>
  );
}
