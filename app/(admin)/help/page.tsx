import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { HelpSearchForm } from "@/components/help/help-search-form";
import { HelpSearchResults } from "@/components/help/help-search-results";
import { isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { listHelpArticles } from "@/lib/help/loader";
import { requireActor } from "@/server/auth/require-actor";
import { searchHelp } from "@/server/help-search";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata() {
  return { title: (await getTranslations("help"))("helpTitle") };
}

/** `/help?q=`: search results; without a search, every article of this locale and cloud. */
export default async function HelpIndexPage({ searchParams }: Props) {
  await requireActor();
  const [{ q }, locale, t] = await Promise.all([searchParams, getLocale(), getTranslations("help")]);
  const outcome = await searchHelp(q);
  const query = outcome.ok ? outcome.query : "";
  const articles = query === "" ? await listHelpArticles(isLocale(locale) ? locale : "en-US", env().LICENSE_CENTER_CLOUD) : [];
  return (
    <div className="card max-w-3xl">
      <h1 className="mb-3 text-xl font-semibold">{t("helpTitle")}</h1>
      <HelpSearchForm defaultQuery={outcome.ok ? query : ""} errorId={outcome.ok ? undefined : "help-search-error"} />
      {!outcome.ok && (
        <p id="help-search-error" role="alert" className="mb-2 text-sm text-red-700">
          {outcome.message}
        </p>
      )}
      <p role="status" className="mb-3 text-sm">
        {query === ""
          ? t("articleCount", { count: articles.length })
          : t("resultCount", { count: outcome.ok ? outcome.results.length : 0, query })}
      </p>
      {outcome.ok && query !== "" ? (
        <HelpSearchResults results={outcome.results} />
      ) : (
        <nav aria-label={t("allArticles")}>
          <ul className="flex flex-col gap-3">
            {articles.map((article) => (
              <li key={article.slug}>
                <Link href={`/help/${article.slug}`} className="font-semibold">
                  {article.title}
                </Link>
                {article.fallback && <span className="ml-1 text-xs text-gray-600">{t("inEnglish")}</span>}
                {article.description && <p className="text-sm">{article.description}</p>}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
