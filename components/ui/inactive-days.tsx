import { getTranslations } from "@/i18n/server";
import { INACTIVE_DAY_CHOICES, MAX_INACTIVE_DAYS } from "@/lib/listing";

type Query = Record<string, string | number | undefined>;

/**
 * The "inactive" filter's number of days without a sign-in: 30, 60 or 90 offered, any whole
 * number up to MAX_INACTIVE_DAYS typed (a GET form: the days live in the URL with the rest of
 * the list's query).
 */
export async function InactiveDaysForm({ action, days, query }: { action: string; days: number; query: Query }) {
  const t = await getTranslations("common");
  const { days: _days, page: _page, ...kept } = query;
  return (
    <form action={action} method="get" className="mb-3 flex flex-wrap items-center gap-2 text-sm" aria-label={t("inactiveFor.label")}>
      {Object.entries(kept).map(([key, value]) =>
        value === undefined ? null : <input key={key} type="hidden" name={key} value={String(value)} />,
      )}
      <label className="flex flex-wrap items-center gap-2">
        <span>{t("inactiveFor.before")}</span>
        <input
          type="number"
          name="days"
          min={1}
          max={MAX_INACTIVE_DAYS}
          step={1}
          required
          defaultValue={days}
          list="inactive-day-choices"
          className="input w-24"
        />
        <span>{t("inactiveFor.after")}</span>
      </label>
      <datalist id="inactive-day-choices">
        {INACTIVE_DAY_CHOICES.map((choice) => (
          <option key={choice} value={choice} />
        ))}
      </datalist>
      <button type="submit" className="btn">
        {t("inactiveFor.apply")}
      </button>
    </form>
  );
}
