import "server-only";
import type { LicenseSummary } from "@/lib/domain/conflicts";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { aggregateSummaries } from "./totals";

/**
 * Who needs a valid license: of a product in conflict, the `conflicts` most recently assigned
 * non-deleted users. A product's cutoff is the oldest of those assignments; every assignment at
 * or after it (newest first: later assignedAt, then larger id) is flagged. Computed from
 * aggregates and one index walk per product in conflict, never by loading assignments.
 */
export interface AssignmentCursor {
  assignedAt: Date;
  id: string;
}

export type Cutoffs = Map<string, AssignmentCursor>;

/**
 * Cutoffs already found, per product: walking to the `conflicts`-th newest holder reads that many
 * index entries (tens of thousands in a large organization), and the answer only changes when the
 * product's holders change (Product.holdersVersion, moved with assignedCount by every change in
 * server/data/seats.ts) or its conflicts do (time, purchases, reductions). A remembered cutoff is
 * used only for the very version, count and conflicts it was found for, read in the caller's
 * transaction, so it is never stale, on one server or several. One entry per product.
 */
const remembered = new Map<string, { key: string; cutoff: AssignmentCursor }>();

/**
 * The cutoff of every product given with its conflicts: remembered ones for unchanged products,
 * the others in one statement, a UNION ALL of one walk of LicenseAssignment(productId,
 * assignedAt) per product in conflict. Products without conflicts have no cutoff.
 */
export async function findCutoffs(tx: Tx, conflicts: ReadonlyMap<string, number>): Promise<Cutoffs> {
  const inConflict = [...conflicts].filter(([, count]) => count > 0);
  const cutoffs: Cutoffs = new Map();
  if (inConflict.length === 0) return cutoffs;
  const versions = await tx.$queryRaw<{ id: string; holdersVersion: number | bigint; assignedCount: number | bigint }[]>`
    SELECT "id", "holdersVersion", "assignedCount" FROM "Product" WHERE "id" IN (${Prisma.join(inConflict.map(([productId]) => productId))})`;
  const keys = new Map(versions.map((p) => [p.id, `${p.holdersVersion}:${p.assignedCount}`]));
  const toWalk: [string, number][] = [];
  for (const [productId, count] of inConflict) {
    const known = remembered.get(productId);
    if (known && known.key === `${keys.get(productId)}:${count}`) cutoffs.set(productId, known.cutoff);
    else toWalk.push([productId, count]);
  }
  if (toWalk.length === 0) return cutoffs;
  const walks = toWalk.map(
    ([productId, count], index) => Prisma.sql`SELECT * FROM (
      SELECT a."productId", a."assignedAt", a."id" FROM "LicenseAssignment" a JOIN "User" u ON u."id" = a."userId"
      WHERE a."productId" = ${productId} AND u."deletedAt" IS NULL
      ORDER BY a."assignedAt" DESC, a."id" DESC LIMIT 1 OFFSET ${count - 1}
    ) ${Prisma.raw(`c${index}`)}`,
  );
  const rows = await tx.$queryRaw<{ productId: string; assignedAt: Date | string; id: string }[]>`${Prisma.join(walks, " UNION ALL ")}`;
  const asked = new Map(toWalk);
  for (const row of rows) {
    // SQLite hands raw DATETIME values back as ISO text, PostgreSQL as Date.
    const cutoff = { assignedAt: new Date(row.assignedAt), id: row.id };
    cutoffs.set(row.productId, cutoff);
    const version = keys.get(row.productId);
    if (version !== undefined) remembered.set(row.productId, { key: `${version}:${asked.get(row.productId)}`, cutoff });
  }
  return cutoffs;
}

/** Forgets every remembered cutoff (tests that rewrite assignments behind the data layer's back). */
export function forgetCutoffs(): void {
  remembered.clear();
}

/** The cutoff of one product, or null when it is not in conflict. */
export async function findCutoff(tx: Tx, productId: string, conflicts: number): Promise<AssignmentCursor | null> {
  return (await findCutoffs(tx, new Map([[productId, conflicts]]))).get(productId) ?? null;
}

/** The cutoffs of the whole organization (from its totals, or ones already aggregated). */
export async function findOrganizationCutoffs(tx: Tx, summaries?: ReadonlyMap<string, LicenseSummary>): Promise<Cutoffs> {
  const totals = summaries ?? (await aggregateSummaries(tx));
  return findCutoffs(tx, new Map([...totals].map(([productId, summary]) => [productId, summary.conflicts])));
}

/** Prisma filter for assignments at or after a cutoff. */
export function atOrAfter(cutoff: AssignmentCursor): Prisma.LicenseAssignmentWhereInput {
  return { OR: [{ assignedAt: { gt: cutoff.assignedAt } }, { assignedAt: cutoff.assignedAt, id: { gte: cutoff.id } }] };
}

/** The same condition in SQL, on the assignments of alias `a`. */
export function atOrAfterSql(cutoff: AssignmentCursor, alias = "a"): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`(${a}."assignedAt" > ${cutoff.assignedAt} OR (${a}."assignedAt" = ${cutoff.assignedAt} AND ${a}."id" >= ${cutoff.id}))`;
}

export function isAtOrAfter(row: AssignmentCursor, cutoff: AssignmentCursor | null): boolean {
  if (!cutoff) return false;
  const diff = row.assignedAt.getTime() - cutoff.assignedAt.getTime();
  return diff > 0 || (diff === 0 && row.id >= cutoff.id);
}
