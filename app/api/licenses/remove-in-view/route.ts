import { getTranslations } from "@/i18n/server";
import { removeInViewSchema } from "@/lib/validation";
import { streamedAction } from "@/server/actions/streamed-action";
import { removeLicensesInView } from "@/server/data/license-changes";

/**
 * "Remove from every user in this view", with its progress: the removal runs as one transaction
 * (server/data/license-changes.ts) and this answer streams `{"removed":n,"total":N}` after each
 * part of it, then the result (server/actions/streamed-action.ts), so the page shows how far a
 * removal of 100,000 licenses is. The data layer checks the role and the product, inside the
 * transaction.
 */
export function POST(request: Request): Promise<Response> {
  return streamedAction(
    request,
    "remove-in-view",
    removeInViewSchema,
    (actor, input, progress) => removeLicensesInView(actor, input, (removed, total) => progress({ removed, total })),
    { revalidate: ["layout"], success: async (r) => (await getTranslations("product"))("removed", { count: r.removed }) },
  );
}
