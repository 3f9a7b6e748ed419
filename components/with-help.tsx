import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { HelpArticle } from "@/components/help/help-article";
import { PaneNavigator } from "@/components/help/pane-navigator";
import { isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { getHelpArticle } from "@/lib/help/loader";
import { HelpPane } from "./help-pane";
import { HELP_PANE_COOKIE } from "./help-pane-cookie";

/** A view with its help article in a collapsible pane beside it. */
export async function WithHelp({ slug, children }: { slug: string; children: ReactNode }) {
  const [locale, cookieStore] = await Promise.all([getLocale(), cookies()]);
  const article = await getHelpArticle(slug, isLocale(locale) ? locale : "en-US", env().LICENSE_CENTER_CLOUD);
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <div className="min-w-0 flex-1">{children}</div>
      {article && (
        <HelpPane initiallyOpen={cookieStore.get(HELP_PANE_COOKIE)?.value !== "closed"} title={article.title}>
          <PaneNavigator key={`${article.slug}:${article.locale}`} slug={article.slug}>
            <HelpArticle article={article} />
          </PaneNavigator>
        </HelpPane>
      )}
    </div>
  );
}
