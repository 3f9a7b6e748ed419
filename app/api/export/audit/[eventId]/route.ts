import { getTranslations } from "@/i18n/server";
import { getLocale } from "next-intl/server";
import { csvResponse, csvSeparatorFor } from "@/lib/csv";
import { idSchema } from "@/lib/validation";
import { getActor } from "@/server/auth/session";
import { exportAuditEventUsers, getAuditEvent } from "@/server/data/audit-read";

/** Every user an audit event's change affected, as CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const [actor, t, locale] = await Promise.all([getActor(), getTranslations("export"), getLocale()]);
  if (!actor) return new Response(t("signInRequired"), { status: 401 });
  if (!idSchema.safeParse(eventId).success) return new Response(t("notFound"), { status: 404 });
  const event = await getAuditEvent(actor, eventId);
  if (!event) return new Response(t("notFound"), { status: 404 });
  const signedActor = actor;
  async function* rows() {
    for await (const batch of exportAuditEventUsers(signedActor, eventId)) {
      yield batch.map((u) => [u.displayName ?? "", u.userPrincipalName ?? "", u.userId]);
    }
  }
  return csvResponse(`audit-${eventId}-users.csv`, [t("displayName"), t("upn"), t("userId")], rows(), csvSeparatorFor(locale));
}
