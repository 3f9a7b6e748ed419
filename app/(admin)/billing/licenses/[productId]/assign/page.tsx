import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/i18n/server";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { parseListing } from "@/lib/listing";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { findAssignableUsers, getProductById } from "@/server/data/licenses";
import { AssignUsersForm } from "./_components/assign-users-form";
import { productNameForTitle } from "@/server/data/titles";

export async function generateMetadata({ params }: { params: Promise<{ productId: string }> }) {
  const product = await productNameForTitle((await params).productId);
  return { title: (await getTranslations("product"))("assignTitle", { product: product ?? "" }).trim() };
}

type Props = { params: Promise<{ productId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AssignPage({ params, searchParams }: Props) {
  const { productId } = await params;
  if (!idSchema.safeParse(productId).success) notFound();
  const listing = parseListing(await searchParams, ["name"] as const);
  const [actor, t] = await Promise.all([requireActor(), getTranslations("product")]);
  const product = await getProductById(actor, productId);
  if (!product) notFound();
  // Only roles that may assign see the assign form (the action refuses everyone else anyway);
  // an admin who followed a link here is told which role it takes.
  if (!allows(actor.roles, "license.assign"))
    return (
      <WithHelp slug="assign-licenses">
        <PageHeader
          breadcrumb={<Link href={`/billing/licenses/${productId}`}>{product.displayName}</Link>}
          title={t("assignTitle", { product: product.displayName })}
        />
        <AccessDenied
          operation="license.assign"
          roles={actor.roles}
          back={{ href: `/billing/licenses/${productId}`, label: t("backTo", { product: product.displayName }) }}
        />
      </WithHelp>
    );
  const users = await findAssignableUsers(actor, productId, listing);
  return (
    <WithHelp slug="assign-licenses">
      <PageHeader
        breadcrumb={<Link href={`/billing/licenses/${productId}`}>{product.displayName}</Link>}
        title={t("assignTitle", { product: product.displayName })}
        description={t("assignDescription", { available: product.summary.available })}
      />
      <AssignUsersForm productId={productId} users={users} listing={listing} available={product.summary.available} />
    </WithHelp>
  );
}
