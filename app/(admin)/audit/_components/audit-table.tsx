import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/i18n/server";
import { FilterTabs, hrefWith } from "@/components/ui/list-controls";
import { ListSection } from "@/components/ui/list-section";
import { Upn } from "@/components/ui/upn";
import type { Listing, Page } from "@/lib/listing";
import { AUDIT_RESULTS, type AuditResultFilter, type AuditRow } from "@/server/data/audit-read";
import { ChangeList, describeChanges, resultKey } from "./audit-changes";

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

export async function AuditTable({
  page,
  listing,
  result,
  days,
  invalidRange,
}: {
  page: Page<AuditRow>;
  listing: Listing<"at">;
  result: AuditResultFilter;
  days: { from?: string; to?: string };
  invalidRange: boolean;
}) {
  const [t, tc, format, locale] = await Promise.all([getTranslations("audit"), getTranslations("common"), getFormatter(), getLocale()]);
  const base = "/audit";
  const query = { q: listing.q, result: result === "all" ? undefined : result, from: days.from, to: days.to };
  const context = { t, tc, format, locale };
  return (
    <ListSection
      id="audit-heading"
      heading={t("heading")}
      tools={
        <a href={hrefWith("/api/export/audit", query, {})} className="btn hover:no-underline" download>
          {t("export")}
        </a>
      }
      search={{ label: t("searchLabel"), q: listing.q, hidden: { result: query.result, from: days.from, to: days.to } }}
      bar={
        <div className="mb-2 flex flex-col gap-2">
          <FilterTabs
            label={t("filterLabel")}
            base={base}
            query={query}
            param="result"
            options={AUDIT_RESULTS}
            current={result}
            labelOf={(r) => t(`result.${r}`)}
          />
          <form action={base} method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label={t("range.label")}>
            {listing.q && <input type="hidden" name="q" value={listing.q} />}
            {query.result && <input type="hidden" name="result" value={query.result} />}
            <label className="flex flex-col gap-1">
              {t("range.from")}
              <input type="date" name="from" defaultValue={days.from} className="input" />
            </label>
            <label className="flex flex-col gap-1">
              {t("range.to")}
              <input type="date" name="to" defaultValue={days.to} className="input" />
            </label>
            <button type="submit" className="btn">
              {t("range.apply")}
            </button>
            {(days.from || days.to) && (
              <Link href={hrefWith(base, { ...query, from: undefined, to: undefined }, {})}>{t("range.clear")}</Link>
            )}
            <p className="w-full text-neutral-600">{t("range.hint")}</p>
            {invalidRange && (
              <p role="alert" className="w-full rounded bg-danger-bg px-3 py-2 text-danger">
                {t("range.invalid")}
              </p>
            )}
          </form>
        </div>
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
            <th scope="col">{t("columns.details")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => {
            const changes = describeChanges(row.before, row.after, context);
            return (
              <tr key={row.id}>
                <td data-label={t("columns.at")} className="whitespace-nowrap">
                  <time dateTime={row.at.toISOString()}>
                    {format.dateTime(row.at, { dateStyle: "medium" })}
                    <span className="block text-xs text-neutral-600">{format.dateTime(row.at, { timeStyle: "medium" })}</span>
                  </time>
                </td>
                <td data-label={t("columns.actor")}>
                  <Upn value={row.actorName} />
                </td>
                <td data-label={t("columns.action")}>
                  {actionName(t, row.action)}
                  <div className="mt-0.5">
                    <span className={`badge ${RESULT_STYLE[row.result] ?? ""}`}>{t(`result.${resultKey(row.result)}`)}</span>
                  </div>
                </td>
                <td data-label={t("columns.target")}>
                  {row.targetName && <div className="font-medium">{row.targetName}</div>}
                  <div className="text-xs text-neutral-600">
                    {t.has(`targetTypes.${row.targetType}`) ? t(`targetTypes.${row.targetType}`) : row.targetType}
                  </div>
                  {row.userCount > 0 && (
                    <div className="mt-1">
                      <Link href={`/audit/${row.id}`}>{t("viewUsers", { count: row.userCount })}</Link>
                    </div>
                  )}
                </td>
                <td data-label={t("columns.details")} className="min-w-[14rem] text-xs">
                  <ChangeList lines={changes} />
                  {row.detail && <p className={changes.length > 0 ? "mt-1" : undefined}>{row.detail}</p>}
                  {(row.before || row.after || row.targetId) && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-neutral-600">{t("raw")}</summary>
                      <pre className="mt-1 whitespace-pre-wrap break-all">
                        {[
                          row.targetId && `${t("targetId")}: ${row.targetId}`,
                          `${t("actionCode")}: ${row.action}`,
                          row.before && `${t("before")}: ${row.before}`,
                          row.after && `${t("after")}: ${row.after}`,
                        ]
                          .filter(Boolean)
                          .join("\n")}
                      </pre>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ListSection>
  );
}
