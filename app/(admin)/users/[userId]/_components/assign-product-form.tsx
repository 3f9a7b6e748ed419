"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "@/components/ui/toaster";
import { assignLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import type { AssignResult } from "@/server/data/license-changes";

export function AssignProductForm({
  userId,
  products,
}: {
  userId: string;
  products: { productId: string; productName: string; available: number }[];
}) {
  const t = useTranslations("users");
  // A success goes to the toaster: shown in place, it would stay after the next change on the page.
  const [state, formAction] = useActionState(async (previous: ActionResult<AssignResult> | null, formData: FormData) => {
    const result = await assignLicensesAction(previous, formData);
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  // Preselect a product that has a license free, not merely the first by name.
  const preselected = products.find((p) => p.available > 0)?.productId ?? products[0]?.productId;
  return (
    <form action={formAction} className="flex max-w-full flex-wrap items-end gap-2">
      <input type="hidden" name="userIds" value={userId} />
      <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm font-medium">
        {t("assignProduct")}
        <select name="productId" className="input max-w-full" required defaultValue={preselected}>
          {products.map((p) => (
            <option key={p.productId} value={p.productId}>
              {t("productOption", { name: p.productName, count: p.available })}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton pendingLabel={t("assigning")}>{t("assign")}</SubmitButton>
      <div className="w-full">
        <ActionStatus state={state && !state.ok ? state : null} />
      </div>
    </form>
  );
}
