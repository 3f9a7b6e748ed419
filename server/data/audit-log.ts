import "server-only";
import { pageOf, pageTotal, pageWindow, type Listing, type Page } from "@/lib/listing";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { containsText, transaction } from "../db";
import { authorize } from "./audit";

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
}

/** Audit log: newest first, filtered by free text (actor, action, target) and result. */
export async function findAuditEvents(actor: Actor, listing: Listing<"at">, result: AuditResultFilter): Promise<Page<AuditRow>> {
  await authorize(actor, "read", "audit.list", { type: "audit" });
  return transaction(async (tx) => {
    const where: Prisma.AuditEventWhereInput = {
      ...(result === "all" ? {} : { result }),
      ...(listing.q
        ? { OR: [{ actorName: containsText(listing.q) }, { action: containsText(listing.q) }, { targetId: listing.q }] }
        : {}),
    };
    const rows = await tx.auditEvent.findMany({
      where,
      orderBy: [{ at: listing.dir }, { id: listing.dir }],
      ...pageWindow(listing.page),
      select: { id: true, at: true, actorName: true, action: true, targetType: true, targetId: true, result: true, before: true, after: true, detail: true },
    });
    return pageOf(rows, await pageTotal(listing.page, rows.length, () => tx.auditEvent.count({ where })), listing.page);
  });
}
