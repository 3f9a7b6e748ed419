import { getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { parseDayRange, parseListing } from "@/lib/listing";
import { requireActor } from "@/server/auth/require-actor";
import { AUDIT_RESULTS, findAuditEvents, type AuditResultFilter } from "@/server/data/audit-read";
import { AuditTable } from "../_components/audit-table";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const listing = parseListing(params, ["at"] as const, "desc");
  const result: AuditResultFilter = AUDIT_RESULTS.find((r) => r === params.result) ?? "all";
  const { range, values, invalid } = parseDayRange(params);
  const [actor, t] = await Promise.all([requireActor(), getTranslations("audit")]);
  const page = await findAuditEvents(actor, listing, result, range);
  return (
    <WithHelp slug="admin-roles">
      <PageHeader title={t("title")} description={t("description")} />
      <AuditTable page={page} listing={listing} result={result} days={values} invalidRange={invalid} />
    </WithHelp>
  );
}
