"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition, type MouseEvent } from "react";
import { loadHelpArticleAction } from "@/server/actions/help";
import { HelpArticleBody, type ArticleView } from "./help-article-body";

/** The pane's article; related-article links open inside the pane, with a way back. */
export function PaneNavigator({ initial }: { initial: ArticleView }) {
  const t = useTranslations("help");
  const [history, setHistory] = useState<ArticleView[]>([initial]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const container = useRef<HTMLDivElement>(null);
  const current = history[history.length - 1] ?? initial;

  useEffect(() => {
    const target = anchor ? container.current?.querySelector(`[id="${CSS.escape(anchor)}"]`) : null;
    (target ?? container.current)?.scrollIntoView({ block: "start" });
  }, [current, anchor]);

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-help-slug]");
    const slug = link?.dataset.helpSlug;
    if (!link || !slug || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    const hash = new URL(link.href, window.location.href).hash.slice(1);
    startTransition(async () => {
      const next = await loadHelpArticleAction(slug);
      if (!next) return;
      setAnchor(hash || null);
      setHistory((previous) => (slug === previous[previous.length - 1]?.slug ? previous : [...previous, next]));
    });
  }

  return (
    <div ref={container} onClick={onClick} aria-busy={isPending}>
      <div className="mb-2 flex items-center gap-3 text-sm">
        {history.length > 1 && (
          <button type="button" className="btn" onClick={() => setHistory((previous) => previous.slice(0, -1))}>
            ‹ {t("back")}
          </button>
        )}
        <Link href={`/help/${current.slug}`} className="ml-auto">{t("openFullPage")}</Link>
      </div>
      <HelpArticleBody article={current} />
    </div>
  );
}
