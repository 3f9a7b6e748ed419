"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "@/components/ui/toaster";
import { reactivateSubscriptionAction, setAutoRenewAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import type { BuyTerms } from "./buy-licenses-form";

/**
 * Reactivates an Expired or Disabled subscription after saying what it starts: a new term from
 * today, until when, and what it costs per period.
 */
export function ReactivateButton({ subscriptionId, terms, endsAt }: { subscriptionId: string; terms: BuyTerms; endsAt: Date }) {
  const t = useTranslations("product");
  const format = useFormatter();
  const questionId = useId();
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (previous: ActionResult<{ endsAt: Date }> | null, formData: FormData) => {
    const result = await reactivateSubscriptionAction(previous, formData);
    if (result.ok) {
      setConfirming(false);
      announce(result.message ?? "");
    }
    return result;
  }, null);
  const monthly = (terms.unitPriceCents * terms.quantity) / 100;
  const money = (amount: number) => format.number(amount, { style: "currency", currency: terms.currency });
  if (!confirming)
    return (
      <div>
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          {t("reactivate")}
        </button>
        {state && !state.ok && <ActionStatus state={state} />}
      </div>
    );
  return (
    <form action={formAction}>
      <ConfirmPanel
        tone="neutral"
        questionId={questionId}
        onCancel={() => setConfirming(false)}
        question={
          <>
            <p className="font-semibold">{t("reactivateTitle")}</p>
            <p>
              {t("reactivateTerm", {
                frequency: terms.billingFrequency,
                date: format.dateTime(endsAt, { dateStyle: "long" }),
              })}
            </p>
            <p>
              {terms.billingFrequency === "annual"
                ? t("reactivateCostAnnual", { count: terms.quantity, total: money(monthly * 12) })
                : t("reactivateCostMonthly", { count: terms.quantity, total: money(monthly) })}
            </p>
          </>
        }
      >
        <input type="hidden" name="subscriptionId" value={subscriptionId} />
        <ConfirmButtons
          tone="primary"
          confirmLabel={t("confirmReactivate")}
          pendingLabel={t("reactivating")}
          cancelLabel={t("cancel")}
          onCancel={() => setConfirming(false)}
        />
        <ActionStatus state={state && !state.ok ? state : null} />
      </ConfirmPanel>
    </form>
  );
}

/** Turns automatic renewal off or on; the state is said beside the button. */
export function AutoRenewForm({ subscriptionId, autoRenew }: { subscriptionId: string; autoRenew: boolean }) {
  const t = useTranslations("product");
  const [state, formAction] = useActionState(async (previous: ActionResult<{ autoRenew: boolean }> | null, formData: FormData) => {
    const result = await setAutoRenewAction(previous, formData);
    if (result.ok) announce(result.message ?? "");
    return result;
  }, null);
  return (
    <form action={formAction} className="flex flex-col gap-1 text-sm">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="autoRenew" value={autoRenew ? "off" : "on"} />
      <SubmitButton className="btn" pendingLabel={t("savingAutoRenew")}>
        {autoRenew ? t("turnAutoRenewOff") : t("turnAutoRenewOn")}
      </SubmitButton>
      {state && !state.ok && <ActionStatus state={state} />}
    </form>
  );
}
