import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { parseFilter, parseInactiveDays, parseListing, parseProductFilter, USER_FILTERS } from "@/lib/listing";
import type { BulkAction } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { findProductNames, findUsers, USER_SORTS } from "@/server/data/users";
import { UsersTable } from "../_components/users-table";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("title") };
}

export default async function ActiveUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const listing = parseListing(params, USER_SORTS);
  const filter = parseFilter(USER_FILTERS, params.filter);
  const days = parseInactiveDays(params.days);
  const [actor, t] = await Promise.all([requireActor(), getTranslations("users")]);
  const products = await findProductNames(actor);
  // A product id that names no product filters nothing (and the form shows "any product").
  const wanted = parseProductFilter(params.product, params.has);
  const product = wanted && products.some((p) => p.id === wanted.productId) ? wanted : null;
  const page = await findUsers(actor, listing, filter, product, days);
  const bulkActions: BulkAction[] = [
    ...(allows(actor.roles, "license.assign") ? (["assign", "remove", "replace"] as const) : []),
    ...(allows(actor.roles, "user.setSignIn") ? (["block", "unblock"] as const) : []),
    ...(allows(actor.roles, "user.delete") ? (["delete"] as const) : []),
  ];
  return (
    <WithHelp slug="manage-users-in-bulk">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {allows(actor.roles, "user.create") && (
              <Link href="/users/new" className="btn btn-primary hover:no-underline">
                {t("addUser")}
              </Link>
            )}
            {allows(actor.roles, "user.import") && (
              <Link href="/users/import" className="btn hover:no-underline">
                {t("addMultiple")}
              </Link>
            )}
          </>
        }
      />
      <UsersTable
        page={page}
        listing={listing}
        filter={filter}
        days={days}
        product={product}
        products={products}
        bulkActions={bulkActions}
      />
    </WithHelp>
  );
}
