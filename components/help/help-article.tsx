import type { LoadedHelpArticle } from "@/lib/help/cache";
import { HelpArticleBody, type ArticleView } from "./help-article-body";

type ArticleSource = Pick<LoadedHelpArticle, "slug" | "locale" | "title" | "html" | "machineTranslated" | "fallback">;
export function toArticleView(article: ArticleSource): ArticleView {
  const { slug, locale, title, html, machineTranslated, fallback } = article;
  return { slug, locale, title, html, machineTranslated, fallback };
}

/** A help article as served (full-page help route). */
export function HelpArticle({ article }: { article: ArticleSource }) {
  return <HelpArticleBody article={toArticleView(article)} />;
}
