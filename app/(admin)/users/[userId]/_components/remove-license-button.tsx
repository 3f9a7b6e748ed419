"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { removeLicensesAction } from "@/server/actions/licenses";

export function RemoveLicenseButton({ productId, userId, product }: { productId: string; userId: string; product: string }) {
  const t = useTranslations("users");
  const [state, formAction] = useActionState(removeLicensesAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="userIds" value={userId} />
      <SubmitButton className="btn" pendingLabel={t("removing")}>
        {t("removeLicense")}
        <span className="sr-only"> {product}</span>
      </SubmitButton>
      {state && !state.ok && <ActionStatus state={state} />}
    </form>
  );
}
