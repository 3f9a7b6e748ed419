"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import type { ReclaimReason } from "@/lib/domain/reclaim";
import { removeLicensesAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";

interface Candidate {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  reason: ReclaimReason;
  idleDays: number;
  lastSignIn: string | null;
}

/**
 * The planner's candidates, the first `needed` ticked: exactly as many as end the conflict. The
 * admin may untick any and tick others; the counter says whether the choice ends the conflict,
 * and the removal (the product page's own, one transaction with its audit record) asks first.
 */
export function ResolveForm({
  productId,
  product,
  needed,
  candidates,
}: {
  productId: string;
  product: string;
  needed: number;
  candidates: Candidate[];
}) {
  const t = useTranslations("product");
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(candidates.slice(0, needed).map((c) => c.userId)));
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (previous: ActionResult<{ removed: number }> | null, formData: FormData) => {
    const result = await removeLicensesAction(previous, formData);
    if (result.ok) {
      announce(result.message ?? "");
      // The product page offers the removal's undo for as long as it can be made.
      router.push(`/billing/licenses/${productId}${result.data.eventId ? `?removed=${result.data.eventId}` : ""}`);
    }
    return result;
  }, null);
  const toggle = (userId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(userId);
    else next.delete(userId);
    setSelected(next);
    setConfirming(false);
  };
  const count = selected.size;
  return (
    <section className="card" aria-labelledby="plan-remove-heading">
      <h2 id="plan-remove-heading" className="mb-1 text-lg font-semibold">
        {t("plan.removeHeading")}
      </h2>
      <p className="mb-3 text-sm text-neutral-700">{t("plan.removeExplainer")}</p>
      <form action={formAction}>
        <input type="hidden" name="productId" value={productId} />
        {[...selected].map((userId) => (
          <input key={userId} type="hidden" name="userIds" value={userId} />
        ))}
        <div className="overflow-x-auto">
          <table className="stack-sm">
            <thead>
              <tr>
                <th scope="col" className="w-8">
                  <span className="sr-only">{t("plan.columns.select")}</span>
                </th>
                <th scope="col">{t("plan.columns.user")}</th>
                <th scope="col">{t("plan.columns.why")}</th>
                <th scope="col">{t("plan.columns.lastSignIn")}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c, index) => (
                <tr key={c.userId} className={index < needed ? undefined : "text-neutral-700"}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t("selectUser", { name: c.displayName })}
                      checked={selected.has(c.userId)}
                      onChange={(event) => toggle(c.userId, event.target.checked)}
                    />
                  </td>
                  <td data-label={t("plan.columns.user")}>
                    <span className="font-medium">{c.displayName}</span>
                    <div className="text-xs text-neutral-600">{c.userPrincipalName}</div>
                  </td>
                  <td data-label={t("plan.columns.why")}>{t(`plan.reason.${c.reason}`, { days: c.idleDays })}</td>
                  <td data-label={t("plan.columns.lastSignIn")} className="whitespace-nowrap">
                    {c.lastSignIn ?? t("plan.never")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div aria-live="polite" role="status" className="my-3 text-sm">
          <p className={count === needed ? "text-ok" : count < needed ? "text-warn" : "text-neutral-800"}>
            {count < needed
              ? t("plan.countShort", { count, needed, missing: needed - count })
              : count === needed
                ? t("plan.countExact", { count })
                : t("plan.countMore", { count, needed, extra: count - needed })}
          </p>
        </div>
        {confirming ? (
          <ConfirmPanel
            questionId="plan-confirm"
            question={<p>{t("removeSelectedConfirm", { product, count })}</p>}
            onCancel={() => setConfirming(false)}
          >
            <ConfirmButtons
              confirmLabel={t("confirmRemoveSelected", { count })}
              pendingLabel={t("removing")}
              cancelLabel={t("cancel")}
              onCancel={() => setConfirming(false)}
            />
          </ConfirmPanel>
        ) : (
          <button type="button" className="btn btn-primary" disabled={count === 0} onClick={() => setConfirming(true)}>
            {t("plan.remove", { count })}
          </button>
        )}
        <ActionStatus state={state && !state.ok ? state : null} />
      </form>
    </section>
  );
}
