import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { parseFilter, parseListing, USER_FILTERS } from "@/lib/listing";
import { requireActor } from "@/server/auth/require-actor";
import { findUsers, USER_SORTS } from "@/server/data/users";
import { UsersTable } from "../_components/users-table";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

export default async function ActiveUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const listing = parseListing(params, USER_SORTS);
  const filter = parseFilter(USER_FILTERS, params.filter);
  const [actor, t] = await Promise.all([requireActor(), getTranslations("users")]);
  const page = await findUsers(actor, listing, filter);
  return (
    <WithHelp slug="add-user">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          allows(actor.roles, "user.create") && (
            <Link href="/users/new" className="btn btn-primary hover:no-underline">
              {t("addUser")}
            </Link>
          )
        }
      />
      <UsersTable page={page} listing={listing} filter={filter} />
    </WithHelp>
  );
}
