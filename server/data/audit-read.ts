import "server-only";
import { pageOf, pageTotal, pageWindow, type Listing, type Page } from "@/lib/listing";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { countRows, rawDate, transaction } from "../db";
import { containsSql } from "./listing-filters";

export const AUDIT_RESULTS = ["all", "success", "denied", "failed"] as const;
export type AuditResultFilter = (typeof AUDIT_RESULTS)[number];

export interface AuditRow {
  id: string;
  at: Date;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  result: string;
  before: string | null;
  after: string | null;
  detail: string | null;
  userCount: number;
}

const DIRECTION = { asc: Prisma.raw("ASC"), desc: Prisma.raw("DESC") } as const;

/** Audit log: newest first, filtered by free text (actor, action, target) and result. */
export async function findAuditEvents(actor: Actor, listing: Listing<"at">, result: AuditResultFilter): Promise<Page<AuditRow>> {
  await authorize(actor, "audit.list");
  return transaction(async (tx) => {
    const conditions: Prisma.Sql[] = [];
    if (result !== "all") conditions.push(Prisma.sql`e."result" = ${result}`);
    if (listing.q) {
      conditions.push(Prisma.sql`(${containsSql(Prisma.sql`e."actorName"`, listing.q)} OR ${containsSql(Prisma.sql`e."action"`, listing.q)} OR e."targetId" = ${listing.q})`);
    }
    const from = Prisma.sql`FROM "AuditEvent" e${conditions.length > 0 ? Prisma.sql` WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}`;
    const { skip, take } = pageWindow(listing.page);
    const dir = DIRECTION[listing.dir];
    const rows = await tx.$queryRaw<(Omit<AuditRow, "at" | "userCount"> & { at: Date | string; userCount: number | bigint })[]>`
      SELECT e."id", e."at", e."actorName", e."action", e."targetType", e."targetId", e."result", e."before", e."after", e."detail", e."userCount"
      ${from} ORDER BY e."at" ${dir}, e."id" ${dir} LIMIT ${take} OFFSET ${skip}`;
    const events = rows.map((row) => ({ ...row, at: rawDate(row.at), userCount: Number(row.userCount) }));
    return pageOf(events, await pageTotal(listing.page, events.length, () => countRows(tx, from)), listing.page);
  });
}
