import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { AccessDenied } from "@/components/access-denied";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { getTranslations } from "@/i18n/server";
import { countryOptions } from "@/lib/countries";
import { ROLES } from "@/lib/domain/roles";
import { idSchema } from "@/lib/validation";
import { allows, allowsOn } from "@/server/auth/operations";
import { requireActor } from "@/server/auth/require-actor";
import { getUserById } from "@/server/data/users";
import { EditUserForm } from "./_components/edit-user-form";
import { UserRolesForm } from "./_components/user-roles-form";
import { userNameForTitle } from "@/server/data/titles";

export async function generateMetadata({ params }: { params: Promise<{ userId: string }> }) {
  const [name, t] = await Promise.all([userNameForTitle((await params).userId), getTranslations("users")]);
  return { title: name ? t("edit.title", { name }) : t("editUser") };
}

/** Users › a user › Edit: profile, usage location and sign-in; admin roles for Global admins. */
export default async function EditUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  if (!idSchema.safeParse(userId).success) notFound();
  const [actor, t, tc, locale] = await Promise.all([requireActor(), getTranslations("users"), getTranslations("common"), getLocale()]);
  const user = await getUserById(actor, userId);
  if (!user || user.deletedAt) notFound();
  const header = (
    <PageHeader
      breadcrumb={<Link href={`/users/${user.id}`}>{user.displayName}</Link>}
      title={t("edit.title", { name: user.displayName })}
      description={t("edit.description")}
    />
  );
  const back = { href: `/users/${user.id}`, label: t("edit.backToUser", { name: user.displayName }) };
  if (!allows(actor.roles, "user.update"))
    return (
      <WithHelp slug="edit-user">
        {header}
        <AccessDenied operation="user.update" roles={actor.roles} back={back} />
      </WithHelp>
    );
  if (!allowsOn(actor.roles, "user.update", user.roles))
    return (
      <WithHelp slug="admin-roles">
        {header}
        <section className="card max-w-2xl text-sm">
          <p>{t("edit.adminsOnlyByGlobal", { name: user.displayName })}</p>
          <p className="mt-3">
            <Link href={back.href}>{back.label}</Link>
          </p>
        </section>
      </WithHelp>
    );
  return (
    <WithHelp slug="edit-user">
      {header}
      <div className="flex flex-col gap-5">
        <EditUserForm
          user={{ id: user.id, displayName: user.displayName, usageLocation: user.usageLocation, accountEnabled: user.accountEnabled }}
          countries={countryOptions(locale)}
          isSelf={user.id === actor.id}
        />
        {allows(actor.roles, "user.setRoles") && (
          <UserRolesForm userId={user.id} roles={ROLES.map((role) => ({ role, name: tc(`roles.${role}`) }))} current={user.roles} />
        )}
      </div>
    </WithHelp>
  );
}
