import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { z } from "zod";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { getProductById, previewReduction } from "@/server/data/licenses";
import { ReduceConfirm } from "./_components/reduce-confirm";
import { ReduceQuantityForm } from "./_components/reduce-quantity-form";
import { productNameForTitle } from "@/server/data/titles";

export async function generateMetadata({ params }: { params: Promise<{ productId: string }> }) {
  const [product, t] = await Promise.all([productNameForTitle((await params).productId), getTranslations("product")]);
  return { title: product ? `${t("reduceTitle")} · ${product}` : t("reduceTitle") };
}

type Props = { params: Promise<{ productId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const querySchema = z.object({
  subscription: idSchema,
  quantity: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export default async function ReducePage({ params, searchParams }: Props) {
  const { productId } = await params;
  const query = querySchema.safeParse(await searchParams);
  if (!idSchema.safeParse(productId).success || !query.success) notFound();
  const [actor, t] = await Promise.all([requireActor(), getTranslations("product")]);
  const product = await getProductById(actor, productId);
  const subscription = product?.subscriptions.find((s) => s.id === query.data.subscription);
  if (!product || !subscription) notFound();
  // Only roles that may change quantities see this form (the action refuses everyone else
  // anyway); an admin who followed a link here is told which role it takes.
  if (!allows(actor.roles, "subscription.reduce"))
    return (
      <WithHelp slug="reduce-quantity">
        <PageHeader breadcrumb={<Link href={`/billing/licenses/${productId}`}>{product.displayName}</Link>} title={t("reduceTitle")} />
        <AccessDenied
          operation="subscription.reduce"
          roles={actor.roles}
          back={{ href: `/billing/licenses/${productId}`, label: t("backTo", { product: product.displayName }) }}
        />
      </WithHelp>
    );
  const { quantity } = query.data;
  const preview =
    quantity !== undefined && quantity < subscription.quantity ? await previewReduction(actor, subscription.id, quantity) : null;
  return (
    <WithHelp slug="reduce-quantity">
      <PageHeader
        breadcrumb={<Link href={`/billing/licenses/${productId}`}>{product.displayName}</Link>}
        title={t("reduceTitle")}
        description={t("reduceDescription", {
          current: subscription.quantity,
          assigned: product.summary.assigned,
          valid: product.summary.valid,
        })}
      />
      <ReduceQuantityForm productId={productId} subscriptionId={subscription.id} current={subscription.quantity} quantity={quantity} />
      {preview && <ReduceConfirm preview={preview} productId={productId} />}
    </WithHelp>
  );
}
