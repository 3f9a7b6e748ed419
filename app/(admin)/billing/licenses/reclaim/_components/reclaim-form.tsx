"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { ConfirmButtons, ConfirmPanel } from "@/components/ui/confirm-panel";
import { announce } from "@/components/ui/toaster";
import { reclaimInactiveAction } from "@/server/actions/licenses";
import type { ActionResult } from "@/server/actions/safe-action";
import type { ReclaimResult } from "@/server/data/license-changes";

interface Row {
  productId: string;
  productName: string;
  licenses: number;
  monthlyCents: number;
  /** The monthly cost, formatted by the server. */
  monthly: string;
  /** The product's users, filtered to these inactive ones. */
  href: string;
}

/**
 * The products with licenses held by inactive users, all ticked: the admin unticks any, sees the
 * total and its monthly cost, and confirms the number. A changed number (a sign-in meanwhile, or
 * another admin's change) removes nothing and says the new one. Done, it links to the removal's
 * audit record, where it can be undone for 30 minutes.
 */
export function ReclaimForm({
  days,
  canRemove,
  products,
  currency,
}: {
  days: number;
  canRemove: boolean;
  products: Row[];
  currency: string;
}) {
  const t = useTranslations("licenses");
  const format = useFormatter();
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(products.map((p) => p.productId)));
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(async (previous: ActionResult<ReclaimResult> | null, formData: FormData) => {
    const result = await reclaimInactiveAction(previous, formData);
    setConfirming(false);
    if (result.ok) announce(result.message ?? "");
    // The counts moved since the page was read: show the new ones, to be confirmed again.
    else if (result.code === "RECLAIM_CHANGED") router.refresh();
    return result;
  }, null);
  const chosen = products.filter((p) => selected.has(p.productId));
  const licenses = chosen.reduce((sum, p) => sum + p.licenses, 0);
  const monthly = format.number(chosen.reduce((sum, p) => sum + p.monthlyCents, 0) / 100, { style: "currency", currency });
  const toggle = (productId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(productId);
    else next.delete(productId);
    setSelected(next);
    setConfirming(false);
  };
  if (state?.ok)
    return (
      <section className="card text-sm" aria-labelledby="reclaim-done-heading">
        <h2 id="reclaim-done-heading" className="sr-only">
          {t("reclaim.doneHeading")}
        </h2>
        <ActionStatus state={state} />
        <p className="mt-3 flex flex-wrap gap-4">
          {/* For 30 minutes the removal's audit record offers to give the licenses back. */}
          <Link href={`/audit/${state.data.eventId}`}>{t("reclaim.undo")}</Link>
          <Link href="/billing/licenses">{t("reclaim.backToLicenses")}</Link>
        </p>
      </section>
    );
  return (
    <section className="card" aria-labelledby="reclaim-heading">
      <h2 id="reclaim-heading" className="mb-1 text-lg font-semibold">
        {t("reclaim.heading", { days })}
      </h2>
      <form action={formAction}>
        <input type="hidden" name="days" value={days} />
        <input type="hidden" name="expected" value={licenses} />
        {chosen.map((p) => (
          <input key={p.productId} type="hidden" name="productIds" value={p.productId} />
        ))}
        <div className="overflow-x-auto">
          <table className="stack-sm">
            <thead>
              <tr>
                {canRemove && (
                  <th scope="col" className="w-8">
                    <input
                      type="checkbox"
                      aria-label={t("reclaim.selectAll")}
                      checked={selected.size === products.length}
                      onChange={(event) => {
                        setSelected(new Set(event.target.checked ? products.map((p) => p.productId) : []));
                        setConfirming(false);
                      }}
                    />
                  </th>
                )}
                <th scope="col">{t("reclaim.columns.product")}</th>
                <th scope="col" className="text-right">
                  {t("reclaim.columns.licenses")}
                </th>
                <th scope="col" className="text-right">
                  {t("reclaim.columns.monthly")}
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.productId}>
                  {canRemove && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t("reclaim.selectProduct", { name: p.productName })}
                        checked={selected.has(p.productId)}
                        onChange={(event) => toggle(p.productId, event.target.checked)}
                      />
                    </td>
                  )}
                  <td data-label={t("reclaim.columns.product")}>
                    <Link href={p.href}>{p.productName}</Link>
                  </td>
                  <td data-label={t("reclaim.columns.licenses")} className="text-right tabular-nums">
                    {format.number(p.licenses)}
                  </td>
                  <td data-label={t("reclaim.columns.monthly")} className="text-right tabular-nums">
                    {p.monthly}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p aria-live="polite" role="status" className="my-3 text-sm">
          {t("reclaim.total", { count: licenses, products: chosen.length, monthly })}
        </p>
        {!canRemove ? (
          <p className="text-sm text-neutral-700">{t("reclaim.readOnly")}</p>
        ) : confirming ? (
          <ConfirmPanel
            questionId="reclaim-confirm"
            question={<p>{t("reclaim.confirm", { count: licenses, products: chosen.length, days })}</p>}
            onCancel={() => setConfirming(false)}
          >
            <ConfirmButtons
              confirmLabel={t("reclaim.confirmButton", { count: licenses })}
              pendingLabel={t("reclaim.removing")}
              cancelLabel={t("reclaim.cancel")}
              onCancel={() => setConfirming(false)}
            />
          </ConfirmPanel>
        ) : (
          <button type="button" className="btn btn-primary" disabled={licenses === 0} onClick={() => setConfirming(true)}>
            {t("reclaim.remove", { count: licenses })}
          </button>
        )}
        <ActionStatus state={state && !state.ok ? state : null} />
      </form>
    </section>
  );
}
