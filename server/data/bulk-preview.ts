import "server-only";
import { isRole } from "@/lib/domain/roles";
import type { BulkAction } from "@/lib/validation";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { allows, allowsOn, type Operation } from "../auth/operations";
import { purchaseSelect } from "../cloud";
import { chunked, transaction, type Tx } from "../db";
import type { ErrorCode, ErrorValues } from "../errors";
import { summaryOf } from "./totals";

export interface BulkPreviewInput {
  action: BulkAction;
  userIds: string[];
  productId?: string;
  toProductId?: string;
}

/**
 * What a bulk action on the selected users would do now, read without changing anything: how
 * many users it changes and leaves alone, the licenses it needs and frees, and the reason the
 * change itself would refuse (the same rules, checked again when it runs). Selected users who
 * were deleted meanwhile, or no longer exist, come back as `goneIds`, to drop from the selection.
 */
export interface BulkPreview {
  action: BulkAction;
  selected: number;
  affected: number;
  unaffected: number;
  licensesNeeded: number;
  licensesFreed: number;
  /** Licenses available of the product the action needs them of (assign, replace). */
  available: number | null;
  product: string | null;
  toProduct: string | null;
  goneIds: string[];
  problem: { code: ErrorCode; values: ErrorValues } | null;
}

const OPERATION_OF: Record<BulkAction, Operation> = {
  assign: "license.assign",
  remove: "license.remove",
  replace: "license.replace",
  block: "user.setSignIn",
  unblock: "user.setSignIn",
  delete: "user.delete",
};

/**
 * The most users one bulk delete, block or allow may name (lib/validation.ts): each writes an
 * audit record per user, in one transaction that holds their locks.
 */
const MAX_PER_USER_CHANGE = 1_000;

interface SelectedUser {
  id: string;
  displayName: string;
  usageLocation: string | null;
  accountEnabled: boolean | number;
  roles: string[];
  products: Set<string>;
}

async function selectedUsers(tx: Tx, userIds: readonly string[]): Promise<{ users: SelectedUser[]; goneIds: string[] }> {
  const users = new Map<string, SelectedUser>();
  for (const ids of chunked(userIds)) {
    const rows = await tx.user.findMany({
      where: { id: { in: ids }, deletedAt: null },
      select: {
        id: true,
        displayName: true,
        usageLocation: true,
        accountEnabled: true,
        roles: { select: { role: true } },
        assignments: { select: { productId: true } },
      },
    });
    for (const row of rows) {
      users.set(row.id, {
        id: row.id,
        displayName: row.displayName,
        usageLocation: row.usageLocation,
        accountEnabled: row.accountEnabled,
        roles: row.roles.map((r) => r.role),
        products: new Set(row.assignments.map((a) => a.productId)),
      });
    }
  }
  return { users: [...users.values()], goneIds: userIds.filter((id) => !users.has(id)) };
}

function names(users: readonly SelectedUser[]): string {
  return users
    .slice(0, 5)
    .map((u) => u.displayName)
    .join(", ");
}

async function productName(tx: Tx, productId: string | undefined): Promise<string | null> {
  if (!productId) return null;
  return (await tx.product.findUnique({ where: { id: productId }, select: { displayName: true } }))?.displayName ?? null;
}

/** Enabled Global admins left if these users were blocked or deleted. */
async function globalAdminsLeftWithout(tx: Tx, users: readonly SelectedUser[]): Promise<number> {
  const leaving = users.filter((u) => u.roles.includes("GlobalAdmin")).map((u) => u.id);
  const enabled = await tx.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } } });
  let leavingEnabled = 0;
  for (const ids of chunked(leaving)) {
    leavingEnabled += await tx.adminRole.count({ where: { role: "GlobalAdmin", userId: { in: ids }, user: { accountEnabled: true } } });
  }
  return enabled - leavingEnabled;
}

