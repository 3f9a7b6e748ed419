"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("auth");
  return (
    <button type="button" className="rounded border border-white/60 px-2 py-1 text-sm hover:bg-white/10" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
      {t("signOut")}
    </button>
  );
}
