import { checkDatabase } from "@/server/db";

/** Liveness of the database, for load balancers and for the error page's "temporarily unavailable". */
export async function GET() {
  const isUp = await checkDatabase();
  return Response.json({ database: isUp ? "ok" : "unavailable" }, { status: isUp ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
