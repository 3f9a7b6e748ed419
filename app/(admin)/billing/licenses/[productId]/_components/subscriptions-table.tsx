import { addMonths, addYears } from "date-fns";
import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { CLOUD_PROFILES } from "@/lib/cloud";
import type { LifecycleState } from "@/lib/domain/lifecycle";
import { env } from "@/lib/env";
import type { ProductDetail } from "@/server/data/licenses";
import { BuyLicensesForm } from "./buy-licenses-form";
import { AutoRenewForm, ReactivateButton } from "./subscription-lifecycle";

const STATE_STYLE: Record<LifecycleState, string> = {
  Active: "bg-ok-bg text-ok",
  Expired: "bg-warn-bg text-warn",
  Disabled: "bg-danger-bg text-danger",
  Deleted: "bg-neutral-200 text-neutral-700",
};

export async function SubscriptionsTable({ product, canPurchase }: { product: ProductDetail; canPurchase: boolean }) {
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const cloud = CLOUD_PROFILES[env().LICENSE_CENTER_CLOUD];
  const now = new Date();
  const price = format.number(product.unitPriceCents / 100, { style: "currency", currency: cloud.currency });
  return (
    <section aria-labelledby="subscriptions-heading" className="card mb-5">
      <h2 id="subscriptions-heading" className="mb-3 text-lg font-semibold">
        {t("subscriptionsHeading")}
      </h2>
      {product.subscriptions.length === 0 ? (
        <p className="text-sm text-neutral-700">{t("noSubscriptions")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="stack-sm">
            <thead>
              <tr>
                <th scope="col">{t("subscription.state")}</th>
                <th scope="col" className="text-right">
                  {t("subscription.quantity")}
                </th>
                <th scope="col">{t("subscription.term")}</th>
                <th scope="col">{t("subscription.billing")}</th>
                <th scope="col">{t("subscription.next")}</th>
                {canPurchase && <th scope="col">{t("subscription.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {product.subscriptions.map((sub) => (
                <tr key={sub.id}>
                  <td data-label={t("subscription.state")}>
                    <span className={`badge ${STATE_STYLE[sub.state]}`}>{t(`state.${sub.state}`)}</span>
                  </td>
                  <td data-label={t("subscription.quantity")} className="text-right tabular-nums">
                    {format.number(sub.quantity)}
                  </td>
                  <td data-label={t("subscription.term")}>
                    {/* Two dates in the format of every other date, not Intl's range (zh-CN writes a range as 2026/5/1 – 2027/4/30 and a date as 2026年5月1日). */}
                    {t("termRange", {
                      start: format.dateTime(sub.startsAt, { dateStyle: "medium" }),
                      end: format.dateTime(sub.endsAt, { dateStyle: "medium" }),
                    })}
                  </td>
                  <td data-label={t("subscription.billing")}>
                    {t(`frequency.${sub.billingFrequency === "annual" ? "annual" : "monthly"}`)}
                    {sub.autoRenew ? "" : ` · ${t("noAutoRenew")}`}
                  </td>
                  <td data-label={t("subscription.next")}>
                    {sub.nextTransitionAt
                      ? t(`nextState.${sub.state}`, { date: format.dateTime(sub.nextTransitionAt, { dateStyle: "medium" }) })
                      : "—"}
                  </td>
                  {canPurchase && (
                    <td data-label={t("subscription.actions")}>
                      {sub.state === "Active" ? (
                        <div className="flex flex-col gap-2">
                          {cloud.canPurchase ? (
                            <>
                              <BuyLicensesForm
                                subscriptionId={sub.id}
                                terms={{
                                  quantity: sub.quantity,
                                  unitPriceCents: product.unitPriceCents,
                                  currency: cloud.currency,
                                  billingFrequency: sub.billingFrequency === "annual" ? "annual" : "monthly",
                                }}
                              />
                              <span className="text-xs text-neutral-600">{t("unitPrice", { price })}</span>
                            </>
                          ) : (
                            <span className="text-sm text-neutral-600">{t("purchaseUnavailable")}</span>
                          )}
                          <Link href={`/billing/licenses/${product.id}/reduce?subscription=${sub.id}`}>{t("reduceLink")}</Link>
                          <AutoRenewForm subscriptionId={sub.id} autoRenew={sub.autoRenew} />
                        </div>
                      ) : (sub.state === "Expired" || sub.state === "Disabled") && cloud.canPurchase ? (
                        <ReactivateButton
                          subscriptionId={sub.id}
                          endsAt={sub.billingFrequency === "annual" ? addYears(now, 1) : addMonths(now, 1)}
                          terms={{
                            quantity: sub.quantity,
                            unitPriceCents: product.unitPriceCents,
                            currency: cloud.currency,
                            billingFrequency: sub.billingFrequency === "annual" ? "annual" : "monthly",
                          }}
                        />
                      ) : (
                        <span className="text-sm text-neutral-600">{t("notActiveHint")}</span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
