"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import type { ActionResult } from "@/server/actions/safe-action";
import { deleteUsersAction } from "@/server/actions/users";

/** Delete with a confirmation step that says what happens to the user's licenses. */
export function DeleteUserButton({ userId, name, licenses }: { userId: string; name: string; licenses: number }) {
  const t = useTranslations("users");
  const router = useRouter();
  const [isConfirming, setConfirming] = useState(false);
  // Navigate from the action itself: the refreshed page no longer renders this button for a
  // deleted user, so an effect waiting for the result would never run.
  const [state, formAction] = useActionState(async (previous: ActionResult<{ deleted: number }> | null, formData: FormData) => {
    const result = await deleteUsersAction(previous, formData);
    if (result.ok) router.push("/users/deleted");
    return result;
  }, null);
  if (!isConfirming) {
    return (
      <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
        {t("deleteUser")}
      </button>
    );
  }
  return (
    <form action={formAction}>
      <ConfirmPanel
        questionId="delete-confirm-text"
        question={<p>{t("deleteConfirm", { name, count: licenses })}</p>}
        onCancel={() => setConfirming(false)}
      >
        <input type="hidden" name="userIds" value={userId} />
        <ConfirmButtons
          confirmLabel={t("confirmDelete")}
          pendingLabel={t("deleting")}
          cancelLabel={t("cancel")}
          onCancel={() => setConfirming(false)}
        />
        <ActionStatus state={state} />
      </ConfirmPanel>
    </form>
  );
}
