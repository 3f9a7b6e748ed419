import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { getTranslations } from "@/i18n/server";
import { env } from "@/lib/env";
import { allows } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { findApps } from "@/server/graph/apps";
import { AppList } from "./_components/app-list";
import { CreateAppForm } from "./_components/create-app-form";

export async function generateMetadata() {
  return { title: (await getTranslations("apps"))("title") };
}

/** Settings › App registrations (Global admins): the Graph API's clients, their roles and secrets. */
export default async function AppsPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("apps")]);
  const header = <PageHeader title={t("title")} description={t("intro")} />;
  if (!allows(actor.roles, "app.list"))
    return (
      <WithHelp slug="admin-roles">
        {header}
        <AccessDenied operation="app.list" roles={actor.roles} back={{ href: "/settings/alerts", label: t("back") }} />
      </WithHelp>
    );
  const apps = await findApps(actor);
  const appUrl = env().NEXTAUTH_URL;
  const address = (path: string) => (appUrl ? new URL(path, appUrl).toString() : path);
  return (
    <WithHelp slug="admin-roles">
      {header}
      <section className="card mb-5 max-w-3xl text-sm" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading" className="mb-1 text-lg font-semibold">
          {t("endpoints")}
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
          <dt>{t("tokenEndpoint")}</dt>
          <dd className="font-mono break-all">{address("/oauth2/v2.0/token")}</dd>
          <dt>{t("graphBase")}</dt>
          <dd className="font-mono break-all">{address("/graph/v1.0")}</dd>
        </dl>
        {!appUrl && (
          <p role="note" className="mt-2 rounded border border-warn-border bg-warn-bg px-3 py-2">
            {t("noAppUrl")}
          </p>
        )}
        <p className="mt-2 text-neutral-700">{t("actsAs")}</p>
      </section>
      <section className="card mb-5 max-w-3xl" aria-labelledby="apps-heading">
        <h2 id="apps-heading" className="mb-2 text-lg font-semibold">
          {t("apps")}
        </h2>
        <AppList apps={apps} now={new Date()} />
      </section>
      <CreateAppForm />
    </WithHelp>
  );
}
