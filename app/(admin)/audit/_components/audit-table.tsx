import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { FilterTabs } from "@/components/ui/list-controls";
import { ListSection } from "@/components/ui/list-section";
import type { Listing, Page } from "@/lib/listing";
import { AUDIT_RESULTS, type AuditResultFilter, type AuditRow } from "@/server/data/audit-read";

type AuditTranslator = Awaited<ReturnType<typeof getTranslations<"audit">>>;

/** An action's localized name (the code itself for one this version does not know). */
export function actionName(t: AuditTranslator, action: string): string {
  const key = `actions.${action.replace(/\./g, "_")}`;
  return t.has(key) ? t(key) : action;
}

const RESULT_STYLE: Record<string, string> = {
  success: "bg-ok-bg text-ok",
  denied: "bg-danger-bg text-danger",
  failed: "bg-warn-bg text-warn",
};

export async function AuditTable({ page, listing, result }: { page: Page<AuditRow>; listing: Listing<"at">; result: AuditResultFilter }) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  const base = "/audit";
  const query = { q: listing.q, result: result === "all" ? undefined : result };
  return (
    <ListSection
      id="audit-heading"
      heading={t("heading")}
      search={{ label: t("searchLabel"), q: listing.q, hidden: { result: query.result } }}
      bar={
        <FilterTabs
          label={t("filterLabel")}
          base={base}
          query={query}
          param="result"
          options={AUDIT_RESULTS}
          current={result}
          labelOf={(r) => t(`result.${r}`)}
        />
      }
      empty={t("empty")}
      page={page}
      base={base}
      query={query}
    >
      <table className="stack-sm">
        <thead>
          <tr>
            <th scope="col">{t("columns.at")}</th>
            <th scope="col">{t("columns.actor")}</th>
            <th scope="col">{t("columns.action")}</th>
            <th scope="col">{t("columns.target")}</th>
            <th scope="col">{t("columns.result")}</th>
            <th scope="col">{t("columns.details")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t("columns.at")} className="whitespace-nowrap">
                {format.dateTime(row.at, { dateStyle: "short", timeStyle: "medium" })}
              </td>
              <td data-label={t("columns.actor")} className="break-all">
                {row.actorName}
              </td>
              <td data-label={t("columns.action")}>
                {actionName(t, row.action)}
                <div>
                  <code className="text-xs text-neutral-600">{row.action}</code>
                </div>
              </td>
              <td data-label={t("columns.target")} className="text-xs">
                <span className="break-all">
                  {row.targetType}
                  {row.targetId ? ` · ${row.targetId}` : ""}
                </span>
                {row.userCount > 0 && (
                  <div className="mt-1 text-sm">
                    <Link href={`/audit/${row.id}`}>{t("viewUsers", { count: row.userCount })}</Link>
                  </div>
                )}
              </td>
              <td data-label={t("columns.result")}>
                <span className={`badge ${RESULT_STYLE[row.result] ?? ""}`}>
                  {t(`result.${row.result === "success" || row.result === "denied" || row.result === "failed" ? row.result : "all"}`)}
                </span>
              </td>
              <td data-label={t("columns.details")} className="max-w-md text-xs">
                {(row.before || row.after || row.detail) && (
                  <details>
                    <summary className="cursor-pointer">{t("show")}</summary>
                    <pre className="mt-1 whitespace-pre-wrap break-all">
                      {[row.detail, row.before && `${t("before")}: ${row.before}`, row.after && `${t("after")}: ${row.after}`]
                        .filter(Boolean)
                        .join("\n")}
                    </pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ListSection>
  );
}
