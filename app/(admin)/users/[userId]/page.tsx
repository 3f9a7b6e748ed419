import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/i18n/server";
import { countryName } from "@/lib/countries";
import { PageHeader } from "@/components/page-header";
import { WithHelp } from "@/components/with-help";
import { allows, allowsOn } from "@/server/auth/operations";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { getUserById } from "@/server/data/users";
import { DeleteUserButton } from "./_components/delete-user-button";
import { UserLicenses } from "./_components/user-licenses";
import { userNameForTitle } from "@/server/data/titles";

export async function generateMetadata({ params }: { params: Promise<{ userId: string }> }) {
  return { title: (await userNameForTitle((await params).userId)) ?? (await getTranslations("users"))("title") };
}

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  if (!idSchema.safeParse(userId).success) notFound();
  const [actor, t, tc, format, locale] = await Promise.all([
    requireActor(),
    getTranslations("users"),
    getTranslations("common"),
    getFormatter(),
    getLocale(),
  ]);
  const user = await getUserById(actor, userId);
  if (!user) notFound();
  const mayDelete = !user.deletedAt && user.id !== actor.id && allowsOn(actor.roles, "user.delete", user.roles);
  const mayEdit = !user.deletedAt && allowsOn(actor.roles, "user.update", user.roles);
  const editHref = `/users/${user.id}/edit`;
  const facts = [
    [t("columns.upn"), user.userPrincipalName],
    [
      t("form.usageLocation"),
      user.usageLocation ? (
        countryName(locale, user.usageLocation)
      ) : mayEdit ? (
        <Link href={editHref}>{t("setUsageLocation")}</Link>
      ) : (
        t("noUsageLocation")
      ),
    ],
    [
      t("status"),
      user.deletedAt
        ? t("deletedOn", { date: format.dateTime(user.deletedAt, { dateStyle: "medium" }) })
        : user.accountEnabled
          ? t("signInAllowed")
          : t("signInBlocked"),
    ],
    [
      t("columns.lastSignIn"),
      user.lastSignInAt ? format.dateTime(user.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) : t("neverSignedIn"),
    ],
    [t("roles"), user.roles.length > 0 ? user.roles.map((r) => tc(`roles.${r}`)).join(", ") : t("noRoles")],
  ] as const;
  return (
    <WithHelp slug={user.deletedAt ? "restore-user" : "delete-user"}>
      <PageHeader
        breadcrumb={<Link href={user.deletedAt ? "/users/deleted" : "/users"}>{user.deletedAt ? t("deletedTitle") : t("title")}</Link>}
        title={user.displayName}
        actions={
          <>
            {mayEdit && (
              <Link href={editHref} className="btn hover:no-underline">
                {t("editUser")}
              </Link>
            )}
            {mayDelete && <DeleteUserButton userId={user.id} name={user.displayName} licenses={user.licenses.length} />}
          </>
        }
      />
      <dl className="card mb-5 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-semibold text-neutral-700">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <UserLicenses user={user} canAssign={allows(actor.roles, "license.assign") && !user.deletedAt} />
    </WithHelp>
  );
}
