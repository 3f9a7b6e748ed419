import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import type { ReactNode } from "react";
import { primaryRole } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { Toaster } from "@/components/ui/toaster";
import { getActor } from "@/server/auth/session";
import { LocaleSwitcher } from "./_components/locale-switcher";
import { NavLinks } from "./_components/nav-links";
import { AccountMenu } from "./_components/account-menu";

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
      <header className="flex flex-wrap items-center gap-4 bg-brand-dark px-4 py-2 text-white">
        <span className="text-base font-semibold">{t("appName")}</span>
        <span className="badge bg-white/15 text-white" title={t("cloudHint")}>
          {t("cloud", { cloud: env().LICENSE_CENTER_CLOUD })}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          <LocaleSwitcher current={locale} />
          <AccountMenu name={actor.displayName} role={role && t(`roles.${role}`)} />
        </div>
      </header>
      <div className="flex flex-1">
        <nav aria-label={t("navLabel")} className="w-52 shrink-0 border-r border-neutral-200 bg-white p-3">
          <NavLinks />
        </nav>
        <main id="main" className="min-w-0 flex-1 p-6">
          {children}
        </main>
      </div>
      <Toaster />
    </div>
  );
}
