import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { FilterTabs, hrefWith, Pagination, SearchForm, SortHeader } from "@/components/ui/list-controls";
import type { Listing, Page } from "@/lib/listing";
import { USER_FILTERS, type UserFilter } from "@/lib/listing";
import type { UserRow, UserSort } from "@/server/data/users";

export async function UsersTable({ page, listing, filter }: { page: Page<UserRow>; listing: Listing<UserSort>; filter: UserFilter }) {
  const [t, tc, format] = await Promise.all([getTranslations("users"), getTranslations("common"), getFormatter()]);
  const base = "/users";
  const query = { q: listing.q, sort: listing.sort, dir: listing.dir, filter: filter === "all" ? undefined : filter };
  return (
    <section className="card" aria-labelledby="users-heading">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="users-heading" className="text-lg font-semibold">{t("listHeading")}</h2>
        <a href={hrefWith("/api/export/users", { q: listing.q, filter: query.filter }, {})} className="btn hover:no-underline" download>{t("export")}</a>
        <div className="ml-auto"><SearchForm action={base} q={listing.q} label={t("searchLabel")} hidden={{ filter: query.filter, sort: listing.sort, dir: listing.dir }} /></div>
      </div>
      <FilterTabs label={t("filterLabel")} base={base} query={query} param="filter" options={USER_FILTERS} current={filter} labelOf={(f) => t(`filter.${f}`)} />
      {page.rows.length === 0 ? (
        <p className="py-6 text-sm text-neutral-700">{listing.q || filter !== "all" ? t("noMatches") : t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <SortHeader label={t("columns.name")} column="name" base={base} query={query} />
                <SortHeader label={t("columns.upn")} column="upn" base={base} query={query} />
                <th scope="col">{t("columns.licenses")}</th>
                <SortHeader label={t("columns.lastSignIn")} column="lastSignIn" base={base} query={query} />
              </tr>
            </thead>
            <tbody>
              {page.rows.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link href={`/users/${user.id}`} className="font-medium">{user.displayName}</Link>
                    <div className="mt-0.5 flex flex-wrap gap-1">
                      {user.roles.map((role) => <span key={role} className="badge bg-brand-light text-brand-dark">{tc(`roles.${role}`)}</span>)}
                      {!user.accountEnabled && <span className="badge bg-neutral-200 text-neutral-700">{t("signInBlocked")}</span>}
                      {user.needsValidLicense && <span className="badge bg-warn-bg text-warn">⚠ {t("needsLicense")}</span>}
                    </div>
                  </td>
                  <td className="break-all">{user.userPrincipalName}</td>
                  <td>{user.licenses.length > 0 ? user.licenses.join(", ") : <span className="text-neutral-600">{t("unlicensed")}</span>}</td>
                  <td>{user.lastSignInAt ? format.dateTime(user.lastSignInAt, { dateStyle: "medium" }) : <span className="text-neutral-600">{t("neverSignedIn")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} base={base} query={query} />
    </section>
  );
}
