import { getFormatter, getTranslations } from "@/i18n/server";
import type { WebhookEndpointRow } from "@/server/data/webhooks";
import { EndpointActions } from "./endpoint-actions";

/** The endpoints: URL and description, the alerts each receives, its state and latest delivery, its buttons. */
export async function EndpointList({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const kindName = (kind: string) => {
    const key = `kinds.${kind.replace(".", "_")}`;
    return t.has(key) ? t(key) : kind;
  };
  return (
    <section aria-labelledby="endpoints-title" className="max-w-5xl">
      <h2 id="endpoints-title" className="text-lg font-semibold">
        {t("endpoints")}
      </h2>
      {endpoints.length === 0 ? (
        <p className="mt-2 text-sm text-neutral-700">{t("noEndpoints")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="stack-sm w-full text-sm">
            <thead>
              <tr>
                <th scope="col">{t("columns.url")}</th>
                <th scope="col">{t("columns.kinds")}</th>
                <th scope="col">{t("columns.state")}</th>
                <th scope="col">{t("columns.created")}</th>
                <th scope="col">{t("columns.lastDelivery")}</th>
                <th scope="col">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id}>
                  <td data-label={t("columns.url")} className="max-w-xs break-all align-top">
                    <span className="font-mono">{endpoint.url}</span>
                    {endpoint.description && <span className="block text-neutral-600">{endpoint.description}</span>}
                  </td>
                  <td data-label={t("columns.kinds")} className="align-top">
                    {format.list(endpoint.kinds.map(kindName))}
                  </td>
                  <td data-label={t("columns.state")} className="align-top">
                    {endpoint.enabled ? t("enabled") : t("disabled")}
                  </td>
                  <td data-label={t("columns.created")} className="whitespace-nowrap align-top">
                    {when(endpoint.createdAt)}
                  </td>
                  <td data-label={t("columns.lastDelivery")} className="align-top">
                    {endpoint.lastDelivery
                      ? t("lastDelivery", {
                          status: t(`status.${endpoint.lastDelivery.status as "sent"}`),
                          date: when(endpoint.lastDelivery.createdAt),
                        }) + (endpoint.lastDelivery.lastStatus ? ` (HTTP ${endpoint.lastDelivery.lastStatus})` : "")
                      : t("never")}
                  </td>
                  <td data-label={t("columns.actions")} className="align-top">
                    <EndpointActions endpointId={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
