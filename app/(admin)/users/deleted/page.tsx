import { getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { parseListing } from "@/lib/listing";
import { requireActor } from "@/server/auth/require-actor";
import { findDeletedUsers } from "@/server/data/users";
import { DeletedUsersTable } from "./_components/deleted-users-table";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("deletedTitle") };
}

export default async function DeletedUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const listing = parseListing(await searchParams, ["deletedAt", "name"] as const, "desc");
  const [actor, t] = await Promise.all([requireActor(), getTranslations("users")]);
  const page = await findDeletedUsers(actor, listing);
  return (
    <WithHelp slug="restore-user">
      <PageHeader title={t("deletedTitle")} description={t("deletedDescription")} />
      <DeletedUsersTable page={page} listing={listing} canRestore={allows(actor.roles, "user.restore")} />
    </WithHelp>
  );
}
