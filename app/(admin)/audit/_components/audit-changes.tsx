import type { getFormatter, getTranslations } from "@/i18n/server";
import { countryName } from "@/lib/countries";
import { isRole } from "@/lib/domain/roles";

type AuditTranslator = Awaited<ReturnType<typeof getTranslations<"audit">>>;
type CommonTranslator = Awaited<ReturnType<typeof getTranslations<"common">>>;
type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** What an audit record's before and after say, one line per field, in the admin's language. */
export interface ChangeLine {
  field: string;
  before?: string;
  after?: string;
}

/** Fields that only repeat what the row shows already, or that are internal. */
const HIDDEN = new Set(["sample", "orderId", "view"]);

function parse(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: text };
  }
}

interface Context {
  t: AuditTranslator;
  tc: CommonTranslator;
  format: Formatter;
  locale: string;
}

function show(field: string, value: unknown, { t, tc, format, locale }: Context): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean")
    return field === "accountEnabled" ? t(value ? "values.signInAllowed" : "values.signInBlocked") : t(value ? "values.yes" : "values.no");
  if (typeof value === "number") return format.number(value);
  if (field === "usageLocation" && typeof value === "string") return countryName(locale, value);
  if (field === "endsAt" && typeof value === "string" && !Number.isNaN(Date.parse(value)))
    return format.dateTime(new Date(value), { dateStyle: "medium" });
  if (field === "locale" && typeof value === "string") return tc.has(`locales.${value}`) ? tc(`locales.${value}`) : value;
  if (Array.isArray(value)) {
    if (field === "roles")
      return value.length === 0
        ? t("values.noRoles")
        : value.map((r) => (typeof r === "string" && isRole(r) ? tc(`roles.${r}`) : String(r))).join(", ");
    // Lists of ids (products, users) are counted: their names are on the event's own page.
    return format.number(value.length);
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The record's changes as lines: "Display name: Lee Gu → Lee Gu-Park" where both sides are
 * recorded, "Licenses freed: 2" where only one is. Unknown fields keep their key.
 */
export function describeChanges(before: string | null, after: string | null, context: Context): ChangeLine[] {
  const [b, a] = [parse(before), parse(after)];
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((field) => !HIDDEN.has(field));
  const label = (field: string) => (context.t.has(`fields.${field}`) ? context.t(`fields.${field}`) : field);
  const view = a.view;
  const lines = fields.map((field) => ({
    field: label(field),
    ...(field in b ? { before: show(field, b[field], context) } : {}),
    ...(field in a ? { after: show(field, a[field], context) } : {}),
  }));
  if (view && typeof view === "object") {
    const { q, filter, days } = view as { q?: unknown; filter?: unknown; days?: unknown };
    lines.push({
      field: label("view"),
      after:
        [
          typeof q === "string" && q ? `“${q}”` : null,
          typeof filter === "string" ? filter : null,
          typeof days === "number" ? context.t("values.days", { days }) : null,
        ]
          .filter(Boolean)
          .join(" · ") || "—",
    });
  }
  return lines;
}

/** A change's value as one text: "before → after" where both are recorded, else the one that is. */
export function changeText(line: ChangeLine): string {
  return line.before !== undefined && line.after !== undefined ? `${line.before} → ${line.after}` : (line.after ?? line.before ?? "");
}

/** The catalog key of a stored result (an unknown one reads as "all", as the filter does). */
export function resultKey(result: string): "success" | "denied" | "failed" | "all" {
  return result === "success" || result === "denied" || result === "failed" ? result : "all";
}

export function ChangeList({ lines }: { lines: ChangeLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {lines.map((line) => (
        <li key={line.field}>
          <span className="font-semibold">{line.field}:</span> {changeText(line)}
        </li>
      ))}
    </ul>
  );
}
