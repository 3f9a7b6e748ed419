"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { purchaseLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import type { PurchaseResult } from "@/server/data/license-changes";

/** Buys licenses; one idempotency key per purchase, so a double submit buys once. */
export function BuyLicensesForm({ subscriptionId }: { subscriptionId: string }) {
  const t = useTranslations("product");
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [state, formAction] = useActionState(async (prev: ActionResult<PurchaseResult> | null, formData: FormData) => {
    const result = await purchaseLicensesAction(prev, formData);
    if (result.ok) setKey(crypto.randomUUID());
    return result;
  }, null);
  const errorId = `buy-error-${subscriptionId}`;
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="flex items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          {t("buyQuantity")}
          <input
            name="quantity"
            type="number"
            min={1}
            max={10000}
            step={1}
            defaultValue={1}
            required
            className="input w-24"
            aria-describedby={errorId}
          />
        </label>
        <SubmitButton pendingLabel={t("buying")}>{t("buy")}</SubmitButton>
      </div>
      <FieldError state={state} field="quantity" id={errorId} />
      <ActionStatus state={state} />
    </form>
  );
}
