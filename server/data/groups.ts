import "server-only";
import { pageOf, pageTotal, pageWindow, type Listing, type Page } from "@/lib/listing";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { transaction } from "../db";

export interface GroupRow {
  id: string;
  displayName: string;
  source: string;
  externalId: string | null;
  members: number;
}

export interface GroupMemberRow {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  addedAt: Date;
}

/** Users › Groups: a page of groups in name order, with their member counts (a count per row of the page only). */
export async function findGroups(actor: Actor, listing: Listing<"name">): Promise<Page<GroupRow>> {
  await authorize(actor, "group.list");
  const where = listing.q ? { displayName: { contains: listing.q } } : {};
  return transaction(async (tx) => {
    const rows = await tx.group.findMany({
      where,
      orderBy: [{ displayName: listing.dir }, { id: "asc" }],
      ...pageWindow(listing.page),
      select: {
        id: true,
        displayName: true,
        source: true,
        externalId: true,
        _count: { select: { members: { where: { user: { deletedAt: null } } } } },
      },
    });
    const counted = await pageTotal(listing.page, rows.length, (limit) => tx.group.count({ where, take: limit }));
    return pageOf(
      rows.map((g) => ({ id: g.id, displayName: g.displayName, source: g.source, externalId: g.externalId, members: g._count.members })),
      counted,
      listing.page,
    );
  });
}

/** One group and a page of its members (deleted users left out), in the order they joined. */
export async function findGroup(
  actor: Actor,
  groupId: string,
  listing: Listing<"name">,
): Promise<{ group: Omit<GroupRow, "members">; members: Page<GroupMemberRow> } | null> {
  await authorize(actor, "group.read", groupId);
  return transaction(async (tx) => {
    const group = await tx.group.findUnique({
      where: { id: groupId },
      select: { id: true, displayName: true, source: true, externalId: true },
    });
    if (!group) return null;
    const where = {
      groupId,
      user: {
        deletedAt: null,
        ...(listing.q ? { OR: [{ displayName: { contains: listing.q } }, { userPrincipalName: { contains: listing.q } }] } : {}),
      },
    };
    const rows = await tx.groupMember.findMany({
      where,
      orderBy: [{ addedAt: "asc" }, { userId: "asc" }],
      ...pageWindow(listing.page),
      select: { addedAt: true, user: { select: { id: true, displayName: true, userPrincipalName: true } } },
    });
    const counted = await pageTotal(listing.page, rows.length, (limit) => tx.groupMember.count({ where, take: limit }));
    return {
      group,
      members: pageOf(
        rows.map((m) => ({
          userId: m.user.id,
          displayName: m.user.displayName,
          userPrincipalName: m.user.userPrincipalName,
          addedAt: m.addedAt,
        })),
        counted,
        listing.page,
      ),
    };
  });
}
