import "server-only";
import { recordAudit } from "../data/audit-write";
import { isPostgres, type Tx } from "../db";

/**
 * What must hold in every License Center database, whatever happened to it, checked by
 * `npm run db:check` (and after every integration test):
 * - each product's maintained assignedCount equals the assignments of its non-deleted users;
 * - an assignment is unique per user × product;
 * - the organization keeps at least one Global admin who can sign in;
 * - no deleted or disabled user holds a session that would still be accepted;
 * - a bulk audit record lists exactly as many users as it says it affected;
 * - the audit log's append-only guards (triggers on SQLite, rules on PostgreSQL) are in place.
 */
export type Problem =
  | { kind: "seatCount"; productId: string; sku: string; maintained: number; counted: number }
  | { kind: "duplicateAssignment"; userId: string; productId: string }
  | { kind: "noGlobalAdmin" }
  | { kind: "liveSessionOfInactiveUser"; userId: string; sessions: number }
  | { kind: "auditUserCount"; eventId: string; recorded: number; listed: number }
  | { kind: "auditGuardMissing"; guard: string };

export const AUDIT_GUARDS = [
  "AuditEventUser_no_delete",
  "AuditEventUser_no_update",
  "AuditEvent_no_delete",
  "AuditEvent_no_update",
] as const;

/** Seat counts only: the invariant every seat-moving change must keep (cheap enough to run often). */
export async function checkSeatCounts(tx: Tx): Promise<Problem[]> {
  const rows = await tx.$queryRaw<{ id: string; sku: string; maintained: number | bigint; counted: number | bigint }[]>`
    SELECT p."id", p."skuPartNumber" AS "sku", p."assignedCount" AS "maintained",
      (SELECT COUNT(*) FROM "LicenseAssignment" a JOIN "User" u ON u."id" = a."userId" WHERE a."productId" = p."id" AND u."deletedAt" IS NULL) AS "counted"
    FROM "Product" p ORDER BY p."skuPartNumber"`;
  return rows
    .filter((row) => Number(row.maintained) !== Number(row.counted))
    .map((row) => ({
      kind: "seatCount",
      productId: row.id,
      sku: row.sku,
      maintained: Number(row.maintained),
      counted: Number(row.counted),
    }));
}

export async function checkInvariants(tx: Tx, now = new Date()): Promise<Problem[]> {
  const problems = await checkSeatCounts(tx);
  const duplicates = await tx.$queryRaw<{ userId: string; productId: string }[]>`
    SELECT "userId", "productId" FROM "LicenseAssignment" GROUP BY "userId", "productId" HAVING COUNT(*) > 1`;
  problems.push(...duplicates.map((d) => ({ kind: "duplicateAssignment" as const, ...d })));
  const globalAdmins = await tx.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } } });
  if (globalAdmins === 0) problems.push({ kind: "noGlobalAdmin" });
  const live = await tx.$queryRaw<{ userId: string; n: number | bigint }[]>`
    SELECT s."userId", COUNT(*) AS "n" FROM "AdminSession" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."revokedAt" IS NULL AND s."expiresAt" > ${now} AND s."securityVersion" = u."securityVersion"
      AND (u."deletedAt" IS NOT NULL OR NOT u."accountEnabled")
    GROUP BY s."userId"`;
  problems.push(...live.map((row) => ({ kind: "liveSessionOfInactiveUser" as const, userId: row.userId, sessions: Number(row.n) })));
  const listed = await tx.$queryRaw<{ id: string; recorded: number | bigint; listed: number | bigint }[]>`
    SELECT e."id", e."userCount" AS "recorded", (SELECT COUNT(*) FROM "AuditEventUser" x WHERE x."eventId" = e."id") AS "listed"
    FROM "AuditEvent" e WHERE e."userCount" > 0 OR EXISTS (SELECT 1 FROM "AuditEventUser" x WHERE x."eventId" = e."id")`;
  for (const row of listed) {
    if (Number(row.recorded) !== Number(row.listed))
      problems.push({ kind: "auditUserCount", eventId: row.id, recorded: Number(row.recorded), listed: Number(row.listed) });
  }
  const guards = isPostgres()
    ? await tx.$queryRaw<{ name: string }[]>`SELECT rulename AS "name" FROM pg_rules WHERE tablename IN ('AuditEvent', 'AuditEventUser')`
    : await tx.$queryRaw<
        { name: string }[]
      >`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('AuditEvent', 'AuditEventUser')`;
  const present = new Set(guards.map((g) => g.name));
  problems.push(...AUDIT_GUARDS.filter((guard) => !present.has(guard)).map((guard) => ({ kind: "auditGuardMissing" as const, guard })));
  return problems;
}

/**
 * Sets every drifted seat count to the counted assignments, in the caller's transaction, with one
 * audit record of what was changed. The other problems need a person: they are reported, not fixed.
 */
export async function repairSeatCounts(tx: Tx): Promise<Problem[]> {
  // Lock every product first, so no seat change runs between the count and the fix.
  if (isPostgres()) await tx.$queryRaw`SELECT "id" FROM "Product" ORDER BY "id" FOR UPDATE`;
  else await tx.$executeRaw`UPDATE "Product" SET "assignedCount" = "assignedCount" WHERE 0 = 1`;
  const drifted = (await checkSeatCounts(tx)).filter((p) => p.kind === "seatCount");
  for (const problem of drifted) {
    await tx.$executeRaw`UPDATE "Product" SET "assignedCount" = ${problem.counted}, "holdersVersion" = "holdersVersion" + 1 WHERE "id" = ${problem.productId}`;
  }
  if (drifted.length > 0) {
    await recordAudit(tx, null, {
      action: "organization.repair",
      targetType: "organization",
      before: drifted.map((p) => ({ productId: p.productId, sku: p.sku, assignedCount: p.maintained })),
      after: drifted.map((p) => ({ productId: p.productId, sku: p.sku, assignedCount: p.counted })),
      detail: `db:check --repair: ${drifted.length} seat count(s) set to the counted assignments`,
    });
  }
  return drifted;
}

/** One line per problem, for the operator. */
export function describeProblem(problem: Problem): string {
  switch (problem.kind) {
    case "seatCount":
      return `product ${problem.sku} (${problem.productId}): assignedCount is ${problem.maintained}, but ${problem.counted} non-deleted users hold it`;
    case "duplicateAssignment":
      return `user ${problem.userId} holds product ${problem.productId} more than once`;
    case "noGlobalAdmin":
      return "no Global admin can sign in (every one is deleted, disabled or gone)";
    case "liveSessionOfInactiveUser":
      return `user ${problem.userId} is deleted or disabled but has ${problem.sessions} session(s) that would be accepted`;
    case "auditUserCount":
      return `audit event ${problem.eventId} says it affected ${problem.recorded} users but lists ${problem.listed}`;
    case "auditGuardMissing":
      return `the audit log's append-only guard ${problem.guard} is missing`;
  }
}
