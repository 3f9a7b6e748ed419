import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { ListSection } from "@/components/ui/list-section";
import { WithHelp } from "@/components/with-help";
import { parseListing } from "@/lib/listing";
import { requireActor } from "@/server/auth/require-actor";
import { findGroups } from "@/server/data/groups";

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("title") };
}

/** Users › Groups: the groups an identity provider provisioned (SCIM), read-only. */
export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const listing = parseListing(await searchParams, ["name"] as const);
  const [actor, t, format] = await Promise.all([requireActor(), getTranslations("groups"), getFormatter()]);
  const page = await findGroups(actor, listing);
  return (
    <WithHelp slug="provisioning">
      <PageHeader title={t("title")} description={t("description")} />
      <ListSection
        id="groups-heading"
        heading={t("heading", { count: page.total })}
        search={{ label: t("search"), q: listing.q }}
        empty={listing.q ? t("noMatches", { q: listing.q }) : t("empty")}
        page={page}
        base="/groups"
        query={{ q: listing.q }}
      >
        <table className="stack-sm">
          <thead>
            <tr>
              <th scope="col">{t("columns.name")}</th>
              <th scope="col" className="text-right">
                {t("columns.members")}
              </th>
              <th scope="col">{t("columns.source")}</th>
              <th scope="col">{t("columns.externalId")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((group) => (
              <tr key={group.id}>
                <td data-label={t("columns.name")}>
                  <Link href={`/groups/${group.id}`}>{group.displayName}</Link>
                </td>
                <td data-label={t("columns.members")} className="text-right tabular-nums">
                  {format.number(group.members)}
                </td>
                <td data-label={t("columns.source")}>{group.source === "app" ? t("source.app") : t("source.scim")}</td>
                <td data-label={t("columns.externalId")} className="break-all font-mono text-xs">
                  {group.externalId ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ListSection>
    </WithHelp>
  );
}
