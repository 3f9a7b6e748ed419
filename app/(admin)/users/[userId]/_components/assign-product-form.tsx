"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { assignLicensesAction } from "@/server/actions/licenses";

export function AssignProductForm({
  userId,
  products,
}: {
  userId: string;
  products: { productId: string; productName: string; available: number }[];
}) {
  const t = useTranslations("users");
  const [state, formAction] = useActionState(assignLicensesAction, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="userIds" value={userId} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("assignProduct")}
        <select name="productId" className="input" required>
          {products.map((p) => (
            <option key={p.productId} value={p.productId}>
              {t("productOption", { name: p.productName, count: p.available })}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton pendingLabel={t("assigning")}>{t("assign")}</SubmitButton>
      <div className="w-full">
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
