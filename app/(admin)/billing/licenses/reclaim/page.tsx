import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { InactiveDaysForm } from "@/components/ui/inactive-days";
import { WithHelp } from "@/components/with-help";
import { parseInactiveDays } from "@/lib/listing";
import { allows } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { findInactiveLicenses } from "@/server/data/reclaim";
import { ReclaimForm } from "./_components/reclaim-form";

export async function generateMetadata() {
  return { title: (await getTranslations("licenses"))("reclaim.title") };
}

/**
 * Billing › Licenses › Reclaim: per product, the licenses held by users inactive for more than N
 * days and what they cost a month; the products ticked lose those licenses in one confirmed
 * removal, which can be undone for 30 minutes.
 */
export default async function ReclaimPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const days = parseInactiveDays((await searchParams).days);
  const [actor, t, format] = await Promise.all([requireActor(), getTranslations("licenses"), getFormatter()]);
  const overview = await findInactiveLicenses(actor, days);
  const money = (cents: number) => format.number(cents / 100, { style: "currency", currency: overview.currency });
  return (
    <WithHelp slug="resolve-license-conflicts">
      <PageHeader
        breadcrumb={<Link href="/billing/licenses">{t("title")}</Link>}
        title={t("reclaim.title")}
        description={t("reclaim.description")}
      />
      <InactiveDaysForm action="/billing/licenses/reclaim" days={days} query={{ days }} />
      {overview.products.length === 0 ? (
        <p className="card text-sm">{t("reclaim.none", { days })}</p>
      ) : (
        <ReclaimForm
          days={days}
          canRemove={allows(actor.roles, "license.reclaimInactive")}
          products={overview.products.map((p) => ({
            ...p,
            monthly: money(p.monthlyCents),
            href: `/billing/licenses/${p.productId}?filter=inactive&days=${days}`,
          }))}
          currency={overview.currency}
        />
      )}
    </WithHelp>
  );
}
