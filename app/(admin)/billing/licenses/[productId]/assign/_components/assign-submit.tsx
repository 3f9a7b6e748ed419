"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { assignLicensesAction } from "@/server/actions/licenses";

export function AssignSubmit({ productId, available }: { productId: string; available: number }) {
  const t = useTranslations("product");
  const [state, formAction] = useActionState(assignLicensesAction, null);
  return (
    <form id="assign-licenses" action={formAction} className="mb-3">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel={t("assigning")}>{t("assignSelected")}</SubmitButton>
        <span className="text-sm text-neutral-700">{t("availableNow", { count: available })}</span>
      </div>
      <ActionStatus state={state} />
    </form>
  );
}
