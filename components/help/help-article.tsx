import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/cloud";
import type { RenderedArticle } from "@/lib/help/render";
import { ShowOriginalsToggle } from "./show-originals-toggle";

export interface HelpArticleProps {
  /** A rendered article, typically from getHelpArticle (lib/help/cache). */
  article: RenderedArticle & { slug?: string; locale?: Locale; fallback?: boolean };
}

/**
 * A help article as served: fallback notice, machine-translation banner with the originals
 * toggle, then the sanitized HTML. Styles live in app/help.css.
 */
export async function HelpArticle({ article }: HelpArticleProps) {
  const t = await getTranslations("help");
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
