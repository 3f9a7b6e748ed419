import "server-only";
import type { LicenseSummary } from "@/lib/domain/conflicts";
import { restoreDeadline, USER_RESTORE_DAYS } from "@/lib/domain/lifecycle";
import { isRole, type Role } from "@/lib/domain/roles";
import { pageOf, pageTotal, pageWindow, type Listing, type Page } from "@/lib/listing";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { containsText, transaction, type Tx } from "../db";
import { authorize } from "./audit";
import { aggregateSummaries, atOrAfter, conflictCutoffsOf, isAtOrAfter, type AssignmentCursor } from "./totals";

export const USER_SORTS = ["name", "upn", "lastSignIn"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export const USER_FILTERS = ["all", "licensed", "unlicensed", "needsLicense"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

export interface UserRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  roles: Role[];
  licenses: string[];
  needsValidLicense: boolean;
}

type Cutoffs = Map<string, AssignmentCursor>;

/** The cutoff of every product in conflict: few rows, from aggregates. */
export async function conflictCutoffs(tx: Tx, summaries?: Map<string, LicenseSummary>): Promise<Cutoffs> {
  const conflicts = new Map([...(summaries ?? (await aggregateSummaries(tx)))].map(([productId, summary]) => [productId, summary.conflicts]));
  return conflictCutoffsOf(tx, conflicts);
}

export function needsLicenseFilter(cutoffs: Cutoffs): Prisma.UserWhereInput {
  const branches = [...cutoffs].map(([productId, cutoff]) => ({ productId, ...atOrAfter(cutoff) }));
  return branches.length > 0 ? { assignments: { some: { OR: branches } } } : { id: { in: [] } };
}

export function userSearch(q: string): Prisma.UserWhereInput {
  return q ? { OR: [{ displayName: containsText(q) }, { userPrincipalName: containsText(q) }] } : {};
}

export function userFilterWhere(filter: UserFilter, cutoffs: Cutoffs): Prisma.UserWhereInput {
  switch (filter) {
    case "licensed":
      return { assignments: { some: {} } };
    case "unlicensed":
      return { assignments: { none: {} } };
    case "needsLicense":
      return needsLicenseFilter(cutoffs);
    case "all":
      return {};
  }
}

const userOrder: Record<UserSort, (dir: "asc" | "desc") => Prisma.UserOrderByWithRelationInput[]> = {
  name: (dir) => [{ displayName: dir }, { id: "asc" }],
  upn: (dir) => [{ userPrincipalName: dir }],
  lastSignIn: (dir) => [{ lastSignInAt: { sort: dir, nulls: "last" } }, { id: "asc" }],
};

/** Users › Active users: a page of users matching the search and filter. */
export async function findUsers(actor: Actor, listing: Listing<UserSort>, filter: UserFilter): Promise<Page<UserRow>> {
  await authorize(actor, "read", "user.list", { type: "user" });
  return transaction(async (tx) => {
    const cutoffs = await conflictCutoffs(tx);
    const where: Prisma.UserWhereInput = { deletedAt: null, ...userSearch(listing.q), AND: [userFilterWhere(filter, cutoffs)] };
    const users = await tx.user.findMany({
      where,
      orderBy: userOrder[listing.sort](listing.dir),
      ...pageWindow(listing.page),
      select: {
        id: true,
        displayName: true,
        userPrincipalName: true,
        usageLocation: true,
        accountEnabled: true,
        lastSignInAt: true,
        roles: { select: { role: true } },
        assignments: { select: { id: true, productId: true, assignedAt: true, product: { select: { displayName: true } } } },
      },
    });
    const rows = users.map(({ roles, assignments, ...user }) => ({
      ...user,
      roles: roles.map((r) => r.role).filter(isRole),
      licenses: assignments.map((a) => a.product.displayName).sort(),
      needsValidLicense: assignments.some((a) => isAtOrAfter(a, cutoffs.get(a.productId) ?? null)),
    }));
    return pageOf(rows, await pageTotal(listing.page, users.length, () => tx.user.count({ where })), listing.page);
  });
}

export interface UserDetail {
  id: string;
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  deletedAt: Date | null;
  roles: Role[];
  licenses: { productId: string; productName: string; assignedAt: Date; needsValidLicense: boolean }[];
  /** Products this user has no license of, with how many are available, for the assign form. */
  assignable: { productId: string; productName: string; available: number }[];
}

export async function getUserById(actor: Actor, userId: string): Promise<UserDetail | null> {
  await authorize(actor, "read", "user.read", { type: "user", id: userId });
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        displayName: true,
        userPrincipalName: true,
        usageLocation: true,
        accountEnabled: true,
        lastSignInAt: true,
        createdAt: true,
        deletedAt: true,
        roles: { select: { role: true } },
        assignments: { orderBy: { assignedAt: "asc" }, select: { id: true, productId: true, assignedAt: true, product: { select: { displayName: true } } } },
      },
    });
    if (!user) return null;
    const summaries = await aggregateSummaries(tx);
    const cutoffs = await conflictCutoffs(tx, summaries);
    const held = new Set(user.assignments.map((a) => a.productId));
    const products = await tx.product.findMany({ orderBy: { displayName: "asc" }, select: { id: true, displayName: true } });
    const { roles, assignments, ...rest } = user;
    return {
      ...rest,
      roles: roles.map((r) => r.role).filter(isRole),
      licenses: assignments.map((a) => ({
        productId: a.productId,
        productName: a.product.displayName,
        assignedAt: a.assignedAt,
        needsValidLicense: !user.deletedAt && isAtOrAfter(a, cutoffs.get(a.productId) ?? null),
      })),
      assignable: products
        .filter((p) => !held.has(p.id))
        .map((p) => ({ productId: p.id, productName: p.displayName, available: summaries.get(p.id)?.available ?? 0 })),
    };
  });
}

