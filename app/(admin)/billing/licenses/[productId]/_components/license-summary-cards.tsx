import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import type { LicenseSummary } from "@/lib/domain/conflicts";
import { purchaseSelect } from "@/server/cloud";

export async function LicenseSummaryCards({ summary, productId }: { summary: LicenseSummary; productId: string }) {
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const cards = [
    { key: "valid", value: summary.valid },
    { key: "assigned", value: summary.assigned },
    { key: "available", value: summary.available },
    { key: "expired", value: summary.expired },
    { key: "disabled", value: summary.disabled },
  ] as const;
  return (
    <section aria-label={t("summaryLabel")} className="mb-5">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {cards.map((card) => (
          <div key={card.key} className="card">
            <dt className="text-xs font-semibold uppercase text-neutral-600">{t(`totals.${card.key}`)}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{format.number(card.value)}</dd>
          </div>
        ))}
      </dl>
      {summary.conflicts > 0 && (
        <div role="alert" className="mt-3 rounded border border-warn-border bg-warn-bg px-4 py-3 text-sm">
          <p className="font-semibold">{t("conflictTitle", { count: summary.conflicts })}</p>
          <ul className="mt-1 list-disc pl-5">
            {summary.parts.map((part) => (
              <li key={part.cause}>
                {t(`conflictCause.${part.cause}`, { count: part.users, users: part.users, licenses: part.licenses })}{" "}
                {part.deadline && t("conflictDeadline", { date: format.dateTime(part.deadline, { dateStyle: "long" }) })}
              </li>
            ))}
          </ul>
          <p className="mt-1">{t("conflictHowTo", { purchase: purchaseSelect() })}</p>
          <p className="mt-2">
            <Link href={`/billing/licenses/${productId}/resolve`} className="btn hover:no-underline">
              {t("plan.open")}
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}
