import type { Locale } from "@/lib/cloud";
import { HelpTabs } from "./help-tabs";
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

export interface ArticleLabels {
  fallbackNotice: string;
  machineTranslatedTitle: string;
  machineTranslated: string;
}

/**
 * Fallback notice, machine-translation banner with the originals toggle, then the sanitized HTML.
 * No hooks: rendered on the server for a view's article (its HTML then travels once, as HTML),
 * and in the browser for articles opened inside the help pane.
 */
export function ArticleMarkup({ article, labels }: { article: ArticleView; labels: ArticleLabels }) {
  return (
    <article className="help-article-container" lang={article.locale} data-help-article={article.slug}>
      {article.fallback ? (
        <p className="help-notice help-notice-fallback" role="note">
          {labels.fallbackNotice}
        </p>
      ) : null}
      {article.machineTranslated ? (
        <div className="help-notice help-notice-mt" role="note">
          <p>
            <strong>{labels.machineTranslatedTitle}</strong> {labels.machineTranslated}
          </p>
          <ShowOriginalsToggle />
        </div>
      ) : null}
      {/* The HTML is produced by lib/help/render and sanitized there with an allow-list schema. */}
      <div className="help-article" dangerouslySetInnerHTML={{ __html: article.html }} />
      {article.html.includes('role="tablist"') ? <HelpTabs /> : null}
    </article>
  );
}
