import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { Pagination, SearchForm, SortHeader } from "@/components/ui/list-controls";
import type { Listing } from "@/lib/listing";
import type { LicensesOverview, ProductSort } from "@/server/data/licenses";
import { ConflictStatus } from "./conflict-status";

const BASE = "/billing/licenses";

export async function ProductsTable({ overview, listing }: { overview: LicensesOverview; listing: Listing<ProductSort> }) {
  const [t, format] = await Promise.all([getTranslations("licenses"), getFormatter()]);
  const query = { q: listing.q, sort: listing.sort, dir: listing.dir };
  const showStatus = overview.productsInConflict > 0;
  const { rows } = overview.page;
  return (
    <section aria-labelledby="products-heading" className="card">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="products-heading" className="text-lg font-semibold">{t("productsHeading")}</h2>
        <div className="ml-auto">
          <SearchForm action={BASE} q={listing.q} label={t("searchLabel")} hidden={{ sort: listing.sort, dir: listing.dir }} />
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="py-6 text-sm text-neutral-700">{listing.q ? t("noMatches", { q: listing.q }) : t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <SortHeader label={t("columns.product")} column="name" base={BASE} query={query} />
                <th scope="col" className="text-right">{t("columns.available")}</th>
                <SortHeader label={t("columns.assigned")} column="assigned" base={BASE} query={query} />
                <th scope="col" className="text-right">{t("columns.expired")}</th>
                {showStatus && <th scope="col">{t("columns.status")}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link href={`${BASE}/${row.id}`} className="font-medium">{row.displayName}</Link>
                    <div className="text-xs text-neutral-600">{row.skuPartNumber}</div>
                  </td>
                  <td className="text-right tabular-nums">{format.number(row.summary.available)}</td>
                  <td className="tabular-nums">{t("assignedOf", { assigned: row.summary.assigned, total: row.summary.valid })}</td>
                  <td className="text-right tabular-nums">{format.number(row.summary.expired)}</td>
                  {showStatus && (
                    <td>
                      <ConflictStatus summary={row.summary} t={t} format={format} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={overview.page} base={BASE} query={query} />
    </section>
  );
}
