import "server-only";
import { pageOf, pageTotal, pageWindow, type Listing, type Page } from "@/lib/listing";
import { Prisma, type AuditEvent } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { countRows, rawDate, transaction } from "../db";
import { auditEventsSql, prepareAuditSearch, usersContainingSql, type SearchRows } from "./listing-filters";

export const AUDIT_RESULTS = ["all", "success", "denied", "failed"] as const;
export type AuditResultFilter = (typeof AUDIT_RESULTS)[number];

/** An audit event as the log shows it: every field but the actor's id. */
export type AuditRow = Omit<AuditEvent, "actorId">;

const DIRECTION = { asc: Prisma.raw("ASC"), desc: Prisma.raw("DESC") } as const;

/** Audit log: newest first, filtered by free text (actor, action, target) and result. */
export async function findAuditEvents(actor: Actor, listing: Listing<"at">, result: AuditResultFilter): Promise<Page<AuditRow>> {
  await authorize(actor, "audit.list");
  return transaction(async (tx) => {
    const search = await prepareAuditSearch(tx, listing.q);
    const events = (rows: SearchRows) => auditEventsSql(rows, result);
    const { skip, take } = pageWindow(listing.page);
    const dir = DIRECTION[listing.dir];
    const rows = await tx.$queryRaw<(Omit<AuditRow, "at" | "userCount"> & { at: Date | string; userCount: number | bigint })[]>`
      SELECT e."id", e."at", e."actorName", e."action", e."targetType", e."targetId", e."result", e."before", e."after", e."detail", e."userCount"
      ${events(search.page)} ORDER BY e."at" ${dir}, e."id" ${dir} LIMIT ${take} OFFSET ${skip}`;
    const page = rows.map((row) => ({ ...row, at: rawDate(row.at), userCount: Number(row.userCount) }));
    return pageOf(page, await pageTotal(listing.page, page.length, (limit) => countRows(tx, events(search.all), limit)), listing.page);
  });
}

/** One audit event, for its own page (the users a bulk change affected are paged separately). */
export async function getAuditEvent(actor: Actor, eventId: string): Promise<AuditRow | null> {
  await authorize(actor, "audit.read", eventId);
  return transaction(async (tx) => {
    return tx.auditEvent.findUnique({
      where: { id: eventId },
      select: {
        id: true,
        at: true,
        actorName: true,
        action: true,
        targetType: true,
        targetId: true,
        result: true,
        before: true,
        after: true,
        detail: true,
        userCount: true,
      },
    });
  });
}

export interface AuditUserRow {
  userId: string;
  /** Null when the user no longer exists (the record keeps the id). */
  displayName: string | null;
  userPrincipalName: string | null;
}

function auditUsersFrom(eventId: string, q: string): Prisma.Sql {
  const search = q ? Prisma.sql` AND ${usersContainingSql(q)}` : Prisma.empty;
  return Prisma.sql`FROM "AuditEventUser" x LEFT JOIN "User" u ON u."id" = x."userId" WHERE x."eventId" = ${eventId}${search}`;
}

/** A page of the users an audit event's change affected, by name. */
export async function findAuditEventUsers(actor: Actor, eventId: string, listing: Listing<"name">): Promise<Page<AuditUserRow>> {
  await authorize(actor, "audit.read", eventId);
  return transaction(async (tx) => {
    const from = auditUsersFrom(eventId, listing.q);
    const { skip, take } = pageWindow(listing.page);
    const rows = await tx.$queryRaw<AuditUserRow[]>`
      SELECT x."userId", u."displayName", u."userPrincipalName" ${from}
      ORDER BY u."displayName" ${DIRECTION[listing.dir]}, x."userId" ASC LIMIT ${take} OFFSET ${skip}`;
    return pageOf(rows, await pageTotal(listing.page, rows.length, (limit) => countRows(tx, from, limit)), listing.page);
  });
}

/** Streams every user an audit event's change affected, in batches by id. */
export async function* exportAuditEventUsers(actor: Actor, eventId: string): AsyncGenerator<AuditUserRow[]> {
  await authorize(actor, "audit.read", eventId);
  let after = "";
  for (;;) {
    const rows = await transaction(
      (tx) =>
        tx.$queryRaw<AuditUserRow[]>`
        SELECT x."userId", u."displayName", u."userPrincipalName" ${auditUsersFrom(eventId, "")} AND x."userId" > ${after}
        ORDER BY x."userId" ASC LIMIT ${EXPORT_BATCH}`,
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.userId ?? after;
    if (rows.length < EXPORT_BATCH) return;
  }
}

const EXPORT_BATCH = 1000;
