import Link from "next/link";
import type { getFormatter, getTranslations } from "@/i18n/server";
import type { LicenseSummary } from "@/lib/domain/conflicts";

type LicensesTranslator = Awaited<ReturnType<typeof getTranslations<"licenses">>>;
type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/**
 * Why a product is in conflict, how many users it affects and by when it must be resolved.
 * Rendered once per table row, so it takes the table's translator and formatter instead of
 * awaiting its own (an async component per row is a separate chunk of the page's payload).
 */
export function ConflictStatus({
  summary,
  productId,
  productName,
  t,
  format,
}: {
  summary: LicenseSummary;
  productId: string;
  productName: string;
  t: LicensesTranslator;
  format: Formatter;
}) {
  if (summary.conflicts === 0) return <span className="text-ok">{t("statusOk")}</span>;
  return (
    <div className="text-sm">
      <p className="font-semibold text-warn">
        <span aria-hidden="true">⚠ </span>
        {t("statusConflict", { count: summary.conflicts })}
      </p>
      <ul className="mt-0.5 text-neutral-700">
        {summary.parts.map((part) => (
          <li key={part.cause}>
            {t(`cause.${part.cause}`, { count: part.users, users: part.users, licenses: part.licenses })}
            {part.deadline && ` ${t("deadline", { date: format.dateTime(part.deadline, { dateStyle: "medium" }) })}`}
          </li>
        ))}
      </ul>
      <Link href={`/billing/licenses/${productId}/resolve`} className="mt-0.5 inline-block">
        {t("resolve")}
        <span className="sr-only"> {productName}</span>
      </Link>
    </div>
  );
}
