"use client";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { signOutEverywhereAction } from "@/server/actions/sessions";

/** The signed-in admin's own menu: their alert emails (and the webhooks, for Global admins), sign out here, or end every session of the account. */
export function AccountMenu({ name, role, canManageWebhooks }: { name: string; role: string | null; canManageWebhooks: boolean }) {
  const t = useTranslations("auth");
  const [isPending, startTransition] = useTransition();
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded px-2 py-1 hover:bg-white/10">
        <span className="font-semibold">{name}</span>
        {role && <span className="opacity-90">{role}</span>}
        <span aria-hidden="true">▾</span>
        <span className="sr-only">{t("accountMenu")}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-72 rounded border border-neutral-200 bg-white p-2 text-neutral-900 shadow-lg">
        <Link href="/settings/alerts" className="btn mb-2 w-full justify-start">
          {t("alertEmails")}
        </Link>
        {canManageWebhooks && (
          <>
            <Link href="/settings/webhooks" className="btn mb-2 w-full justify-start">
              {t("webhooks")}
            </Link>
            <Link href="/settings/provisioning" className="btn mb-2 w-full justify-start">
              {t("provisioning")}
            </Link>
            <Link href="/settings/apps" className="btn mb-2 w-full justify-start">
              {t("apps")}
            </Link>
          </>
        )}
        <button type="button" className="btn w-full justify-start" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
          {t("signOut")}
        </button>
        <button
          type="button"
          className="btn mt-2 w-full justify-start"
          disabled={isPending}
          aria-busy={isPending}
          aria-describedby="sign-out-everywhere-hint"
          onClick={() =>
            startTransition(async () => {
              await signOutEverywhereAction(null, new FormData());
              await signOut({ callbackUrl: "/sign-in" });
            })
          }
        >
          {t("signOutEverywhere")}
        </button>
        <p id="sign-out-everywhere-hint" className="mt-1 px-1 text-xs text-neutral-600">
          {t("signOutEverywhereHint")}
        </p>
      </div>
    </details>
  );
}
