import { getLocale } from "next-intl/server";
import { changeText, describeChanges, resultKey } from "@/app/(admin)/audit/_components/audit-changes";
import { actionName } from "@/app/(admin)/audit/_components/audit-table";
import { getFormatter, getTranslations } from "@/i18n/server";
import { csvResponse, csvSeparatorFor, csvTime } from "@/lib/csv";
import { parseDayRange, parseSearch } from "@/lib/listing";
import { getActor } from "@/server/auth/session";
import { AUDIT_RESULTS, exportAuditEvents, type AuditResultFilter } from "@/server/data/audit-read";

/** The audit log as the page filters it (search, result, date range), newest first, as CSV. */
export async function GET(request: Request) {
  const [actor, t, ta, tc, format, locale] = await Promise.all([
    getActor(),
    getTranslations("export"),
    getTranslations("audit"),
    getTranslations("common"),
    getFormatter(),
    getLocale(),
  ]);
  if (!actor) return new Response(t("signInRequired"), { status: 401 });
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  const q = parseSearch(url.searchParams.get("q"));
  const result: AuditResultFilter = AUDIT_RESULTS.find((r) => r === params.result) ?? "all";
  const { range, invalid } = parseDayRange(params);
  if (invalid) return new Response(ta("range.invalid"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const signedActor = actor;
  const context = { t: ta, tc, format, locale };
  async function* rows() {
    for await (const batch of exportAuditEvents(signedActor, q, result, range)) {
      yield batch.map((e) => [
        csvTime(e.at),
        e.actorName,
        actionName(ta, e.action),
        e.action,
        ta.has(`targetTypes.${e.targetType}`) ? ta(`targetTypes.${e.targetType}`) : e.targetType,
        e.targetName ?? "",
        e.targetId ?? "",
        ta(`result.${resultKey(e.result)}`),
        describeChanges(e.before, e.after, context)
          .map((line) => `${line.field}: ${changeText(line)}`)
          .join("; "),
        e.detail ?? "",
        String(e.userCount),
      ]);
    }
  }
  return csvResponse(
    "audit-log.csv",
    [
      t("auditAt"),
      t("auditActor"),
      t("auditAction"),
      t("auditActionCode"),
      t("auditTargetType"),
      t("auditTarget"),
      t("auditTargetId"),
      t("auditResult"),
      t("auditChanges"),
      t("auditDetail"),
      t("auditUsers"),
    ],
    rows(),
    csvSeparatorFor(locale),
  );
}
