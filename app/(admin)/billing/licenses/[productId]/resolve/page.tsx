import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "@/i18n/server";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { purchaseSelect } from "@/server/cloud";
import { planResolution } from "@/server/data/reclaim";
import { productNameForTitle } from "@/server/data/titles";
import { ResolveForm } from "./_components/resolve-form";

export async function generateMetadata({ params }: { params: Promise<{ productId: string }> }) {
  const [product, t] = await Promise.all([productNameForTitle((await params).productId), getTranslations("product")]);
  return { title: product ? `${t("plan.title")} · ${product}` : t("plan.title") };
}

/** Billing › Licenses › a product › Resolve: the cheapest way to end its conflict, proposed, chosen and confirmed. */
export default async function ResolvePage({ params }: { params: Promise<{ productId: string }> }) {
  const { productId } = await params;
  if (!idSchema.safeParse(productId).success) notFound();
  const [actor, t, format] = await Promise.all([requireActor(), getTranslations("product"), getFormatter()]);
  const plan = await planResolution(actor, productId);
  if (!plan) notFound();
  const back = { href: `/billing/licenses/${productId}`, label: t("backTo", { product: plan.productName }) };
  const header = (
    <PageHeader
      breadcrumb={<Link href={back.href}>{plan.productName}</Link>}
      title={t("plan.heading", { product: plan.productName })}
      description={plan.conflicts > 0 ? t("plan.description", { count: plan.conflicts, purchase: purchaseSelect() }) : undefined}
    />
  );
  if (plan.conflicts === 0)
    return (
      <WithHelp slug="resolve-license-conflicts">
        {header}
        <p className="card text-sm">
          {t("plan.noConflict")} <Link href={back.href}>{back.label}</Link>
        </p>
      </WithHelp>
    );
  return (
    <WithHelp slug="resolve-license-conflicts">
      {header}
      {plan.buy && (
        <section className="card mb-5 text-sm" aria-labelledby="plan-buy-heading">
          <h2 id="plan-buy-heading" className="mb-1 text-lg font-semibold">
            {t("plan.buyHeading")}
          </h2>
          <p>
            {t("plan.buyCost", {
              count: plan.buy.quantity,
              monthly: format.number(plan.buy.monthlyCents / 100, { style: "currency", currency: plan.buy.currency }),
              yearly: format.number((plan.buy.monthlyCents * 12) / 100, { style: "currency", currency: plan.buy.currency }),
            })}{" "}
            <Link href={`${back.href}#subscriptions-heading`}>{t("plan.buyLink")}</Link>
          </p>
        </section>
      )}
      {allows(actor.roles, "license.remove") ? (
        <ResolveForm
          productId={plan.productId}
          product={plan.productName}
          needed={plan.conflicts}
          candidates={plan.candidates.map((c) => ({
            ...c,
            lastSignIn: c.lastSignInAt ? format.dateTime(c.lastSignInAt, { dateStyle: "medium" }) : null,
          }))}
        />
      ) : (
        <AccessDenied operation="license.remove" roles={actor.roles} back={back} />
      )}
    </WithHelp>
  );
}
