"use client";
import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "@/components/ui/toaster";
import { removeLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

/** Wraps the assigned-users table: checked users lose this product's license in one action. */
export function RemoveLicensesForm({ productId, children }: { productId: string; children: ReactNode }) {
  const t = useTranslations("product");
  const [state, formAction] = useActionState(async (prev: ActionResult<{ removed: number }> | null, formData: FormData) => {
    const result = await removeLicensesAction(prev, formData);
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  return (
    <>
      <form id="remove-licenses" action={formAction} className="mb-2 flex items-center gap-2">
        <input type="hidden" name="productId" value={productId} />
        <SubmitButton className="btn" pendingLabel={t("removing")}>
          {t("removeSelected")}
        </SubmitButton>
        <ActionStatus state={state && !state.ok ? state : null} />
      </form>
      {children}
    </>
  );
}
