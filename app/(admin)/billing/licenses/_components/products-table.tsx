import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { hrefWith, SortHeader } from "@/components/ui/list-controls";
import { ListSection } from "@/components/ui/list-section";
import type { Listing } from "@/lib/listing";
import { purchaseSelect } from "@/server/cloud";
import type { LicensesOverview, ProductSort } from "@/server/data/licenses";
import { ConflictStatus } from "./conflict-status";
import { UsageBar } from "./usage-bar";

const BASE = "/billing/licenses";

export async function ProductsTable({ overview, listing }: { overview: LicensesOverview; listing: Listing<ProductSort> }) {
  const [t, format] = await Promise.all([getTranslations("licenses"), getFormatter()]);
  const query = { q: listing.q, sort: listing.sort, dir: listing.dir };
  const showStatus = overview.productsInConflict > 0;
  const { rows } = overview.page;
  return (
    <ListSection
      id="products-heading"
      heading={t("productsHeading")}
      tools={
        <a href={hrefWith("/api/export/products", query, {})} className="btn hover:no-underline" download>
          {t("export")}
        </a>
      }
      search={{ label: t("searchLabel"), q: listing.q, hidden: { sort: listing.sort, dir: listing.dir } }}
      empty={listing.q ? t("noMatches", { q: listing.q }) : t("empty", { purchase: purchaseSelect() })}
      page={overview.page}
      base={BASE}
      query={query}
    >
      <table className="stack-sm">
        <thead>
          <tr>
            <SortHeader label={t("columns.product")} column="name" base={BASE} query={query} />
            <SortHeader label={t("columns.available")} column="available" base={BASE} query={query} className="text-right" />
            <SortHeader label={t("columns.assigned")} column="assigned" base={BASE} query={query} />
            <SortHeader label={t("columns.expired")} column="expired" base={BASE} query={query} className="text-right" />
            {showStatus && <th scope="col">{t("columns.status")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t("columns.product")}>
                <Link href={`${BASE}/${row.id}`} className="font-medium">
                  {row.displayName}
                </Link>
                <div className="text-xs text-neutral-600">{row.skuPartNumber}</div>
              </td>
              <td data-label={t("columns.available")} className="text-right tabular-nums">
                {format.number(row.summary.available)}
              </td>
              <td data-label={t("columns.assigned")} className="tabular-nums">
                {t("assignedOf", { assigned: row.summary.assigned, total: row.summary.valid })}
                <UsageBar summary={row.summary} />
              </td>
              <td data-label={t("columns.expired")} className="text-right tabular-nums">
                {format.number(row.summary.expired)}
              </td>
              {showStatus && (
                <td data-label={t("columns.status")}>
                  <ConflictStatus summary={row.summary} productId={row.id} productName={row.displayName} t={t} format={format} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ListSection>
  );
}
