import Link from "next/link";
import { z } from "zod";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "@/i18n/server";
import { PageHeader } from "@/components/page-header";
import { hrefWith } from "@/components/ui/list-controls";
import { ListSection } from "@/components/ui/list-section";
import { WithHelp } from "@/components/with-help";
import { auditEventHelpSlug } from "@/lib/help/articles";
import { parseListing } from "@/lib/listing";
import { idSchema } from "@/lib/validation";
import { requireActor } from "@/server/auth/require-actor";
import { findAuditEventUsers, getAuditEvent } from "@/server/data/audit-read";
import { actionName } from "../_components/audit-table";
import { UndoRemoval } from "../_components/undo-removal";
import { findUndoable } from "@/server/data/undo";

/** Where a target of each type has its own page. */
const TARGET_PAGES: Record<string, string> = { product: "/billing/licenses", user: "/users", audit: "/audit" };

type Props = { params: Promise<{ eventId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("eventTitle") };
}

/** One audit event, with every user its (bulk) change affected, paged and exportable. */
export default async function AuditEventPage({ params, searchParams }: Props) {
  const { eventId } = await params;
  if (!idSchema.safeParse(eventId).success) notFound();
  const listing = parseListing(await searchParams, ["name"] as const);
  const [actor, t, format] = await Promise.all([requireActor(), getTranslations("audit"), getFormatter()]);
  const event = await getAuditEvent(actor, eventId);
  if (!event) notFound();
  const [users, undoable] = await Promise.all([findAuditEventUsers(actor, eventId, listing), findUndoable(actor, eventId)]);
  const base = `/audit/${eventId}`;
  const reclaimed = event.action === "license.reclaimInactive" ? reclaimedProducts(event.after) : [];
  return (
    <WithHelp slug={auditEventHelpSlug(event)}>
      <PageHeader
        breadcrumb={<Link href="/audit">{t("title")}</Link>}
        title={actionName(t, event.action)}
        description={
          <>
            {t("eventSummary", {
              actor: event.actorName,
              at: format.dateTime(event.at, { dateStyle: "medium", timeStyle: "medium" }),
              count: event.userCount,
            })}{" "}
            {event.targetId && (
              <span>
                {t("columns.target")}:{" "}
                {TARGET_PAGES[event.targetType] ? (
                  <Link href={`${TARGET_PAGES[event.targetType]}/${event.targetId}`} className="underline">
                    {event.targetId}
                  </Link>
                ) : (
                  event.targetId
                )}
              </span>
            )}
          </>
        }
      />
      {undoable && (
        <UndoRemoval
          eventId={eventId}
          labels={{
            button: t("undo.button"),
            question:
              undoable.products > 1
                ? t("undo.questionProducts", { count: undoable.licenses, products: undoable.products })
                : t("undo.question", { count: undoable.licenses, product: event.targetName ?? "" }),
            confirm: t("undo.confirm", { count: undoable.licenses }),
            pending: t("undo.pending"),
            cancel: t("undo.cancel"),
            until: t("undo.until", { time: format.dateTime(undoable.until, { timeStyle: "short" }) }),
            conflictQuestion: t("undo.conflictQuestion"),
            conflictConfirm: t("undo.conflictConfirm"),
          }}
        />
      )}
      {reclaimed.length > 0 && (
        <section className="card mb-5 text-sm" aria-labelledby="reclaimed-heading">
          <h2 id="reclaimed-heading" className="mb-2 text-lg font-semibold">
            {t("reclaimed")}
          </h2>
          <ul className="list-inside list-disc">
            {reclaimed.map((p) => (
              <li key={p.name}>
                {p.name}: {format.number(p.count)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ListSection
        id="event-users-heading"
        heading={t("affectedUsers", { count: event.userCount })}
        tools={
          event.userCount > 0 && (
            <a href={`/api/export/audit/${eventId}`} className="btn hover:no-underline" download>
              {t("exportUsers")}
            </a>
          )
        }
        search={{ label: t("searchUsers"), q: listing.q }}
        empty={listing.q ? t("noMatchingUsers") : t("noUsers")}
        page={users}
        base={base}
        query={{ q: listing.q }}
      >
        <table className="stack-sm">
          <thead>
            <tr>
              <th scope="col">{t("userColumns.name")}</th>
              <th scope="col">{t("userColumns.upn")}</th>
            </tr>
          </thead>
          <tbody>
            {users.rows.map((user) => (
              <tr key={user.userId}>
                <td data-label={t("userColumns.name")}>
                  {user.displayName ? (
                    <Link href={`/users/${user.userId}`}>{user.displayName}</Link>
                  ) : (
                    <span className="text-neutral-600">{t("userGone", { id: user.userId })}</span>
                  )}
                </td>
                <td data-label={t("userColumns.upn")} className="break-all">
                  {user.userPrincipalName}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ListSection>
      <p className="mt-3 text-sm">
        <Link href={hrefWith("/audit", { q: event.targetId ?? undefined }, {})}>{t("backToLog")}</Link>
      </p>
    </WithHelp>
  );
}

const reclaimedSchema = z.object({ products: z.array(z.object({ name: z.string(), count: z.number() })) });

/** A reclaim's products and counts, from its record (nothing when the record holds another shape). */
function reclaimedProducts(after: string | null): { name: string; count: number }[] {
  if (!after) return [];
  try {
    const parsed = reclaimedSchema.safeParse(JSON.parse(after));
    return parsed.success ? parsed.data.products : [];
  } catch {
    return [];
  }
}
