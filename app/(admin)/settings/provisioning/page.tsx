import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { getFormatter, getTranslations } from "@/i18n/server";
import { env } from "@/lib/env";
import { allows } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { listScimTokens } from "@/server/scim/tokens";
import { CreateTokenForm } from "./_components/create-token-form";
import { RevokeToken } from "./_components/revoke-token";

export async function generateMetadata() {
  return { title: (await getTranslations("provisioning"))("title") };
}

/** Settings › Provisioning (Global admins): the SCIM service's tenant URL and its secret tokens. */
export default async function ProvisioningPage() {
  const [actor, t, format] = await Promise.all([requireActor(), getTranslations("provisioning"), getFormatter()]);
  const header = <PageHeader title={t("title")} description={t("intro")} />;
  if (!allows(actor.roles, "scimToken.list"))
    return (
      <WithHelp slug="provisioning">
        {header}
        <AccessDenied operation="scimToken.list" roles={actor.roles} back={{ href: "/settings/alerts", label: t("back") }} />
      </WithHelp>
    );
  const tokens = await listScimTokens(actor);
  const appUrl = env().NEXTAUTH_URL;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <WithHelp slug="provisioning">
      {header}
      <section className="card mb-5 max-w-3xl text-sm" aria-labelledby="tenant-url-heading">
        <h2 id="tenant-url-heading" className="mb-1 text-lg font-semibold">
          {t("tenantUrl")}
        </h2>
        {appUrl ? (
          <p className="break-all font-mono">{new URL("/scim/v2", appUrl).toString()}</p>
        ) : (
          <p role="note" className="rounded border border-warn-border bg-warn-bg px-3 py-2">
            {t("noAppUrl")}
          </p>
        )}
        <p className="mt-1 text-neutral-700">{t("tenantUrlHint")}</p>
        <p className="mt-2 text-neutral-700">{t("actsAs")}</p>
      </section>
      <section className="card mb-5 max-w-3xl" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-2 text-lg font-semibold">
          {t("tokens")}
        </h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-neutral-700">{t("noTokens")}</p>
        ) : (
          // Focusable: on a narrow screen the table scrolls sideways, also by keyboard.
          <div className="overflow-x-auto" tabIndex={0}>
            <table className="stack-sm text-sm">
              <thead>
                <tr>
                  <th scope="col">{t("columns.name")}</th>
                  <th scope="col">{t("columns.created")}</th>
                  <th scope="col">{t("columns.lastUsed")}</th>
                  <th scope="col">{t("columns.state")}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td data-label={t("columns.name")} className="font-medium break-all">
                      {token.name}
                    </td>
                    <td data-label={t("columns.created")}>{when(token.createdAt)}</td>
                    <td data-label={t("columns.lastUsed")}>{token.lastUsedAt ? when(token.lastUsedAt) : t("never")}</td>
                    <td data-label={t("columns.state")}>
                      {token.revokedAt ? (
                        t("revokedOn", { date: when(token.revokedAt) })
                      ) : (
                        <div className="flex flex-wrap items-center gap-2">
                          <span>{t("live")}</span>
                          <RevokeToken tokenId={token.id} name={token.name} />
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateTokenForm />
    </WithHelp>
  );
}
