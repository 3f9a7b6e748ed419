import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { ListSection } from "@/components/ui/list-section";
import { WithHelp } from "@/components/with-help";
import { parseListing } from "@/lib/listing";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { findGroup } from "@/server/data/groups";

type Props = { params: Promise<{ groupId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("groups"))("title") };
}

/** Users › Groups › a group: its members, as the identity provider set them (read-only). */
export default async function GroupPage({ params, searchParams }: Props) {
  const { groupId } = await params;
  if (!idSchema.safeParse(groupId).success) notFound();
  const listing = parseListing(await searchParams, ["name"] as const);
  const [actor, t, format] = await Promise.all([requireActor(), getTranslations("groups"), getFormatter()]);
  const found = await findGroup(actor, groupId, listing);
  if (!found) notFound();
  const { group, members } = found;
  const source = group.source === "app" ? t("source.app") : t("source.scim");
  return (
    <WithHelp slug="provisioning">
      <PageHeader breadcrumb={<Link href="/groups">{t("title")}</Link>} title={group.displayName} description={t("readOnly", { source })} />
      <ListSection
        id="members-heading"
        heading={t("membersHeading", { count: members.total })}
        search={{ label: t("searchMembers"), q: listing.q }}
        empty={listing.q ? t("noMatchingMembers", { q: listing.q }) : t("noMembers")}
        page={members}
        base={`/groups/${group.id}`}
        query={{ q: listing.q }}
      >
        <table className="stack-sm">
          <thead>
            <tr>
              <th scope="col">{t("memberColumns.name")}</th>
              <th scope="col">{t("memberColumns.upn")}</th>
              <th scope="col">{t("memberColumns.added")}</th>
            </tr>
          </thead>
          <tbody>
            {members.rows.map((member) => (
              <tr key={member.userId}>
                <td data-label={t("memberColumns.name")}>
                  <Link href={`/users/${member.userId}`}>{member.displayName}</Link>
                </td>
                <td data-label={t("memberColumns.upn")} className="break-all">
                  {member.userPrincipalName}
                </td>
                <td data-label={t("memberColumns.added")}>{format.dateTime(member.addedAt, { dateStyle: "medium" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ListSection>
    </WithHelp>
  );
}
