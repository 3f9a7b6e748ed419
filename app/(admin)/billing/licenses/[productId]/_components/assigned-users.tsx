import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { FilterTabs, hrefWith, isPastTheEnd, Pagination, PastTheEnd, SearchForm, SortHeader } from "@/components/ui/list-controls";
import { ASSIGNMENT_FILTERS, DEFAULT_INACTIVE_DAYS, type AssignmentFilter, type Listing, type Page } from "@/lib/listing";
import type { AssignmentRow, AssignmentSort, ProductDetail } from "@/server/data/licenses";
import { RemoveInViewForm } from "./remove-in-view-form";
import { RemoveLicensesForm } from "./remove-licenses-form";
import { SelectAll } from "./select-all";
import { InactiveDaysForm } from "@/components/ui/inactive-days";

type Props = {
  product: ProductDetail;
  page: Page<AssignmentRow>;
  listing: Listing<AssignmentSort>;
  filter: AssignmentFilter;
  /** The "inactive" filter's days without a sign-in. */
  days: number;
  canAssign: boolean;
};

export async function AssignedUsers({ product, page, listing, filter, days, canAssign }: Props) {
  const [t, format] = await Promise.all([getTranslations("product"), getFormatter()]);
  const base = `/billing/licenses/${product.id}`;
  const query = {
    q: listing.q,
    sort: listing.sort,
    dir: listing.dir,
    filter: filter === "all" ? undefined : filter,
    days: filter === "inactive" && days !== DEFAULT_INACTIVE_DAYS ? days : undefined,
  };
  const table = (
    <div className="overflow-x-auto">
      <table className="stack-sm">
        <thead>
          <tr>
            {canAssign && (
              <th scope="col" className="w-8">
                <SelectAll formId="remove-licenses" label={t("selectAll")} />
              </th>
            )}
            <SortHeader label={t("users.name")} column="name" base={base} query={query} />
            <SortHeader label={t("users.assignedAt")} column="assignedAt" base={base} query={query} />
            <SortHeader label={t("users.lastSignIn")} column="lastSignIn" base={base} query={query} />
            <th scope="col">{t("users.status")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.userId} className={row.needsValidLicense ? "bg-warn-bg/60" : undefined}>
              {canAssign && (
                <td>
                  <input
                    type="checkbox"
                    name="userIds"
                    value={row.userId}
                    form="remove-licenses"
                    aria-label={t("selectUser", { name: row.displayName })}
                  />
                </td>
              )}
              <td data-label={t("users.name")}>
                <Link href={`/users/${row.userId}`} className="font-medium">
                  {row.displayName}
                </Link>
                <div className="text-xs text-neutral-600">{row.userPrincipalName}</div>
              </td>
              <td data-label={t("users.assignedAt")}>
                <span className="whitespace-nowrap">{format.dateTime(row.assignedAt, { dateStyle: "medium" })}</span>
                {row.assignedBy && <div className="text-xs text-neutral-600">{t("users.by", { name: row.assignedBy })}</div>}
              </td>
              <td data-label={t("users.lastSignIn")} className="whitespace-nowrap">
                {row.lastSignInAt ? (
                  format.dateTime(row.lastSignInAt, { dateStyle: "medium" })
                ) : (
                  <span className="text-neutral-600">{t("users.neverSignedIn")}</span>
                )}
                {!row.accountEnabled && (
                  <div>
                    <span className="badge bg-neutral-200 text-neutral-700">{t("users.signInBlocked")}</span>
                  </div>
                )}
              </td>
              <td data-label={t("users.status")}>
                {row.needsValidLicense ? (
                  <span className="badge bg-warn-bg text-warn">⚠ {t("users.needsLicense")}</span>
                ) : (
                  <span className="text-ok">{t("users.licensed")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section aria-labelledby="assigned-heading" className="card">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="assigned-heading" className="text-lg font-semibold">
          {t("assignedHeading")}
        </h2>
        {canAssign && (
          <Link href={`${base}/assign`} className="btn btn-primary hover:no-underline">
            {t("assignLink")}
          </Link>
        )}
        <a
          href={hrefWith(`/api/export/products/${product.id}`, { q: listing.q, filter: query.filter, days: query.days }, {})}
          className="btn hover:no-underline"
          download
        >
          {t("export")}
        </a>
        <div className="w-full sm:ml-auto sm:w-auto">
          <SearchForm action={base} q={listing.q} label={t("searchUsers")} hidden={{ filter: query.filter, days: query.days }} />
        </div>
      </div>
      <FilterTabs
        label={t("filterLabel")}
        base={base}
        query={query}
        param="filter"
        options={ASSIGNMENT_FILTERS}
        current={filter}
        labelOf={(f) => t(`filter.${f}`)}
      />
      {product.summary.conflicts > 0 && (filter === "all" || filter === "needsLicense") && (
        <p className="mb-2 text-sm text-neutral-700">{t("needsLicenseExplainer", { count: product.summary.conflicts })}</p>
      )}
      {filter === "inactive" && (
        <>
          <InactiveDaysForm action={base} days={days} query={query} />
          <p className="mb-2 text-sm text-neutral-700">{t("inactiveExplainer", { days })}</p>
        </>
      )}
      {filter === "neverSignedIn" && <p className="mb-2 text-sm text-neutral-700">{t("neverSignedInExplainer")}</p>}
      {filter === "blocked" && <p className="mb-2 text-sm text-neutral-700">{t("blockedExplainer")}</p>}
      {isPastTheEnd(page) ? (
        <PastTheEnd page={page} base={base} query={query} />
      ) : page.rows.length === 0 ? (
        <p className="py-6 text-sm text-neutral-700">{listing.q || filter !== "all" ? t("noMatchingUsers") : t("noAssignedUsers")}</p>
      ) : canAssign ? (
        <>
          {(page.total > page.rows.length || filter !== "all" || listing.q !== "") && (
            <div className="mb-2">
              <RemoveInViewForm
                productId={product.id}
                q={listing.q}
                filter={filter}
                days={days}
                total={page.total}
                totalIsLowerBound={page.totalIsLowerBound}
              />
            </div>
          )}
          <RemoveLicensesForm productId={product.id} product={product.displayName}>
            {table}
          </RemoveLicensesForm>
        </>
      ) : (
        table
      )}
      <Pagination page={page} base={base} query={query} />
    </section>
  );
}
