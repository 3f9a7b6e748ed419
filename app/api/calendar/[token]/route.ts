import { calendarFor } from "@/server/alerts/calendar";

/**
 * An admin's iCalendar feed (Settings › Alert emails › Calendar): the secret token in the URL is
 * the credential, as calendar apps can't sign in. Unknown or revoked: 404, telling nothing more.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const body = await calendarFor(token.replace(/\.ics$/, ""));
  if (body === null)
    return new Response("Not found\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="license-center.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
