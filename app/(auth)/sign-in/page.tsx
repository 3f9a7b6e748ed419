import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { sameOriginPath } from "@/lib/redirects";
import { getActor } from "@/server/auth/session";
import { env } from "@/lib/env";
import { SSO_REFUSALS } from "@/server/auth/oidc";
import { SignInForm } from "./_components/sign-in-form";
import { SsoButton } from "./_components/sso-button";
import { SignInLanguage } from "./_components/sign-in-language";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  if (await getActor()) redirect(sameOriginPath(params.callbackUrl));
  const [t, locale] = await Promise.all([getTranslations("auth"), getLocale()]);
  const { OIDC_ISSUER, OIDC_NAME, PASSWORD_SIGN_IN } = env();
  const callbackUrl = sameOriginPath(params.callbackUrl);
  // Where single sign-on came back refused (server/auth/oidc.ts) or failed (next-auth's codes).
  const error = typeof params.error === "string" ? params.error : undefined;
  const ssoError = !error
    ? null
    : (SSO_REFUSALS as readonly string[]).includes(error)
      ? t(`sso.${error as (typeof SSO_REFUSALS)[number]}`)
      : t("sso.failed");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-4">
      <div className="w-full max-w-sm">
        <SignInLanguage current={locale} />
      </div>
      <div className="card w-full max-w-sm">
        <h1 className="mb-1 text-xl font-semibold">{t("signInTitle")}</h1>
        <p className="mb-4 text-sm text-neutral-600">{t(PASSWORD_SIGN_IN === "on" ? "signInIntro" : "signInIntroSso")}</p>
        {ssoError && (
          <p role="alert" className="mb-3 rounded bg-danger-bg px-3 py-2 text-sm text-danger">
            {ssoError}
          </p>
        )}
        {OIDC_ISSUER && (
          <SsoButton callbackUrl={callbackUrl} label={OIDC_NAME ? t("sso.with", { name: OIDC_NAME }) : t("sso.withDefault")} />
        )}
        {OIDC_ISSUER && PASSWORD_SIGN_IN === "on" && (
          <p className="my-3 flex items-center gap-2 text-xs text-neutral-600">
            <span className="h-px flex-1 bg-neutral-300" aria-hidden="true" />
            {t("sso.or")}
            <span className="h-px flex-1 bg-neutral-300" aria-hidden="true" />
          </p>
        )}
        {PASSWORD_SIGN_IN === "on" && <SignInForm callbackUrl={callbackUrl} />}
      </div>
    </main>
  );
}
