import type { ImportRowView } from "@/server/data/user-import";

/** A translator of one namespace, as getTranslations and useTranslations give it. */
type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The result column of a row: what the run did, or before it ran what the preview found. */
export function importRowResult(t: Translate, row: Pick<ImportRowView, "kind" | "outcome">): string {
  return row.outcome ? t(`import.outcome.${row.outcome}`) : t(`import.kind.${row.kind}`);
}

type Values = Record<string, string | number>;

function values(detail: Record<string, unknown>): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(detail)) if (typeof value === "string" || typeof value === "number") out[key] = value;
  return out;
}

/**
 * What to tell the admin about a row, in their language: its problem (a column's name
 * translated), the reason its batch was not written, or for an update what changes.
 */
export function importRowMessage(t: Translate, errors: Translate, row: ImportRowView): string {
  if (row.failure)
    return t("import.failure", {
      reason: errors(row.failure, { upn: "", name: "", count: 0, available: 0, requested: 0, purchase: "", ...row.failureDetail }),
    });
  if (row.problem) {
    const detail = values(row.detail);
    const column = typeof detail.column === "string" && detail.column ? t(`import.columns.${detail.column}`) : "";
    return t(`import.problem.${row.problem}`, { ...detail, column });
  }
  const parts: string[] = [];
  const changes = Array.isArray(row.detail.changes) ? (row.detail.changes as { field: string; from: string | null; to: string }[]) : [];
  for (const change of changes) {
    parts.push(t("import.change", { field: t(`import.fields.${change.field}`), from: change.from ?? t("import.empty"), to: change.to }));
  }
  const products = Array.isArray(row.detail.products) ? (row.detail.products as string[]) : [];
  if (products.length > 0)
    parts.push(t(row.kind === "create" ? "import.newUserLicenses" : "import.licensesAdded", { products: products.join(", ") }));
  return parts.join("; ");
}
