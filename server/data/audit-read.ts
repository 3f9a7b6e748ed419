import "server-only";
import { pageOf, pageTotal, pageWindow, type Listing, type Page } from "@/lib/listing";
import { Prisma, type AuditEvent } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { countRows, rawDate, transaction } from "../db";
import { auditEventsSql, prepareAuditSearch, usersContainingSql, type AuditRange, type SearchRows } from "./listing-filters";

export type { AuditRange } from "./listing-filters";

export const AUDIT_RESULTS = ["all", "success", "denied", "failed"] as const;
export type AuditResultFilter = (typeof AUDIT_RESULTS)[number];

/** An audit event as the log shows it: every field but the actor's id. */
export type AuditRow = Omit<AuditEvent, "actorId">;

const DIRECTION = { asc: Prisma.raw("ASC"), desc: Prisma.raw("DESC") } as const;

type RawAuditRow = Omit<AuditRow, "at" | "userCount"> & { at: Date | string; userCount: number | bigint };

/**
 * The columns of the log's rows over a page of events `e`: the target's name as recorded, or
 * for records written before names were kept, the target's current name (deleted users keep
 * theirs), read for the page's rows only.
 */
function auditColumns(page: Prisma.Sql, dir: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT e."id", e."at", e."actorName", e."action", e."targetType", e."targetId",
      COALESCE(e."targetName", tu."displayName", tp."displayName", sp."displayName") AS "targetName",
      e."result", e."before", e."after", e."detail", e."userCount"
    FROM (${page}) e
    LEFT JOIN "User" tu ON e."targetName" IS NULL AND e."targetType" = 'user' AND tu."id" = e."targetId"
    LEFT JOIN "Product" tp ON e."targetName" IS NULL AND e."targetType" = 'product' AND tp."id" = e."targetId"
    LEFT JOIN "Subscription" ts ON e."targetName" IS NULL AND e."targetType" = 'subscription' AND ts."id" = e."targetId"
    LEFT JOIN "Product" sp ON sp."id" = ts."productId"
    ORDER BY e."at" ${dir}, e."id" ${dir}`;
}

function auditRow(row: RawAuditRow): AuditRow {
  return { ...row, at: rawDate(row.at), userCount: Number(row.userCount) };
}

/** Audit log: newest first, filtered by free text (actor, action, target), result and a date range. */
export async function findAuditEvents(
  actor: Actor,
  listing: Listing<"at">,
  result: AuditResultFilter,
  range: AuditRange = {},
): Promise<Page<AuditRow>> {
  await authorize(actor, "audit.list");
  return transaction(async (tx) => {
    const search = await prepareAuditSearch(tx, listing.q);
    const events = (rows: SearchRows) => auditEventsSql(rows, result, range);
    const { skip, take } = pageWindow(listing.page);
    const dir = DIRECTION[listing.dir];
    const rows = await tx.$queryRaw<RawAuditRow[]>(
      auditColumns(Prisma.sql`SELECT e.* ${events(search.page)} ORDER BY e."at" ${dir}, e."id" ${dir} LIMIT ${take} OFFSET ${skip}`, dir),
    );
    const page = rows.map(auditRow);
    return pageOf(page, await pageTotal(listing.page, page.length, (limit) => countRows(tx, events(search.all), limit)), listing.page);
  });
}

/** Rows per batch of the audit log's CSV export. */
const AUDIT_EXPORT_BATCH = 2_000;

/**
 * Streams the audit log as the page filters it (search, result, range), newest first, in
 * keyset-paginated batches of one short transaction each.
 */
export async function* exportAuditEvents(
  actor: Actor,
  q: string,
  result: AuditResultFilter,
  range: AuditRange = {},
): AsyncGenerator<AuditRow[]> {
  await authorize(actor, "audit.list");
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const cursor: { at: Date; id: string } | null = after;
    const rows: RawAuditRow[] = await transaction(async (tx): Promise<RawAuditRow[]> => {
      const search = await prepareAuditSearch(tx, q);
      const desc = DIRECTION.desc;
      const before: Prisma.Sql = cursor
        ? Prisma.sql` AND (e."at" < ${cursor.at} OR (e."at" = ${cursor.at} AND e."id" < ${cursor.id}))`
        : Prisma.empty;
      return tx.$queryRaw<RawAuditRow[]>(
        auditColumns(
          Prisma.sql`SELECT e.* ${auditEventsSql(search.all, result, range)}${before} ORDER BY e."at" ${desc}, e."id" ${desc} LIMIT ${AUDIT_EXPORT_BATCH}`,
          desc,
        ),
      );
    });
    if (rows.length === 0) return;
    const batch: AuditRow[] = rows.map(auditRow);
    yield batch;
    const last: AuditRow = batch[batch.length - 1]!;
    after = { at: last.at, id: last.id };
    if (rows.length < AUDIT_EXPORT_BATCH) return;
  }
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
        targetName: true,
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
