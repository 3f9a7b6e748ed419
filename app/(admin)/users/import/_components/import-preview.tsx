import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { hrefWith, Pagination } from "@/components/ui/list-controls";
import type { Page } from "@/lib/listing";
import { Upn } from "@/components/ui/upn";
import { importRowMessage, importRowResult } from "@/lib/user-import-text";
import { IMPORT_BATCH, IMPORT_KINDS, type ImportKind, type ImportRowView, type ImportSummary } from "@/server/data/user-import";
import { RunImport } from "./run-import";

const BASE = "/users/import";
const KIND_BADGE: Record<ImportKind, string> = {
  create: "bg-ok-bg text-ok",
  update: "bg-brand-light text-brand-dark",
  unchanged: "bg-neutral-200 text-neutral-700",
  error: "bg-danger-bg text-danger",
};

/**
 * Step 2 and after: what each row does (counted per kind by the database, listed a page at a
 * time and filtered by kind), the import to confirm, and once it ran its result and result file.
 */
export async function ImportPreview({
  summary,
  rows,
  kind,
}: {
  summary: ImportSummary;
  rows: Page<ImportRowView>;
  kind: ImportKind | null;
}) {
  const t = await getTranslations("users");
  const query = { id: summary.id, kind: kind ?? undefined };
  const toImport = summary.kinds.create + summary.kinds.update;
  const isDone = summary.status === "done";
  return (
    <div className="flex flex-col gap-4">
      <section className="card flex flex-col gap-3" aria-labelledby="import-preview-heading">
        <h2 id="import-preview-heading" className="text-lg font-semibold">
          {isDone ? t("import.resultHeading") : t("import.previewHeading")}
        </h2>
        <p className="text-sm [overflow-wrap:anywhere] text-neutral-700">{t("import.fileName", { name: summary.fileName })}</p>
        {!isDone && <p className="text-sm text-neutral-700">{t("import.previewIntro")}</p>}
        <nav aria-label={t("import.show")} className="flex flex-wrap gap-2 text-sm">
          <Link
            href={hrefWith(BASE, { id: summary.id }, {})}
            aria-current={kind === null ? "page" : undefined}
            className="badge bg-neutral-100"
          >
            {t("import.showAll", { count: summary.total })}
          </Link>
          {IMPORT_KINDS.map((k) => (
            <Link
              key={k}
              href={hrefWith(BASE, { id: summary.id, kind: k }, {})}
              aria-current={kind === k ? "page" : undefined}
              className={`badge ${KIND_BADGE[k]}`}
            >
              {t(`import.kinds.${k}`, { count: summary.kinds[k] })}
            </Link>
          ))}
        </nav>
        {isDone ? (
          <>
            <p role="status">{t("import.done", { ...summary.outcomes })}</p>
            <p className="flex flex-wrap gap-2">
              <a href={`/api/users/import/${summary.id}/results`} download className="btn btn-primary hover:no-underline">
                {t("import.downloadResult")}
              </a>
              <Link href={BASE} className="btn hover:no-underline">
                {t("import.another")}
              </Link>
            </p>
          </>
        ) : summary.status === "running" ? (
          <p role="status">{t("import.running")}</p>
        ) : toImport === 0 ? (
          <p role="status">{t("import.nothingToImport")}</p>
        ) : (
          <>
            <h3 className="font-semibold">{t("import.confirmHeading")}</h3>
            <RunImport importId={summary.id} count={toImport} total={summary.total} batch={IMPORT_BATCH} />
          </>
        )}
      </section>
      <ImportRowsTable rows={rows} query={query} />
    </div>
  );
}

/** The rows of one page, each with its result and what it changes or why not. */
async function ImportRowsTable({ rows, query }: { rows: Page<ImportRowView>; query: Record<string, string | undefined> }) {
  const [t, errors] = await Promise.all([getTranslations("users"), getTranslations("errors")]);
  if (rows.rows.length === 0) return <p className="text-sm text-neutral-600">{t("import.noRows")}</p>;
  return (
    <section aria-label={t("import.tableCaption")}>
      <table className="stack-sm">
        <caption className="sr-only">{t("import.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.tableColumns.row")}</th>
            <th scope="col">{t("import.tableColumns.upn")}</th>
            <th scope="col">{t("import.tableColumns.displayName")}</th>
            <th scope="col">{t("import.tableColumns.result")}</th>
            <th scope="col">{t("import.tableColumns.details")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.rows.map((row) => (
            <tr key={row.row}>
              <td data-label={t("import.tableColumns.row")}>{row.row}</td>
              <td data-label={t("import.tableColumns.upn")}>
                <Upn value={row.upn} />
              </td>
              <td data-label={t("import.tableColumns.displayName")} className="break-words">
                {row.displayName}
              </td>
              <td data-label={t("import.tableColumns.result")}>
                <span className={`badge ${row.outcome === "failed" ? KIND_BADGE.error : KIND_BADGE[row.kind]}`}>
                  {importRowResult(t, row)}
                </span>
              </td>
              <td data-label={t("import.tableColumns.details")} className="break-words">
                {importRowMessage(t, errors, row)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={rows} base={BASE} query={query} />
    </section>
  );
}
