import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { parseListing } from "@/lib/listing";
import { requireActor } from "@/server/auth/require-actor";
import { findProductSummaries, PRODUCT_SORTS } from "@/server/data/licenses";
import { ConflictWarning } from "../_components/conflict-warning";
import { ProductsTable } from "../_components/products-table";
import { UpcomingConflicts } from "../_components/upcoming-conflicts";
import { findUpcomingConflicts } from "@/server/data/forecast";

export async function generateMetadata() {
  return { title: (await getTranslations("licenses"))("title") };
}

export default async function LicensesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const listing = parseListing(await searchParams, PRODUCT_SORTS);
  const [actor, t] = await Promise.all([requireActor(), getTranslations("licenses")]);
  const [overview, upcoming] = await Promise.all([findProductSummaries(actor, listing), findUpcomingConflicts(actor)]);
  const hasConflicts = overview.productsInConflict > 0;
  return (
    <WithHelp slug={hasConflicts ? "resolve-license-conflicts" : "licenses"}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/billing/licenses/reclaim" className="btn hover:no-underline">
            {t("reclaim.link")}
          </Link>
        }
      />
      {hasConflicts && <ConflictWarning overview={overview} />}
      <UpcomingConflicts upcoming={upcoming} />
      <ProductsTable overview={overview} listing={listing} />
    </WithHelp>
  );
}
