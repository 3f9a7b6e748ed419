import Link from "next/link";
import { getTranslations } from "@/i18n/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <div className="card max-w-xl">
      <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-1 text-sm">{t("notFoundBody")}</p>
      <Link href="/billing/licenses" className="mt-3 inline-block">
        {t("backToLicenses")}
      </Link>
    </div>
  );
}
