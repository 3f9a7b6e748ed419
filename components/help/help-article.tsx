import { getTranslations } from "@/i18n/server";
import type { LoadedHelpArticle } from "@/lib/help/loader";
import { ArticleMarkup, type ArticleView } from "./article-markup";

type ArticleSource = Pick<LoadedHelpArticle, "slug" | "locale" | "title" | "html" | "machineTranslated" | "fallback">;

export function toArticleView(article: ArticleSource): ArticleView {
  const { slug, locale, title, html, machineTranslated, fallback } = article;
  return { slug, locale, title, html, machineTranslated, fallback };
}

/** A help article rendered on the server. */
export async function HelpArticle({ article }: { article: ArticleSource }) {
  const t = await getTranslations("help");
  const labels = {
    fallbackNotice: t("fallbackNotice"),
    machineTranslatedTitle: t("machineTranslatedTitle"),
    machineTranslated: t("machineTranslated"),
  };
  return <ArticleMarkup article={toArticleView(article)} labels={labels} />;
}
