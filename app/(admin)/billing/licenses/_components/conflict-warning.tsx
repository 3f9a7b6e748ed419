import { getFormatter, getTranslations } from "@/i18n/server";
import { purchaseSelect } from "@/server/cloud";
import type { LicensesOverview } from "@/server/data/licenses";

export async function ConflictWarning({ overview }: { overview: LicensesOverview }) {
  const [t, format] = await Promise.all([getTranslations("licenses"), getFormatter()]);
  return (
    <div role="alert" className="mb-4 flex gap-3 rounded border border-warn-border bg-warn-bg px-4 py-3 text-sm text-neutral-900">
      <span aria-hidden="true" className="text-lg leading-none text-warn">
        ⚠
      </span>
      <div>
        <p className="font-semibold">{t("warningTitle", { users: overview.usersNeedingLicense, products: overview.productsInConflict })}</p>
        <p className="mt-1">
          {t("warningBody", { purchase: purchaseSelect() })}
          {overview.earliestDeadline &&
            ` ${t("warningDeadline", { date: format.dateTime(overview.earliestDeadline, { dateStyle: "long" }) })}`}
        </p>
      </div>
    </div>
  );
}
