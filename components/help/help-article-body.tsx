"use client";
import { useTranslations } from "next-intl";
import { ArticleMarkup, type ArticleView } from "./article-markup";

/** An article rendered in the browser (one opened from a link inside the help pane). */
export function HelpArticleBody({ article }: { article: ArticleView }) {
  const t = useTranslations("help");
  const labels = {
    fallbackNotice: t("fallbackNotice"),
    machineTranslatedTitle: t("machineTranslatedTitle"),
    machineTranslated: t("machineTranslated"),
  };
  return <ArticleMarkup article={article} labels={labels} />;
}
