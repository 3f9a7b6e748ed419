import { getTranslations } from "@/i18n/server";
import { isSameOrigin } from "@/lib/same-origin";
import { removeInViewSchema } from "@/lib/validation";
import { formInput, runAction } from "@/server/actions/safe-action";
import { getActor } from "@/server/auth/session";
import { removeLicensesInView } from "@/server/data/license-changes";

/**
 * "Remove from every user in this view", with its progress: the removal runs as one transaction
 * (server/data/license-changes.ts) and this answer streams a line of JSON after each part of it —
 * `{"removed":n,"total":N}` — and last the action's result (`{"ok":true,…}` or the refusal,
 * translated), so the page shows how far a removal of 100,000 licenses is. A route rather than a
 * server action because an action answers once; it checks what an action would: that the post
 * comes from this site (403), the session (401), then — in runAction and the data layer, inside
 * the transaction — the input, the role and the product.
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
          removeInViewSchema,
          formInput(formData),
          (actor, input) => removeLicensesInView(actor, input, (removed, total) => line({ removed, total })),
          { revalidate: ["layout"], success: async (r) => (await getTranslations("product"))("removed", { count: r.removed }) },
        );
        line(result);
      } catch (error) {
        console.error("remove-in-view failed:", error);
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
