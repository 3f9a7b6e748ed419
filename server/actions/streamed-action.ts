import "server-only";
import type { z } from "zod";
import { getTranslations } from "@/i18n/server";
import { isSameOrigin } from "@/lib/same-origin";
import type { Actor } from "../actor";
import { getActor } from "../auth/session";
import { formInput, runAction } from "./safe-action";

/**
 * A server action whose progress the page shows (removing licenses from a whole view, Add multiple
 * users): a route rather than an action, because an action answers once. It checks what an action
 * would — the post comes from this site (403), the session (401), then, in runAction and the data
 * layer, the input and the role — and streams a line of JSON for each `progress` call, then the
 * action's result (`{"ok":true,…}` or the refusal, translated).
 */
export async function streamedAction<S extends z.ZodType, T>(
  request: Request,
  name: string,
  schema: S,
  run: (actor: Actor, data: z.output<S>, progress: (value: Record<string, number>) => void) => Promise<T>,
  options: { revalidate?: string[]; success?: (data: T) => Promise<string> | string } = {},
): Promise<Response> {
  const t = await getTranslations("errors");
  if (!isSameOrigin(request)) return Response.json({ ok: false, code: "FORBIDDEN", message: t("FORBIDDEN") }, { status: 403 });
  if (!(await getActor())) return Response.json({ ok: false, code: "UNAUTHENTICATED", message: t("UNAUTHENTICATED") }, { status: 401 });
  const formData = await request.formData().catch(() => null);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        line(await runAction(schema, formInput(formData), (actor, input) => run(actor, input, line), options));
      } catch (error) {
        console.error(`${name} failed:`, error);
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
