"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** "Sign in with <provider>": next-auth sends the browser to the identity provider (server/auth/oidc.ts). */
export function SsoButton({ callbackUrl, label }: { callbackUrl: string; label: string }) {
  const t = useTranslations("auth");
  const [isPending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-primary w-full justify-center"
      disabled={isPending}
      aria-busy={isPending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      {isPending ? t("sso.redirecting") : label}
    </button>
  );
}
