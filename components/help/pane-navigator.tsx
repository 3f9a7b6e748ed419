"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition, type MouseEvent, type ReactNode } from "react";
import { loadHelpArticleAction } from "@/server/actions/help";
import type { ArticleView } from "./article-markup";
import { HelpArticleBody } from "./help-article-body";
import { PaneSearch } from "./pane-search";

/**
 * The pane's article: the view's own one arrives rendered by the server (`children`); related
 * links open other articles inside the pane, with a way back.
 */
export function PaneNavigator({ slug: viewSlug, children }: { slug: string; children: ReactNode }) {
  const t = useTranslations("help");
  const [history, setHistory] = useState<ArticleView[]>([]);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const container = useRef<HTMLDivElement>(null);
  const current = history[history.length - 1];

  // After an in-pane navigation (never on the page's first render), show the anchor or the top.
  useEffect(() => {
    if (history.length === 0 && !anchor) return;
    const target = anchor ? container.current?.querySelector(`[id="${CSS.escape(anchor)}"]`) : null;
    (target ?? container.current)?.scrollIntoView({ block: "start" });
  }, [history, anchor]);

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
      setHistory((previous) => (next.slug === (previous[previous.length - 1]?.slug ?? viewSlug) ? previous : [...previous, next]));
    });
  }

  return (
    <div ref={container} onClick={onClick} aria-busy={isPending}>
      <PaneSearch>
        <div className="mb-2 flex items-center gap-3 text-sm">
          {history.length > 0 && (
            <button type="button" className="btn" onClick={() => setHistory((previous) => previous.slice(0, -1))}>
              ‹ {t("back")}
            </button>
          )}
          <Link href={`/help/${current?.slug ?? viewSlug}`} className="ml-auto">
            {t("openFullPage")}
          </Link>
        </div>
        {current ? <HelpArticleBody article={current} /> : children}
      </PaneSearch>
    </div>
  );
}
