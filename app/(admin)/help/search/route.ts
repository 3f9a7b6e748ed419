import { getTranslations } from "@/i18n/server";
import { getActor } from "@/server/auth/session";
import { searchHelp } from "@/server/help-search";

/** The help pane's search: `?q=` → `{ ok: true, data: { query, results } }` or `{ ok: false, code, message }`. */
export async function GET(request: Request) {
  if (!(await getActor())) {
    const message = (await getTranslations("errors"))("UNAUTHENTICATED");
    return Response.json({ ok: false, code: "UNAUTHENTICATED", message }, { status: 401 });
  }
  const outcome = await searchHelp(new URL(request.url).searchParams.get("q") ?? "");
  if (!outcome.ok) return Response.json({ ok: false, code: "VALIDATION", message: outcome.message }, { status: 400 });
  return Response.json(
    { ok: true, data: { query: outcome.query, results: outcome.results } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
