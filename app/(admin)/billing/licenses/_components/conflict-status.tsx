import { getFormatter, getTranslations } from "next-intl/server";
import type { LicenseSummary } from "@/lib/domain/conflicts";

/** Why a product is in conflict, how many users it affects and by when it must be resolved. */
export async function ConflictStatus({ summary }: { summary: LicenseSummary }) {
  const [t, format] = await Promise.all([getTranslations("licenses"), getFormatter()]);
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
            {t(`cause.${part.cause}`, { count: part.users })}
            {part.deadline && ` ${t("deadline", { date: format.dateTime(part.deadline, { dateStyle: "medium" }) })}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
