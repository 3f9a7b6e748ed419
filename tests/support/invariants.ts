import { expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

interface AuditRecord {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
  result: string;
  detail: string | null;
}

/** Audit events seen by earlier calls, per client (one client per database file). */
const seenAudit = new WeakMap<PrismaClient, Map<string, string>>();

function fingerprint(event: AuditRecord): string {
  return JSON.stringify({ ...event, at: event.at.toISOString() });
}

/**
 * Checks what must hold after any sequence of data-layer calls:
 * - an assignment is unique per user × product;
 * - each product's maintained assignedCount equals the assignments of non-deleted users;
 * - no audit event seen by an earlier call on this client was updated or deleted, and the
 *   append-only triggers are still in place.
 * Call it once right after seeding to record the audit baseline.
 */
export async function assertInvariants(prisma: PrismaClient): Promise<void> {
  const duplicates = await prisma.licenseAssignment.groupBy({
    by: ["userId", "productId"],
    _count: { _all: true },
    having: { userId: { _count: { gt: 1 } } },
  });
  expect(duplicates, "assignments must be unique per user × product").toEqual([]);

  const products = await prisma.product.findMany({ select: { id: true, skuPartNumber: true, assignedCount: true } });
  const counted = await prisma.licenseAssignment.groupBy({
    by: ["productId"],
    where: { user: { deletedAt: null } },
    _count: { _all: true },
  });
  const countedBy = new Map(counted.map((row) => [row.productId, row._count._all]));
  for (const product of products) {
    expect(product.assignedCount, `assignedCount of ${product.skuPartNumber}`).toBe(countedBy.get(product.id) ?? 0);
  }

  // The append-only guards: triggers on SQLite, rules on PostgreSQL (see the migrations).
  const guards =
    process.env.TEST_DATABASE === "postgres"
      ? await prisma.$queryRaw<{ name: string }[]>`SELECT rulename AS name FROM pg_rules WHERE tablename = 'AuditEvent' ORDER BY rulename`
      : await prisma.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvent' ORDER BY name`;
  expect(guards.map((t) => t.name)).toEqual(["AuditEvent_no_delete", "AuditEvent_no_update"]);

  const events: AuditRecord[] = await prisma.auditEvent.findMany();
  const current = new Map(events.map((event) => [event.id, fingerprint(event)]));
  const previous = seenAudit.get(prisma);
  if (previous) {
    for (const [id, print] of previous) {
      expect(current.get(id), `audit event ${id} must be unchanged`).toBe(print);
    }
  }
  seenAudit.set(prisma, current);
}
