import Link from "next/link";
import { getFormatter, getTranslations } from "@/i18n/server";
import { ROLES, type Role } from "@/lib/domain/roles";
import { allows, type Operation } from "@/server/auth/operations";

/** The operations a page is for that some admins can't reach: a deep link tells them why. */
export type GuardedOperation = Extract<
  Operation,
  | "license.assign"
  | "license.remove"
  | "subscription.reduce"
  | "user.create"
  | "user.import"
  | "user.update"
  | "webhook.read"
  | "scimToken.list"
  | "app.list"
>;

/**
 * What a page shows instead of its form to an admin whose roles don't allow its operation: which
 * roles do (from the operations table, so it can't drift from what `authorize` checks), the
 * admin's own, and the way back. The server action refuses such an admin anyway.
 */
export async function AccessDenied({
  operation,
  roles,
  back,
}: {
  operation: GuardedOperation;
  roles: readonly Role[];
  back: { href: string; label: string };
}) {
  const [t, format] = await Promise.all([getTranslations("common"), getFormatter()]);
  const roleName = (role: Role) => t(`roles.${role}`);
  const allowed = ROLES.filter((role) => allows([role], operation)).map(roleName);
  return (
    <section className="card max-w-2xl text-sm" aria-labelledby="access-denied-title">
      <h2 id="access-denied-title" className="text-base font-semibold">
        {t("accessDenied.title", { action: t(`accessDenied.action.${operation}`) })}
      </h2>
      <p className="mt-2">{t("accessDenied.needs", { roles: format.list(allowed, { type: "disjunction" }) })}</p>
      <p className="mt-1">
        {roles.length > 0 ? t("accessDenied.yours", { roles: format.list(roles.map(roleName)) }) : t("accessDenied.none")}
      </p>
      <p className="mt-1">{t("accessDenied.ask")}</p>
      <p className="mt-3">
        <Link href={back.href} className="link">
          {back.label}
        </Link>
      </p>
    </section>
  );
}
