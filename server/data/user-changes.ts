import "server-only";
import { isRestorable } from "@/lib/domain/lifecycle";
import { isRole, ROLES, type Role } from "@/lib/domain/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import { assigningUserId, type Actor } from "../actor";
import { authorize, authorizeOnUser, recordingDenials } from "../auth/authorize";
import { chunked, transaction } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "./audit-write";
import { lockGlobalAdminRoles, lockProducts, lockUsers } from "./locks";
import { adjustSeats, claimSeats, tryClaimSeats, withUsersAndTheirProductsLocked } from "./seats";
import { summaryOf } from "./totals";

export interface CreateUserInput {
  displayName: string;
  userPrincipalName: string;
  /** Null for none yet (the Graph API's POST /users): such a user can't be given a license. */
  usageLocation: string | null;
  productIds: string[];
  /** The Graph API's further fields; the Add user form leaves them out. */
  accountEnabled?: boolean;
  givenName?: string | null;
  familyName?: string | null;
  department?: string | null;
}

export interface CreateUserResult {
  userId: string;
  assigned: string[];
  /** Products whose license could not be assigned because none were available. */
  skipped: string[];
  /** Their names, for the message that says which. */
  skippedNames: string[];
}

/** A user to add, with the products whose license to give them. */
export interface NewUser {
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
  accountEnabled?: boolean;
  givenName?: string | null;
  familyName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  productIds: string[];
}

/** Users per createManyAndReturn: well under SQLite's 999 parameters at eight columns a user. */
const INSERT_CHUNK = 100;

/**
 * The one way users are added (Add a user, Add multiple users): creates them with their licenses
 * in the caller's transaction, which must hold the locks of every product named. When a
 * product's licenses run out, `whenFull: "skip"` leaves that license out (the users are still
 * added) and `"refuse"` throws NO_LICENSES_AVAILABLE, so the caller's whole change rolls back.
 * A UPN taken already throws Prisma's P2002. Returns each user's id by UPN and what was assigned.
 */
export async function insertUsers(
  tx: Prisma.TransactionClient,
  actor: Actor,
  users: readonly NewUser[],
  whenFull: "skip" | "refuse",
): Promise<{ ids: Map<string, string>; assigned: Map<string, string[]>; skipped: string[] }> {
  const ids = new Map<string, string>();
  for (const chunk of chunked(users, INSERT_CHUNK)) {
    const created = await tx.user.createManyAndReturn({
      data: chunk.map((u) => ({
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName.toLowerCase(),
        usageLocation: u.usageLocation,
        accountEnabled: u.accountEnabled ?? true,
        givenName: u.givenName ?? null,
        familyName: u.familyName ?? null,
        jobTitle: u.jobTitle ?? null,
        department: u.department ?? null,
      })),
      select: { id: true, userPrincipalName: true },
    });
    for (const user of created) ids.set(user.userPrincipalName, user.id);
  }
  const wanted = new Map<string, string[]>();
  for (const user of users) {
    const id = ids.get(user.userPrincipalName.toLowerCase());
    for (const productId of new Set(user.productIds)) if (id) wanted.set(productId, [...(wanted.get(productId) ?? []), id]);
  }
  const assigned = new Map<string, string[]>();
  const skipped: string[] = [];
  for (const [productId, holders] of wanted) {
    if (whenFull === "refuse") await claimSeats(tx, productId, holders.length);
    else if (!(await tryClaimSeats(tx, productId, holders.length)).ok) {
      skipped.push(productId);
      continue;
    }
    for (const chunk of chunked(holders)) {
      await tx.licenseAssignment.createMany({ data: chunk.map((userId) => ({ userId, productId, assignedById: assigningUserId(actor) })) });
    }
    assigned.set(productId, holders);
  }
  return { ids, assigned, skipped };
}

