import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import type { ReactNode } from "react";
import { primaryRole } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { Toaster } from "@/components/ui/toaster";
import { allows } from "@/server/auth/operations";
import { getActor } from "@/server/auth/session";
import { LocaleSwitcher } from "./_components/locale-switcher";
import { AccountMenu } from "./_components/account-menu";
import { AdminFrame } from "./_components/admin-frame";

/** The admin shell. Its sign-in check only redirects; every query and action checks again. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  const [t, locale] = await Promise.all([getTranslations("common"), getLocale()]);
  const role = primaryRole(actor.roles);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <AdminFrame
        labels={{ nav: t("navLabel"), menu: t("menu") }}
        brand={
          <>
            <span className="text-base font-semibold">{t("appName")}</span>
            <span className="badge bg-white/15 text-white" title={t("cloudHint")}>
              {t("cloud", { cloud: env().LICENSE_CENTER_CLOUD })}
            </span>
          </>
        }
        tools={
          <>
            <LocaleSwitcher current={locale} />
            <AccountMenu
              name={actor.displayName}
              role={role && t(`roles.${role}`)}
              canManageWebhooks={allows(actor.roles, "webhook.read")}
            />
          </>
        }
      >
        {children}
      </AdminFrame>
      <Toaster />
    </div>
  );
}
