import "server-only";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/i18n/server";
import { isLocale } from "@/lib/cloud";
import { env } from "@/lib/env";
import type { HelpSearchResult } from "@/lib/help/search";
import { findHelpArticles } from "@/lib/help/search-index";
import { MAX_SEARCH } from "@/lib/listing";
import { helpSearchSchema } from "@/lib/validation";

export type HelpSearchOutcome = { ok: true; query: string; results: HelpSearchResult[] } | { ok: false; message: string };

/**
 * A help search in the request's locale and the deployment's cloud. Help articles are the same
 * for every admin, so callers only check that someone is signed in (as the article pages do).
 */
export async function searchHelp(q: unknown): Promise<HelpSearchOutcome> {
  const parsed = helpSearchSchema.safeParse({ q });
  if (!parsed.success) return { ok: false, message: (await getTranslations("help"))("searchTooLong", { max: MAX_SEARCH }) };
  const locale = await getLocale();
  const query = parsed.data.q;
  return { ok: true, query, results: await findHelpArticles(query, isLocale(locale) ? locale : "en-US", env().LICENSE_CENTER_CLOUD) };
}
