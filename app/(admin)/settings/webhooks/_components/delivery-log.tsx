import { getFormatter, getTranslations } from "@/i18n/server";
import { Pagination } from "@/components/ui/list-controls";
import type { Page } from "@/lib/listing";
import type { WebhookDeliveryRow } from "@/server/data/webhooks";

/**
 * The latest deliveries, 50 a page: when (and the message id), which event to which endpoint, how
 * it stands (attempts, the last HTTP status), and the receiver's last answer. Four columns, so the
 * log fits beside the help pane.
 */
export async function DeliveryLog({ page }: { page: Page<WebhookDeliveryRow> }) {
  const [t, format] = await Promise.all([getTranslations("webhooks"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  const kindName = (kind: string) => {
    const key = `kinds.${kind.replace(".", "_")}`;
    return t.has(key) ? t(key) : kind;
  };
  return (
    <section aria-labelledby="deliveries-title" className="mt-8 max-w-6xl">
      <h2 id="deliveries-title" className="text-lg font-semibold">
        {t("deliveries")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-neutral-700">{t("deliveriesIntro")}</p>
      {page.rows.length === 0 ? (
        <p className="mt-2 text-sm text-neutral-700">{t("noDeliveries")}</p>
      ) : (
        // Focusable: the log scrolls sideways on narrow screens, by keyboard too.
        <div className="mt-2 overflow-x-auto" tabIndex={0}>
          <table className="stack-sm w-full text-sm">
            <thead>
              <tr>
                <th scope="col">{t("columns.time")}</th>
                <th scope="col">{t("columns.type")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td data-label={t("columns.time")} className="whitespace-nowrap align-top">
                    {when(row.createdAt)}
                    <span className="block font-mono text-xs text-neutral-600">{row.id}</span>
                  </td>
                  <td data-label={t("columns.type")} className="align-top">
                    {kindName(row.kind)}
                    <span className="block font-mono text-xs text-neutral-600 wrap-anywhere">
                      <span className="sr-only">{t("columns.endpoint")}: </span>
                      {row.endpointUrl}
                    </span>
                  </td>
                  <td data-label={t("columns.status")} className="align-top">
                    {row.status === "pending" && row.attempts > 0
                      ? t("pendingRetry", { date: when(row.nextAttemptAt) })
                      : t(`status.${row.status as "sent"}`)}
                    <span className="block text-xs text-neutral-600">
                      {t("attempts", { count: row.attempts })}
                      {row.lastStatus !== null && ` · ${t("httpStatus", { status: row.lastStatus })}`}
                    </span>
                  </td>
                  <td data-label={t("columns.lastError")} className="max-w-xs align-top font-mono text-xs wrap-anywhere">
                    {row.lastError ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.total > 0 && <Pagination page={page} base="/settings/webhooks" query={{}} />}
    </section>
  );
}