export async function previewBulk(actor: Actor, input: BulkPreviewInput): Promise<BulkPreview> {
  await authorize(actor, "user.list");
  const userIds = [...new Set(input.userIds)];
  return transaction(async (tx) => {
    const { users, goneIds } = await selectedUsers(tx, userIds);
    const [product, toProduct] = await Promise.all([productName(tx, input.productId), productName(tx, input.toProductId)]);
    const preview: BulkPreview = {
      action: input.action,
      selected: users.length,
      affected: 0,
      unaffected: users.length,
      licensesNeeded: 0,
      licensesFreed: 0,
      available: null,
      product,
      toProduct,
      goneIds,
      problem: null,
    };
    const refuse = (code: ErrorCode, values: ErrorValues = {}): BulkPreview => ({ ...preview, problem: { code, values } });
    const operation = OPERATION_OF[input.action];
    if (!allows(actor.roles, operation)) return refuse("FORBIDDEN");
    if (goneIds.length > 0) return refuse("SELECTION_GONE", { count: goneIds.length });
    const needsProduct = input.action === "assign" || input.action === "remove" || input.action === "replace";
    if (needsProduct && (!input.productId || !product)) return refuse("NOT_FOUND");
    if (input.action === "replace" && (!input.toProductId || !toProduct)) return refuse("NOT_FOUND");

    const claim = async (productId: string, gaining: SelectedUser[]) => {
      const summary = await summaryOf(tx, productId);
      preview.available = summary.available;
      preview.licensesNeeded = gaining.length;
      const withoutLocation = gaining.filter((u) => !u.usageLocation);
      if (withoutLocation.length > 0)
        return refuse("USAGE_LOCATION_REQUIRED", { names: names(withoutLocation), count: withoutLocation.length });
      if (gaining.length > summary.available) {
        if (summary.valid === 0 && summary.disabled > 0) return refuse("SUBSCRIPTION_DISABLED");
        return refuse("NO_LICENSES_AVAILABLE", { available: summary.available, requested: gaining.length, purchase: purchaseSelect() });
      }
      return preview;
    };
    const onAdmins = (affected: SelectedUser[]) => {
      const protectedUsers = affected.filter((u) => !allowsOn(actor.roles, operation, u.roles.filter(isRole)));
      return protectedUsers.length > 0 ? refuse("CANNOT_MANAGE_ADMIN", { name: names(protectedUsers) }) : null;
    };

    switch (input.action) {
      case "assign": {
        const gaining = users.filter((u) => !u.products.has(input.productId ?? ""));
        Object.assign(preview, { affected: gaining.length, unaffected: users.length - gaining.length });
        return claim(input.productId ?? "", gaining);
      }
      case "remove": {
        const holders = users.filter((u) => u.products.has(input.productId ?? ""));
        return { ...preview, affected: holders.length, unaffected: users.length - holders.length, licensesFreed: holders.length };
      }
      case "replace": {
        if (input.productId === input.toProductId) return refuse("SAME_PRODUCT");
        const holders = users.filter((u) => u.products.has(input.productId ?? ""));
        Object.assign(preview, { affected: holders.length, unaffected: users.length - holders.length, licensesFreed: holders.length });
        if (holders.length === 0) return refuse("NONE_HOLD_PRODUCT", { product: product ?? "" });
        return claim(
          input.toProductId ?? "",
          holders.filter((u) => !u.products.has(input.toProductId ?? "")),
        );
      }
      case "block":
      case "unblock": {
        const enable = input.action === "unblock";
        const changing = users.filter((u) => Boolean(u.accountEnabled) !== enable);
        Object.assign(preview, { affected: changing.length, unaffected: users.length - changing.length });
        if (users.length > MAX_PER_USER_CHANGE) return refuse("TOO_MANY_AT_ONCE", { max: MAX_PER_USER_CHANGE });
        if (!enable && changing.some((u) => u.id === actor.id)) return refuse("CANNOT_BLOCK_SELF");
        const denied = onAdmins(changing);
        if (denied) return denied;
        if (!enable && changing.length > 0 && (await globalAdminsLeftWithout(tx, changing)) === 0) return refuse("LAST_GLOBAL_ADMIN");
        return preview;
      }
      case "delete": {
        let freed = 0;
        for (const ids of chunked(users.map((u) => u.id))) {
          const [row] = await tx.$queryRaw<{ n: number | bigint }[]>`
            SELECT COUNT(*) AS "n" FROM "LicenseAssignment" WHERE "userId" IN (${Prisma.join(ids)})`;
          freed += Number(row?.n ?? 0);
        }
        Object.assign(preview, { affected: users.length, unaffected: 0, licensesFreed: freed });
        if (users.length > MAX_PER_USER_CHANGE) return refuse("TOO_MANY_AT_ONCE", { max: MAX_PER_USER_CHANGE });
        if (users.some((u) => u.id === actor.id)) return refuse("CANNOT_DELETE_SELF");
        const denied = onAdmins(users);
        if (denied) return denied;
        if ((await globalAdminsLeftWithout(tx, users)) === 0) return refuse("LAST_GLOBAL_ADMIN");
        return preview;
      }
    }
  });
}
