"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { restoreUserAction } from "@/server/actions/users";
import type { ActionResult } from "@/server/actions/safe-action";

/** Restore, after a confirmation that warns when it brings back licenses that are not free. */
export function RestoreUserButton({ userId, name, conflicts }: { userId: string; name: string; conflicts: string[] }) {
  const t = useTranslations("users");
  const [isConfirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (prev: ActionResult<{ conflicts: string[] }> | null, formData: FormData) => {
    const result = await restoreUserAction(prev, formData);
    // The row disappears once the user is restored: say so where it survives the refresh.
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  if (!isConfirming) {
    return (
      <div>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {t("restore")}
          <span className="sr-only"> {name}</span>
        </button>
        <ActionStatus state={state} />
      </div>
    );
  }
  return (
    <form action={formAction}>
      <ConfirmPanel
        tone="neutral"
        questionId={`restore-question-${userId}`}
        onCancel={() => setConfirming(false)}
        question={
          conflicts.length > 0 ? (
            <p role="alert" className="rounded border border-warn-border bg-warn-bg p-2">
              {t("restoreConflictWarning", { name, products: conflicts.join(", "), count: conflicts.length })}
            </p>
          ) : (
            <p>{t("restoreConfirm", { name })}</p>
          )
        }
      >
        <input type="hidden" name="userId" value={userId} />
        <ConfirmButtons
          tone="primary"
          confirmLabel={t("confirmRestore")}
          pendingLabel={t("restoring")}
          cancelLabel={t("cancel")}
          onCancel={() => setConfirming(false)}
        />
        <ActionStatus state={state} />
      </ConfirmPanel>
    </form>
  );
}
