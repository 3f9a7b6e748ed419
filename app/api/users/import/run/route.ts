import { getTranslations } from "@/i18n/server";
import { importRunSchema } from "@/lib/validation";
import { streamedAction } from "@/server/actions/streamed-action";
import { runUserImport } from "@/server/data/user-import";

/**
 * Add multiple users, step 3: runs a previewed upload and streams `{"processed":n,"total":N}`
 * after each batch, then the result (server/actions/streamed-action.ts). The data layer checks the
 * role and whose upload it is.
 */
export function POST(request: Request): Promise<Response> {
  return streamedAction(
    request,
    "user import",
    importRunSchema,
    (actor, input, progress) => runUserImport(actor, input, (processed, total) => progress({ processed, total })),
    { revalidate: ["layout"], success: async (r) => (await getTranslations("users"))("import.done", { ...r }) },
  );
}
