import Link from "next/link";
import { getTranslations } from "@/i18n/server";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { findProductChoices } from "@/server/data/users";
import { AddUserForm } from "./_components/add-user-form";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("addUser") };
}

export default async function AddUserPage() {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("users")]);
  // Every product, not a page of them: the form lists them all, each with its free licenses.
  const products = await findProductChoices(actor);
  return (
    <WithHelp slug="add-user">
      <PageHeader breadcrumb={<Link href="/users">{t("title")}</Link>} title={t("addUser")} description={t("addDescription")} />
      {allows(actor.roles, "user.create") ? (
        <AddUserForm products={products} />
      ) : (
        <AccessDenied operation="user.create" roles={actor.roles} back={{ href: "/users", label: t("backToUsers") }} />
      )}
    </WithHelp>
  );
}
