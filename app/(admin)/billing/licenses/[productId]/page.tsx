import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { ASSIGNMENT_FILTERS, parseFilter, parseInactiveDays, parseListing } from "@/lib/listing";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { productHistory } from "@/server/data/history";
import { ASSIGNMENT_SORTS, getProductPage } from "@/server/data/licenses";
import { AssignedUsers } from "./_components/assigned-users";
import { LicenseSummaryCards } from "./_components/license-summary-cards";
import { LicenseHistory } from "./_components/license-history";
import { LicenseOutlook } from "./_components/license-outlook";
import { LowLicenseAlert } from "./_components/low-license-alert";
import { ServicePlans } from "./_components/service-plans";
import { SubscriptionsTable } from "./_components/subscriptions-table";
import { productNameForTitle } from "@/server/data/titles";
import { findUndoable } from "@/server/data/undo";

export async function generateMetadata({ params }: { params: Promise<{ productId: string }> }) {
  return { title: (await productNameForTitle((await params).productId)) ?? (await getTranslations("licenses"))("title") };
}

type Props = { params: Promise<{ productId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProductPage({ params, searchParams }: Props) {
  const { productId } = await params;
  if (!idSchema.safeParse(productId).success) notFound();
  const query = await searchParams;
  const listing = parseListing(query, ASSIGNMENT_SORTS, "desc");
  const filter = parseFilter(ASSIGNMENT_FILTERS, query.filter);
  const days = parseInactiveDays(query.days);
  const [actor, t] = await Promise.all([requireActor(), getTranslations("product")]);
  // Arriving from the planner's removal: its undo is offered here while it can be made.
  const removal = idSchema.safeParse(query.removed);
  const [page, history, undoable] = await Promise.all([
    getProductPage(actor, productId, listing, filter, days),
    productHistory(actor, productId),
    removal.success ? findUndoable(actor, removal.data) : null,
  ]);
  if (!page) notFound();
  const { product, assignments } = page;
  return (
    <WithHelp slug={product.summary.conflicts > 0 ? "resolve-license-conflicts" : "assign-licenses"}>
      <PageHeader
        breadcrumb={<Link href="/billing/licenses">{t("breadcrumb")}</Link>}
        title={product.displayName}
        description={t("description", { sku: product.skuPartNumber })}
      />
      {undoable && (
        <p role="status" className="mb-4 rounded bg-ok-bg px-3 py-2 text-sm text-ok">
          {t("removedNotice", { count: undoable.licenses })}{" "}
          <Link href={`/audit/${undoable.eventId}`} className="underline">
            {t("undoRemoval")}
          </Link>
        </p>
      )}
      <LicenseSummaryCards summary={product.summary} productId={product.id} />
      <SubscriptionsTable product={product} canPurchase={allows(actor.roles, "license.purchase")} />
      <LicenseOutlook product={product} />
      <LowLicenseAlert
        productId={product.id}
        below={product.lowLicensesBelow}
        available={product.summary.available}
        canChange={allows(actor.roles, "product.setLowLicenseAlert")}
      />
      <LicenseHistory history={history} />
      <AssignedUsers
        days={days}
        product={product}
        page={assignments}
        listing={listing}
        filter={filter}
        canAssign={allows(actor.roles, "license.assign")}
      />
      <div className="mt-5">
        <ServicePlans plans={product.servicePlans} />
      </div>
    </WithHelp>
  );
}
