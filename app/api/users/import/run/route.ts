import { getTranslations } from "@/i18n/server";
import { isSameOrigin } from "@/lib/same-origin";
import { importRunSchema } from "@/lib/validation";
import { formInput, runAction } from "@/server/actions/safe-action";
import { getActor } from "@/server/auth/session";
import { runUserImport } from "@/server/data/user-import";

/**
 * Add multiple users, step 3: runs a previewed upload and streams a line of JSON after each
 * batch — `{"processed":n,"total":N}` — and last the result (`{"ok":true,…}` or the refusal,
 * translated), as the removal from a whole view does (app/api/licenses/remove-in-view). It checks
 * what an action would: the post comes from this site (403), the session (401), then — in
 * runAction and the data layer — the input, the role and whose upload it is.
 */
export async function POST(request: Request): Promise<Response> {
  const t = await getTranslations("errors");
  if (!isSameOrigin(request)) return Response.json({ ok: false, code: "FORBIDDEN", message: t("FORBIDDEN") }, { status: 403 });
  if (!(await getActor())) return Response.json({ ok: false, code: "UNAUTHENTICATED", message: t("UNAUTHENTICATED") }, { status: 401 });
  const formData = await request.formData().catch(() => null);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        const result = await runAction(
          importRunSchema,
          formInput(formData),
          (actor, input) => runUserImport(actor, input, (processed, total) => line({ processed, total })),
          { revalidate: ["layout"], success: async (r) => (await getTranslations("users"))("import.done", { ...r }) },
        );
        line(result);
      } catch (error) {
        console.error("user import failed:", error);
        line({ ok: false, code: "TEMPORARILY_UNAVAILABLE", message: t("TEMPORARILY_UNAVAILABLE") });
      }
      controller.close();
    },
  });
  // no-transform: compression (Next's, or a proxy's) would hold the lines back until the end.
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
