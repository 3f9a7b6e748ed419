import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { HelpArticle } from "@/components/help/help-article";
import { isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { getHelpArticle, listHelpArticles } from "@/lib/help/loader";
import { isValidSlug } from "@/lib/help/links";
import { requireActor } from "@/server/auth/require-actor";

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const locale = await getLocale();
  return getHelpArticle(slug, isLocale(locale) ? locale : "en-US", env().LICENSE_CENTER_CLOUD);
}

export async function generateMetadata({ params }: Props) {
  const { slug } = await params;
  const article = isValidSlug(slug) ? await load(slug) : null;
  return { title: article?.title ?? (await getTranslations("common"))("notFoundTitle") };
}

/** Any help article as a full page, with the list of all articles beside it. */
export default async function HelpPage({ params }: Props) {
  await requireActor();
  const { slug } = await params;
  if (!isValidSlug(slug)) notFound();
  const article = await load(slug);
  if (!article) notFound();
  const locale = await getLocale();
  const [articles, t] = await Promise.all([
    listHelpArticles(isLocale(locale) ? locale : "en-US", env().LICENSE_CENTER_CLOUD),
    getTranslations("help"),
  ]);
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <div className="card min-w-0 max-w-3xl flex-1">
        <HelpArticle article={article} />
      </div>
      <nav aria-label={t("allArticles")} className="card w-full lg:w-72">
        <h2 className="mb-2 text-sm font-semibold">{t("allArticles")}</h2>
        <ul className="flex flex-col gap-1 text-sm">
          {articles.map((a) => (
            <li key={a.slug}>
              <Link
                href={`/help/${a.slug}`}
                aria-current={a.slug === slug ? "page" : undefined}
                className={a.slug === slug ? "font-semibold" : undefined}
              >
                {a.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
