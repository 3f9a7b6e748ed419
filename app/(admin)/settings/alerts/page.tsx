import { getFormatter, getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { CLOUD_PROFILES, isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { requireActor } from "@/server/auth/require-actor";
import { getCalendarFeed } from "@/server/alerts/calendar";
import { getAlertChoices } from "@/server/data/preferences";
import { AlertChoicesForm } from "./_components/alert-choices-form";
import { CalendarFeedForm } from "./_components/calendar-feed-form";

export async function generateMetadata() {
  return { title: (await getTranslations("alerts"))("settings.title") };
}

/** Settings › Alert emails: which alerts reach the signed-in admin by email (every role chooses). */
export default async function AlertEmailsPage() {
  const [actor, t, tc] = await Promise.all([requireActor(), getTranslations("alerts"), getTranslations("common")]);
  const [choices, feed, format] = await Promise.all([getAlertChoices(actor), getCalendarFeed(actor), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const config = env();
  const locale =
    actor.preferredLocale && isLocale(actor.preferredLocale)
      ? actor.preferredLocale
      : CLOUD_PROFILES[config.LICENSE_CENTER_CLOUD].defaultLocale;
  return (
    <WithHelp slug="alert-emails">
      <PageHeader
        title={t("settings.title")}
        description={t("settings.intro", { address: actor.userPrincipalName, language: tc(`locales.${locale}`) })}
      />
      {!config.SMTP_URL && (
        <p role="note" className="mb-4 max-w-3xl rounded border border-warn-border bg-warn-bg px-3 py-2 text-sm text-neutral-900">
          {t("settings.noSmtp")}
        </p>
      )}
      <AlertChoicesForm choices={choices} />
      <section aria-labelledby="calendar-heading" className="mt-8 max-w-3xl">
        <h2 id="calendar-heading" className="text-lg font-semibold">
          {t("settings.calendarTitle")}
        </h2>
        <p className="mt-1 text-sm text-neutral-700">{t("settings.calendarIntro")}</p>
        <p className="my-3 text-sm">
          {feed
            ? t("settings.calendarSince", { created: when(feed.createdAt), used: feed.lastUsedAt ? when(feed.lastUsedAt) : "never" })
            : t("settings.calendarNone")}
        </p>
        <CalendarFeedForm hasFeed={feed !== null} />
      </section>
    </WithHelp>
  );
}
