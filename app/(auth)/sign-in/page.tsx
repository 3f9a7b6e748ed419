import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { sameOriginPath } from "@/lib/redirects";
import { getActor } from "@/server/auth/session";
import { SignInForm } from "./_components/sign-in-form";
import { SignInLanguage } from "./_components/sign-in-language";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  if (await getActor()) redirect(sameOriginPath(params.callbackUrl));
  const [t, locale] = await Promise.all([getTranslations("auth"), getLocale()]);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 p-4">
      <div className="w-full max-w-sm">
        <SignInLanguage current={locale} />
      </div>
      <div className="card w-full max-w-sm">
        <h1 className="mb-1 text-xl font-semibold">{t("signInTitle")}</h1>
        <p className="mb-4 text-sm text-neutral-600">{t("signInIntro")}</p>
        <SignInForm callbackUrl={sameOriginPath(params.callbackUrl)} />
      </div>
    </main>
  );
}
