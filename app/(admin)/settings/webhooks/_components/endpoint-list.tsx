import { getFormatter, getTranslations } from "@/i18n/server";
import type { WebhookEndpointRow } from "@/server/data/webhooks";
import { EndpointActions } from "./endpoint-actions";

/**
 * The endpoints, one card each (a URL is long, and the help pane takes a third of the width, so a
 * table's columns would wrap it a few characters a line): URL and description, the alerts it
 * receives, its state, when it was added, its latest delivery, and its buttons.
 */
export async function EndpointList({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const kindName = (kind: string) => {
    const key = `kinds.${kind.replace(".", "_")}`;
    return t.has(key) ? t(key) : kind;
  };
  return (
    <section aria-labelledby="endpoints-title" className="max-w-3xl">
      <h2 id="endpoints-title" className="text-lg font-semibold">
        {t("endpoints")}
      </h2>
      {endpoints.length === 0 ? (
        <p className="mt-2 text-sm text-neutral-700">{t("noEndpoints")}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-3">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="card text-sm" aria-labelledby={`endpoint-${endpoint.id}`}>
              <p id={`endpoint-${endpoint.id}`} className="font-mono font-semibold wrap-anywhere">
                {endpoint.url}
              </p>
              {endpoint.description && <p className="mt-0.5 text-neutral-700">{endpoint.description}</p>}
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="text-neutral-600">{t("columns.state")}</dt>
                <dd>
                  <span className={`badge ${endpoint.enabled ? "bg-ok-bg text-ok" : "bg-neutral-200 text-neutral-800"}`}>
                    {endpoint.enabled ? t("enabled") : t("disabled")}
                  </span>
                </dd>
                <dt className="text-neutral-600">{t("columns.kinds")}</dt>
                <dd>{format.list(endpoint.kinds.map(kindName))}</dd>
                <dt className="text-neutral-600">{t("columns.created")}</dt>
                <dd>{when(endpoint.createdAt)}</dd>
                <dt className="text-neutral-600">{t("columns.lastDelivery")}</dt>
                <dd>
                  {endpoint.lastDelivery
                    ? t("lastDelivery", {
                        status: t(`status.${endpoint.lastDelivery.status as "sent"}`),
                        date: when(endpoint.lastDelivery.createdAt),
                      }) + (endpoint.lastDelivery.lastStatus ? ` (HTTP ${endpoint.lastDelivery.lastStatus})` : "")
                    : t("never")}
                </dd>
              </dl>
              <div className="mt-3">
                <EndpointActions endpointId={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
