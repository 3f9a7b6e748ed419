import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { transaction } from "../db";
import { authorize } from "./audit";
import { conflictCutoff, isAtOrAfter, summaryOf } from "./totals";
import { conflictCutoffs, userFilterWhere, userSearch, type UserFilter } from "./users";

const BATCH = 1000;

export interface AssignedUserExportRow {
  displayName: string;
  userPrincipalName: string;
  assignedAt: Date;
  needsValidLicense: boolean;
}

/** Streams a product's assigned users in keyset-paginated batches, one short transaction each. */
export async function* exportProductAssignments(actor: Actor, productId: string): AsyncGenerator<AssignedUserExportRow[]> {
  await authorize(actor, "read", "product.export", { type: "product", id: productId });
  const cutoff = await transaction(async (tx) => conflictCutoff(tx, productId, (await summaryOf(tx, productId)).conflicts));
  let after: string | undefined;
  for (;;) {
    const rows = await transaction((tx) =>
      tx.licenseAssignment.findMany({
        where: { productId, user: { deletedAt: null } },
        orderBy: { id: "asc" },
        take: BATCH,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
        select: { id: true, assignedAt: true, user: { select: { displayName: true, userPrincipalName: true } } },
      }),
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r.user, assignedAt: r.assignedAt, needsValidLicense: isAtOrAfter(r, cutoff) }));
    after = rows[rows.length - 1]?.id;
    if (rows.length < BATCH) return;
  }
}

export interface UserExportRow {
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  licenses: string[];
}

/** Streams the users list for the current search and filter. */
export async function* exportUsers(actor: Actor, q: string, filter: UserFilter): AsyncGenerator<UserExportRow[]> {
  await authorize(actor, "read", "user.export", { type: "user" });
  const cutoffs = await transaction((tx) => conflictCutoffs(tx));
  const where: Prisma.UserWhereInput = { deletedAt: null, ...userSearch(q), AND: [userFilterWhere(filter, cutoffs)] };
  let after: string | undefined;
  for (;;) {
    const rows = await transaction((tx) =>
      tx.user.findMany({
        where,
        orderBy: { id: "asc" },
        take: BATCH,
        ...(after ? { cursor: { id: after }, skip: 1 } : {}),
        select: {
          id: true,
          displayName: true,
          userPrincipalName: true,
          usageLocation: true,
          accountEnabled: true,
          lastSignInAt: true,
          assignments: { select: { product: { select: { displayName: true } } } },
        },
      }),
    );
    if (rows.length === 0) return;
    yield rows.map(({ id: _id, assignments, ...user }) => ({ ...user, licenses: assignments.map((a) => a.product.displayName).sort() }));
    after = rows[rows.length - 1]?.id;
    if (rows.length < BATCH) return;
  }
}