/** Adds a user; each requested license is assigned only if one is available. */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<CreateUserResult> {
  await authorize(actor, "user.create");
  const productIds = [...new Set(input.productIds)];
  try {
    return await transaction(async (tx) => {
      await lockProducts(tx, productIds);
      const inserted = await insertUsers(tx, actor, [{ ...input, productIds }], "skip");
      const userId = inserted.ids.get(input.userPrincipalName.toLowerCase());
      if (!userId) throw new Error("createUser: the new user's id did not come back");
      const assigned = productIds.filter((id) => inserted.assigned.has(id));
      const skipped = inserted.skipped;
      await recordAudit(tx, actor, { action: "user.create", targetId: userId, after: { ...input, assigned, skipped } });
      const skippedNames =
        skipped.length === 0
          ? []
          : (
              await tx.product.findMany({ where: { id: { in: skipped } }, select: { displayName: true }, orderBy: { displayName: "asc" } })
            ).map((p) => p.displayName);
      return { userId, assigned, skipped, skippedNames };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("UPN_TAKEN", { upn: input.userPrincipalName });
    }
    throw error;
  }
}

const targetSelect = { id: true, displayName: true, userPrincipalName: true, deletedAt: true, roles: { select: { role: true } } } as const;

/**
 * Deletes users (soft: restorable for 30 days). Their licenses are freed immediately; the
 * assignments are kept so a restore brings them back.
 */
export async function deleteUsers(actor: Actor, input: { userIds: string[] }): Promise<{ deleted: number }> {
  await authorize(actor, "user.delete", input.userIds[0]);
  const userIds = [...new Set(input.userIds)];
  return recordingDenials(actor, () =>
    withUsersAndTheirProductsLocked(userIds, async (tx, _held, found) => {
      if (found.size !== userIds.length) throw new AppError("NOT_FOUND");
      const targets = [];
      for (const ids of chunked(userIds)) targets.push(...(await tx.user.findMany({ where: { id: { in: ids } }, select: targetSelect })));
      for (const target of targets) {
        if (target.id === actor.id) throw new AppError("CANNOT_DELETE_SELF");
        if (target.deletedAt) throw new AppError("USER_DELETED", { name: target.displayName });
      }
      for (const target of targets) authorizeOnUser(actor, "user.delete", target);
      // Two Global admins deleting each other at once must not both succeed: the remaining ones
      // are counted with every Global admin role row locked.
      if (targets.some((t) => t.roles.some((r) => r.role === "GlobalAdmin"))) await lockGlobalAdminRoles(tx);
      const deletedAt = new Date();
      let count = 0;
      for (const ids of chunked(userIds))
        count += (await tx.user.updateMany({ where: { id: { in: ids }, deletedAt: null }, data: { deletedAt } })).count;
      if (count !== userIds.length) throw new AppError("USER_DELETED", { name: "" });
      const remainingGlobalAdmins = await tx.adminRole.count({
        where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } },
      });
      if (remainingGlobalAdmins === 0) throw new AppError("LAST_GLOBAL_ADMIN");
      // Each user's own freed licenses, for their own audit record; the product counts in total.
      const perUser = new Map<string, number>();
      const perProduct = new Map<string, number>();
      for (const ids of chunked(userIds)) {
        for (const a of await tx.licenseAssignment.findMany({
          where: { userId: { in: ids } },
          select: { userId: true, productId: true },
        })) {
          perUser.set(a.userId, (perUser.get(a.userId) ?? 0) + 1);
          perProduct.set(a.productId, (perProduct.get(a.productId) ?? 0) + 1);
        }
      }
      for (const [productId, freed] of perProduct) await adjustSeats(tx, productId, -freed);
      for (const target of targets) {
        await recordAudit(tx, actor, {
          action: "user.delete",
          targetId: target.id,
          before: { userPrincipalName: target.userPrincipalName },
          after: { licensesFreed: perUser.get(target.id) ?? 0 },
        });
      }
      return { deleted: count };
    }),
  );
}

/**
 * Restores a deleted user within 30 days, with their licenses, even when none are free: that
 * creates a conflict, as in Microsoft 365. Returns the products now in conflict.
 */
