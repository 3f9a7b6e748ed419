import { getFormatter, getTranslations } from "@/i18n/server";
import type { AppRow } from "@/server/graph/apps";
import { AddSecret, DeleteApp, RevokeSecret } from "./app-actions";

/** The registered apps, each with its roles, its secrets (live ones revocable) and its actions. */
export async function AppList({ apps, now }: { apps: AppRow[]; now: Date }) {
  const [t, tc, format] = await Promise.all([getTranslations("apps"), getTranslations("common"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  if (apps.length === 0) return <p className="text-sm text-neutral-700">{t("noApps")}</p>;
  return (
    <ul className="flex flex-col gap-4 text-sm">
      {apps.map((app) => (
        <li key={app.id} className="rounded border border-neutral-200 p-3">
          <h3 className="text-base font-semibold break-all">{app.name}</h3>
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
            <dt>{t("columns.clientId")}</dt>
            <dd className="font-mono break-all">{app.clientId}</dd>
            <dt>{t("columns.roles")}</dt>
            <dd>{format.list(app.roles.map((role) => tc(`roles.${role}`)))}</dd>
            <dt>{t("columns.lastUsed")}</dt>
            <dd>{app.lastUsedAt ? when(app.lastUsedAt) : t("never")}</dd>
          </dl>
          <h4 className="mt-2 font-semibold">{t("columns.secrets")}</h4>
          <ul className="mt-1 flex flex-col gap-1">
            {app.secrets.map((secret) => (
              <li key={secret.id} className="flex flex-wrap items-center gap-2">
                <span className="font-mono">
                  {t("secretLine", { hint: secret.hint, created: day(secret.createdAt), expires: day(secret.expiresAt) })}
                </span>
                {secret.lastUsedAt && <span>{t("secretLastUsed", { date: when(secret.lastUsedAt) })}</span>}
                {secret.revokedAt ? (
                  <span>{t("secretRevoked", { date: when(secret.revokedAt) })}</span>
                ) : secret.expiresAt <= now ? (
                  <span>{t("secretExpired")}</span>
                ) : (
                  <RevokeSecret secretId={secret.id} hint={secret.hint} name={app.name} />
                )}
              </li>
            ))}
          </ul>
          <div className="mt-2 flex flex-wrap items-start gap-2">
            <AddSecret appId={app.id} />
            <DeleteApp appId={app.id} name={app.name} />
          </div>
        </li>
      ))}
    </ul>
  );
}
