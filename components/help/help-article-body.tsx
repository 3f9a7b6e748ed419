"use client";
import { useTranslations } from "next-intl";
import type { Locale } from "@/lib/cloud";
import { ShowOriginalsToggle } from "./show-originals-toggle";

/** The serializable part of a rendered article that the UI shows. */
export interface ArticleView {
  slug: string;
  locale: Locale;
  title: string;
  html: string;
  machineTranslated: boolean;
  fallback: boolean;
}

/** Fallback notice, machine-translation banner with the originals toggle, then the sanitized HTML. */
export function HelpArticleBody({ article }: { article: ArticleView }) {
  const t = useTranslations("help");
  return (
    <article className="help-article-container" lang={article.locale} data-help-article={article.slug}>
      {article.fallback ? (
        <p className="help-notice help-notice-fallback" role="note">
          {t("fallbackNotice")}
        </p>
      ) : null}
      {article.machineTranslated ? (
        <div className="help-notice help-notice-mt" role="note">
          <p>
            <strong>{t("machineTranslatedTitle")}</strong> {t("machineTranslated")}
          </p>
          <ShowOriginalsToggle />
        </div>
      ) : null}
      {/* The HTML is produced by lib/help/render and sanitized there with an allow-list schema. */}
      <div className="help-article" dangerouslySetInnerHTML={{ __html: article.html }} />
    </article>
  );
}