export async function restoreUser(actor: Actor, input: { userId: string }): Promise<{ conflicts: string[] }> {
  await authorize(actor, "user.restore", input.userId);
  return recordingDenials(actor, () =>
    withUsersAndTheirProductsLocked([input.userId], async (tx, held) => {
      const target = await tx.user.findUnique({ where: { id: input.userId }, select: targetSelect });
      if (!target) throw new AppError("NOT_FOUND");
      if (!target.deletedAt) throw new AppError("NOT_DELETED", { name: target.displayName });
      if (!isRestorable(target.deletedAt, new Date())) throw new AppError("RESTORE_WINDOW_PASSED", { name: target.displayName });
      authorizeOnUser(actor, "user.restore", target);
      const { count } = await tx.user.updateMany({ where: { id: input.userId, deletedAt: target.deletedAt }, data: { deletedAt: null } });
      if (count !== 1) throw new AppError("NOT_DELETED", { name: target.displayName });
      // The restored user's licenses go to the back of the queue: the users who kept theirs
      // meanwhile stay licensed, and where no license was free it is the restored user who needs
      // a valid one, for that reason (restoredAt; lib/domain/conflicts.ts).
      const now = new Date();
      const conflicts: string[] = [];
      for (const [productId, seats] of held) {
        const withoutSeat = (await summaryOf(tx, productId, now)).available < seats;
        await tx.licenseAssignment.updateMany({
          where: { userId: input.userId, productId },
          data: { assignedAt: now, restoredAt: withoutSeat ? now : null },
        });
        await adjustSeats(tx, productId, seats);
        if ((await summaryOf(tx, productId, now)).conflicts > 0) conflicts.push(productId);
      }
      await recordAudit(tx, actor, { action: "user.restore", targetId: input.userId, after: { licenses: held.size, conflicts } });
      return { conflicts };
    }),
  );
}

export interface UpdateUserInput {
  userId: string;
  /** A field left out keeps its value (the Graph API's PATCH sends only what changes). */
  displayName?: string;
  usageLocation?: string;
  accountEnabled?: boolean;
}

/** The enabled Global admins left once this transaction's changes are made. */
async function enabledGlobalAdmins(tx: Prisma.TransactionClient): Promise<number> {
  return tx.adminRole.count({ where: { role: "GlobalAdmin", user: { deletedAt: null, accountEnabled: true } } });
}

/**
 * Edits a user's display name, usage location and whether they may sign in, with the role rules
 * of delete (User admins edit users, only Global admins edit admins). Blocking sign-in keeps the
 * user's licenses, as in Microsoft 365, and ends the user's sessions (the securityVersion
 * trigger); the organization's last enabled Global admin can't be blocked, nor can admins block
 * themselves. Only what changed is audited, as before → after.
 */
export async function updateUser(actor: Actor, input: UpdateUserInput): Promise<{ changed: string[] }> {
  await authorize(actor, "user.update", input.userId);
  return recordingDenials(actor, () =>
    transaction(async (tx) => {
      if ((await lockUsers(tx, [input.userId])).size === 0) throw new AppError("NOT_FOUND");
      const target = await tx.user.findUniqueOrThrow({
        where: { id: input.userId },
        select: { ...targetSelect, usageLocation: true, accountEnabled: true },
      });
      if (target.deletedAt) throw new AppError("USER_DELETED", { name: target.displayName });
      authorizeOnUser(actor, "user.update", target);
      const before = { displayName: target.displayName, usageLocation: target.usageLocation, accountEnabled: target.accountEnabled };
      const after = {
        displayName: input.displayName ?? before.displayName,
        usageLocation: input.usageLocation ?? before.usageLocation,
        accountEnabled: input.accountEnabled ?? before.accountEnabled,
      };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
      if (changed.length === 0) return { changed };
      if (before.accountEnabled && !after.accountEnabled) {
        if (target.id === actor.id) throw new AppError("CANNOT_BLOCK_SELF");
        if (target.roles.some((r) => r.role === "GlobalAdmin")) await lockGlobalAdminRoles(tx);
      }
      await tx.user.update({ where: { id: input.userId }, data: after });
      if (!after.accountEnabled && (await enabledGlobalAdmins(tx)) === 0) throw new AppError("LAST_GLOBAL_ADMIN");
      await recordAudit(tx, actor, {
        action: "user.update",
        targetId: input.userId,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
      return { changed };
    }),
  );
}

/**
 * Sets a user's admin roles (Global admins only): the roles given are the user's roles after
 * it. The organization always keeps an enabled Global admin; a role change ends the user's
 * sessions (the securityVersion trigger), so it takes effect at once.
 */
export async function setUserRoles(actor: Actor, input: { userId: string; roles: Role[] }): Promise<{ added: Role[]; removed: Role[] }> {
  await authorize(actor, "user.setRoles", input.userId);
  const wanted = [...new Set(input.roles)];
  return recordingDenials(actor, () =>
    transaction(async (tx) => {
      if ((await lockUsers(tx, [input.userId])).size === 0) throw new AppError("NOT_FOUND");
      const target = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: targetSelect });
      if (target.deletedAt) throw new AppError("USER_DELETED", { name: target.displayName });
      const current = target.roles.map((r) => r.role).filter(isRole);
      const added = wanted.filter((role) => !current.includes(role));
      const removed = current.filter((role) => !wanted.includes(role));
      if (added.length === 0 && removed.length === 0) return { added, removed };
      if (removed.includes("GlobalAdmin")) await lockGlobalAdminRoles(tx);
      if (removed.length > 0) await tx.adminRole.deleteMany({ where: { userId: input.userId, role: { in: removed } } });
      if (added.length > 0) await tx.adminRole.createMany({ data: added.map((role) => ({ userId: input.userId, role })) });
      if (removed.includes("GlobalAdmin") && (await enabledGlobalAdmins(tx)) === 0) throw new AppError("LAST_GLOBAL_ADMIN");
      await recordAudit(tx, actor, {
        action: "user.setRoles",
        targetId: input.userId,
        before: { roles: current },
        after: { roles: ROLES.filter((role) => wanted.includes(role)) },
      });
      return { added, removed };
    }),
  );
}

