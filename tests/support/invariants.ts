import { expect } from "vitest";
import type { AuditEvent, PrismaClient } from "@/lib/generated/prisma/client";
import { checkInvariants, checkSeatCounts, describeProblem } from "@/server/maintenance/invariants";

/** Audit events seen by earlier calls, per client (one client per database file). */
const seenAudit = new WeakMap<PrismaClient, Map<string, string>>();

function fingerprint(event: AuditEvent): string {
  return JSON.stringify({ ...event, at: event.at.toISOString() });
}

/**
 * Checks what must hold after any sequence of data-layer calls: every invariant `npm run
 * db:check` verifies (server/maintenance/invariants.ts), and that no audit event seen by an
 * earlier call on this client was updated or deleted. Call it once right after seeding to
 * record the audit baseline.
 */
export async function assertInvariants(prisma: PrismaClient): Promise<void> {
  const problems = await prisma.$transaction((tx) => checkInvariants(tx));
  expect(problems.map(describeProblem)).toEqual([]);

  const events: AuditEvent[] = await prisma.auditEvent.findMany();
  const current = new Map(events.map((event) => [event.id, fingerprint(event)]));
  const previous = seenAudit.get(prisma);
  if (previous) {
    for (const [id, print] of previous) {
      expect(current.get(id), `audit event ${id} must be unchanged`).toBe(print);
    }
  }
  seenAudit.set(prisma, current);
}

/** The seat-count invariant alone, for tests that check it after every one of many rounds. */
export async function assertSeatCounts(prisma: PrismaClient): Promise<void> {
  const problems = await prisma.$transaction((tx) => checkSeatCounts(tx));
  expect(problems.map(describeProblem)).toEqual([]);
}
