"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useId, useRef, useState } from "react";
import { ActionStatus, FieldError } from "@/components/ui/action-status";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { SubmitButton } from "@/components/ui/submit-button";
import { purchaseLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import type { PurchaseResult } from "@/server/data/license-changes";

export interface BuyTerms {
  /** Licenses the subscription has now. */
  quantity: number;
  /** Price of one license per month, in cents of `currency`. */
  unitPriceCents: number;
  currency: string;
  billingFrequency: "monthly" | "annual";
}

/**
 * Buys licenses after a confirmation that shows what it costs (quantity × price per period, the
 * yearly total when billed annually) and the subscription's new total; one idempotency key per
 * purchase, so a double submit buys once.
 */
export function BuyLicensesForm({ subscriptionId, terms }: { subscriptionId: string; terms: BuyTerms }) {
  const t = useTranslations("product");
  const format = useFormatter();
  const questionId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [confirming, setConfirming] = useState<number | null>(null);
  const [state, formAction] = useActionState(async (prev: ActionResult<PurchaseResult> | null, formData: FormData) => {
    const result = await purchaseLicensesAction(prev, formData);
    setConfirming(null);
    if (result.ok) setKey(crypto.randomUUID());
    return result;
  }, null);
  const errorId = `buy-error-${subscriptionId}`;
  const money = (cents: number) => format.number(cents / 100, { style: "currency", currency: terms.currency });
  const open = () => {
    const field = input.current;
    if (!field?.reportValidity()) return;
    setConfirming(field.valueAsNumber);
  };
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="flex items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          {t("buyQuantity")}
          <input
            ref={input}
            name="quantity"
            type="number"
            min={1}
            max={10000}
            step={1}
            defaultValue={1}
            required
            readOnly={confirming !== null}
            className="input w-24"
            aria-describedby={errorId}
            onKeyDown={(event) => {
              // Enter opens the confirmation, as the button does, rather than buying at once.
              if (event.key !== "Enter") return;
              event.preventDefault();
              if (confirming === null) open();
            }}
          />
        </label>
        {confirming === null && (
          <button type="button" className="btn btn-primary" onClick={open}>
            {t("buy")}
          </button>
        )}
      </div>
      {confirming !== null && (
        <ConfirmPanel
          tone="neutral"
          questionId={questionId}
          onCancel={() => setConfirming(null)}
          question={
            <>
              <p className="font-semibold">{t("buyConfirmTitle", { count: confirming })}</p>
              <p>
                {t("buyCost", {
                  count: confirming,
                  price: money(terms.unitPriceCents),
                  total: money(terms.unitPriceCents * confirming),
                })}
              </p>
              <p>
                {terms.billingFrequency === "annual"
                  ? t("buyBilledAnnually", { total: money(terms.unitPriceCents * confirming * 12) })
                  : t("buyBilledMonthly")}
              </p>
              <p>{t("buyNewTotal", { total: terms.quantity + confirming })}</p>
            </>
          }
        >
          <div className="flex gap-2">
            <SubmitButton pendingLabel={t("buying")}>{t("confirmBuy", { count: confirming })}</SubmitButton>
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              {t("cancel")}
            </button>
          </div>
        </ConfirmPanel>
      )}
      <FieldError state={state} field="quantity" id={errorId} />
      <ActionStatus state={state} />
    </form>
  );
}
