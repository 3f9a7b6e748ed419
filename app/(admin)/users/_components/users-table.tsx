import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { FilterTabs, hrefWith, SortHeader } from "@/components/ui/list-controls";
import { ListSection } from "@/components/ui/list-section";
import { Upn } from "@/components/ui/upn";
import { InactiveDaysForm } from "@/components/ui/inactive-days";
import { DEFAULT_INACTIVE_DAYS, USER_FILTERS, type Listing, type Page, type ProductFilter, type UserFilter } from "@/lib/listing";
import type { BulkAction } from "@/lib/validation";
import type { UserRow, UserSort } from "@/server/data/users";
import { BulkActions } from "./bulk-actions";
import { ProductFilterForm } from "./product-filter";
import { SelectPage, SelectUser } from "./select-users";

export async function UsersTable({
  page,
  listing,
  filter,
  days,
  product,
  products,
  bulkActions,
}: {
  page: Page<UserRow>;
  listing: Listing<UserSort>;
  filter: UserFilter;
  /** The "inactive" filter's days without a sign-in. */
  days: number;
  product: ProductFilter | null;
  products: { id: string; name: string }[];
  /** The bulk actions the admin's roles allow: none, and the list has no checkboxes. */
  bulkActions: BulkAction[];
}) {
  const [t, tc, format] = await Promise.all([getTranslations("users"), getTranslations("common"), getFormatter()]);
  const base = "/users";
  const query = {
    q: listing.q,
    sort: listing.sort,
    dir: listing.dir,
    filter: filter === "all" ? undefined : filter,
    product: product?.productId,
    has: product && !product.has ? "without" : undefined,
    days: filter === "inactive" && days !== DEFAULT_INACTIVE_DAYS ? days : undefined,
  };
  const selectable = bulkActions.length > 0;
  return (
    <ListSection
      id="users-heading"
      heading={t("listHeading")}
      tools={
        <a
          href={hrefWith(
            "/api/export/users",
            { q: listing.q, filter: query.filter, product: query.product, has: query.has, days: query.days },
            {},
          )}
          className="btn hover:no-underline"
          download
        >
          {t("export")}
        </a>
      }
      search={{
        label: t("searchLabel"),
        q: listing.q,
        hidden: { filter: query.filter, sort: listing.sort, dir: listing.dir, product: query.product, has: query.has, days: query.days },
      }}
      bar={
        <>
          <ProductFilterForm products={products} current={product} query={query} />
          <FilterTabs
            label={t("filterLabel")}
            base={base}
            query={query}
            param="filter"
            options={USER_FILTERS}
            current={filter}
            labelOf={(f) => t(`filter.${f}`)}
          />
          {filter === "inactive" && <InactiveDaysForm action={base} days={days} query={query} />}
          {selectable && <BulkActions actions={bulkActions} products={products} />}
        </>
      }
      empty={listing.q || filter !== "all" || product ? t("noMatches") : t("empty")}
      page={page}
      base={base}
      query={query}
    >
      <table className="stack-sm">
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="w-8">
                <SelectPage users={page.rows.map((u) => ({ id: u.id, name: u.displayName }))} />
              </th>
            )}
            <SortHeader label={t("columns.name")} column="name" base={base} query={query} />
            <SortHeader label={t("columns.upn")} column="upn" base={base} query={query} />
            <th scope="col">{t("columns.licenses")}</th>
            <SortHeader label={t("columns.lastSignIn")} column="lastSignIn" base={base} query={query} />
          </tr>
        </thead>
        <tbody>
          {page.rows.map((user) => (
            <tr key={user.id}>
              {selectable && (
                <td className="w-8">
                  <SelectUser id={user.id} name={user.displayName} />
                </td>
              )}
              <td data-label={t("columns.name")}>
                <Link href={`/users/${user.id}`} className="font-medium">
                  {user.displayName}
                </Link>
                <div className="mt-0.5 flex flex-wrap gap-1">
                  {user.roles.map((role) => (
                    <span key={role} className="badge bg-brand-light text-brand-dark">
                      {tc(`roles.${role}`)}
                    </span>
                  ))}
                  {!user.accountEnabled && <span className="badge bg-neutral-200 text-neutral-700">{t("signInBlocked")}</span>}
                  {user.needsValidLicense && <span className="badge bg-warn-bg text-warn">⚠ {t("needsLicense")}</span>}
                </div>
              </td>
              <td data-label={t("columns.upn")}>
                <Upn value={user.userPrincipalName} />
              </td>
              <td data-label={t("columns.licenses")}>
                {user.licenses.length > 0 ? user.licenses.join(", ") : <span className="text-neutral-600">{t("unlicensed")}</span>}
              </td>
              <td data-label={t("columns.lastSignIn")} className="whitespace-nowrap">
                {user.lastSignInAt ? (
                  format.dateTime(user.lastSignInAt, { dateStyle: "medium" })
                ) : (
                  <span className="text-neutral-600">{t("neverSignedIn")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ListSection>
  );
}