export interface DeletedUserRow {
  id: string;
  displayName: string;
  userPrincipalName: string;
  deletedAt: Date;
  restoreBy: Date;
  licenses: string[];
  /** Products whose licenses would go into conflict if this user were restored now. */
  conflictsOnRestore: string[];
}

/** Users › Deleted users: users deleted in the last 30 days, restorable. */
export async function findDeletedUsers(actor: Actor, listing: Listing<"deletedAt" | "name">): Promise<Page<DeletedUserRow>> {
  await authorize(actor, "read", "user.list", { type: "user" });
  const now = new Date();
  return transaction(async (tx) => {
    const since = new Date(now.getTime() - USER_RESTORE_DAYS * 24 * 60 * 60 * 1000);
    const where: Prisma.UserWhereInput = { deletedAt: { gt: since }, ...userSearch(listing.q) };
    const users = await tx.user.findMany({
      where,
      orderBy: listing.sort === "name" ? [{ displayName: listing.dir }, { id: "asc" }] : [{ deletedAt: listing.dir }, { id: "asc" }],
      ...pageWindow(listing.page),
      select: { id: true, displayName: true, userPrincipalName: true, deletedAt: true, assignments: { select: { productId: true, product: { select: { displayName: true } } } } },
    });
    const summaries = await aggregateSummaries(tx, undefined, now);
    const rows = users.flatMap((u) => {
      if (!u.deletedAt) return [];
      return [
        {
          id: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          deletedAt: u.deletedAt,
          restoreBy: restoreDeadline(u.deletedAt),
          licenses: u.assignments.map((a) => a.product.displayName).sort(),
          conflictsOnRestore: u.assignments.filter((a) => (summaries.get(a.productId)?.available ?? 0) < 1).map((a) => a.product.displayName),
        },
      ];
    });
    return pageOf(rows, await pageTotal(listing.page, users.length, () => tx.user.count({ where })), listing.page);
  });
}

