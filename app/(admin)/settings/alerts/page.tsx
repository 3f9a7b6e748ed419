import { getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { CLOUD_PROFILES, isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { requireActor } from "@/server/auth/require-actor";
import { getAlertChoices } from "@/server/data/preferences";
import { AlertChoicesForm } from "./_components/alert-choices-form";

export async function generateMetadata() {
  return { title: (await getTranslations("alerts"))("settings.title") };
}

/** Settings › Alert emails: which alerts reach the signed-in admin by email (every role chooses). */
export default async function AlertEmailsPage() {
  const [actor, t, tc] = await Promise.all([requireActor(), getTranslations("alerts"), getTranslations("common")]);
  const choices = await getAlertChoices(actor);
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
    </WithHelp>
  );
}