/**
 * Blocks or allows sign-in for many users at once (Users › Active users, the bulk actions), with
 * the rules of the Edit page: User admins change users, only Global admins change admins; admins
 * can't block themselves, and the organization keeps an enabled Global admin. Users already in
 * that state are left as they are. One audit record per changed user, as an edit makes.
 */
export async function setSignIn(
  actor: Actor,
  input: { userIds: string[]; accountEnabled: boolean },
): Promise<{ changed: number; unchanged: number }> {
  await authorize(actor, "user.setSignIn", input.userIds[0]);
  const userIds = [...new Set(input.userIds)];
  return recordingDenials(actor, () =>
    transaction(async (tx) => {
      if ((await lockUsers(tx, userIds)).size !== userIds.length) throw new AppError("NOT_FOUND");
      const targets = [];
      for (const ids of chunked(userIds)) {
        targets.push(...(await tx.user.findMany({ where: { id: { in: ids } }, select: { ...targetSelect, accountEnabled: true } })));
      }
      for (const target of targets) {
        if (target.deletedAt) throw new AppError("USER_DELETED", { name: target.displayName });
        if (!input.accountEnabled && target.id === actor.id) throw new AppError("CANNOT_BLOCK_SELF");
      }
      const changing = targets.filter((t) => t.accountEnabled !== input.accountEnabled);
      // The admin rule for the users this changes (as the preview checks): an admin selected but
      // already in that state is left as they are.
      for (const target of changing) authorizeOnUser(actor, "user.setSignIn", target);
      if (changing.length === 0) return { changed: 0, unchanged: targets.length };
      if (!input.accountEnabled && changing.some((t) => t.roles.some((r) => r.role === "GlobalAdmin"))) await lockGlobalAdminRoles(tx);
      for (const ids of chunked(changing.map((t) => t.id))) {
        await tx.user.updateMany({ where: { id: { in: ids } }, data: { accountEnabled: input.accountEnabled } });
      }
      if (!input.accountEnabled && (await enabledGlobalAdmins(tx)) === 0) throw new AppError("LAST_GLOBAL_ADMIN");
      for (const target of changing) {
        await recordAudit(tx, actor, {
          action: "user.setSignIn",
          targetId: target.id,
          targetName: target.displayName,
          before: { accountEnabled: target.accountEnabled },
          after: { accountEnabled: input.accountEnabled },
        });
      }
      return { changed: changing.length, unchanged: targets.length - changing.length };
    }),
  );
}
