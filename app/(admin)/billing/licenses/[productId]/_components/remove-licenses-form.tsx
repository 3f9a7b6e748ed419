"use client";
import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeLicensesAction } from "@/server/actions/licenses";

/** Wraps the assigned-users table: checked users lose this product's license in one action. */
export function RemoveLicensesForm({ productId, children }: { productId: string; children: ReactNode }) {
  const t = useTranslations("product");
  const [state, formAction] = useActionState(removeLicensesAction, null);
  return (
    <>
      <form id="remove-licenses" action={formAction} className="mb-2 flex items-center gap-2">
        <input type="hidden" name="productId" value={productId} />
        <SubmitButton className="btn" pendingLabel={t("removing")}>{t("removeSelected")}</SubmitButton>
        <ActionStatus state={state} />
      </form>
      {children}
    </>
  );
}
