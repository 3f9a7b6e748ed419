import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { FORECAST_DAYS } from "@/lib/domain/forecast";
import type { UpcomingConflict } from "@/server/data/forecast";

/** Billing › Licenses › Upcoming: the conflicts that term ends without renewal will make, soonest first. */
export async function UpcomingConflicts({ upcoming }: { upcoming: UpcomingConflict[] }) {
  if (upcoming.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations("licenses"), getFormatter()]);
  return (
    <section className="card mb-5" aria-labelledby="upcoming-heading">
      <h2 id="upcoming-heading" className="text-lg font-semibold">
        {t("upcoming.heading")}
      </h2>
      <p className="mb-2 text-sm text-neutral-700">{t("upcoming.description", { days: FORECAST_DAYS })}</p>
      <ul className="space-y-1 text-sm">
        {upcoming.map((event) => (
          <li key={event.subscriptionId}>
            {t.rich("upcoming.event", {
              name: event.productName,
              licenses: event.licenses,
              frequency: event.billingFrequency === "annual" ? "annual" : "monthly",
              users: event.usersNeedingLicense,
              date: () => (
                <time dateTime={event.date.toISOString()} className="whitespace-nowrap font-semibold">
                  {format.dateTime(event.date, { dateStyle: "medium" })}
                </time>
              ),
              product: (chunks) => <Link href={`/billing/licenses/${event.productId}`}>{chunks}</Link>,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
