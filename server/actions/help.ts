"use server";
import { getLocale } from "next-intl/server";
import type { ArticleView } from "@/components/help/article-markup";
import { isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import { getHelpArticle } from "@/lib/help/loader";
import { isValidSlug } from "@/lib/help/links";
import { getActor } from "../auth/session";

/** Loads another article into the help pane (related links navigate inside the pane). */
export async function loadHelpArticleAction(slug: unknown): Promise<ArticleView | null> {
  if (typeof slug !== "string" || !isValidSlug(slug) || !(await getActor())) return null;
  const locale = await getLocale();
  const article = await getHelpArticle(slug, isLocale(locale) ? locale : "en-US", env().LICENSE_CENTER_CLOUD);
  if (!article) return null;
  const { locale: served, title, html, machineTranslated, fallback } = article;
  return { slug, locale: served, title, html, machineTranslated, fallback };
}
