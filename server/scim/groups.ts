import "server-only";
import type { ScimPatchOperation } from "scim-patch";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { authorize } from "../auth/authorize";
import { chunked, transaction, type Tx } from "../db";
import { recordAudit } from "../data/audit-write";
import { ScimError, scimLocation } from "./http";
import { applyPatch, filterWhere, listResponse, patchOperations } from "./protocol";

export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
/** The most members one request may name: Entra ID sends them in batches far smaller. */
const MAX_MEMBERS = 10_000;

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: { value: string; display: string; $ref: string }[];
  meta: { resourceType: "Group"; created: string; lastModified: string; location: string };
}

const groupSelect = { id: true, displayName: true, externalId: true, createdAt: true, updatedAt: true } as const;
type GroupRow = Prisma.GroupGetPayload<{ select: typeof groupSelect }>;

type Member = { value: string; display: string; $ref: string };

/** The members of these groups (deleted users left out), in the order they joined: one query for a page of groups. */
async function membersOf(tx: Tx, groupIds: string[]): Promise<Map<string, Member[]>> {
  const byGroup = new Map<string, Member[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await tx.groupMember.findMany({
    where: { groupId: { in: groupIds }, user: { deletedAt: null } },
    orderBy: [{ addedAt: "asc" }, { userId: "asc" }],
    select: { groupId: true, user: { select: { id: true, displayName: true } } },
  });
  for (const row of rows)
    byGroup.get(row.groupId)?.push({ value: row.user.id, display: row.user.displayName, $ref: scimLocation(`/Users/${row.user.id}`) });
  return byGroup;
}

function toScimGroup(group: GroupRow, members: Member[] | null): ScimGroup {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members ? { members } : {}),
    meta: {
      resourceType: "Group",
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: scimLocation(`/Groups/${group.id}`),
    },
  };
}

/** One group with its members. */
async function withMembers(tx: Tx, group: GroupRow): Promise<ScimGroup> {
  return toScimGroup(group, (await membersOf(tx, [group.id])).get(group.id) ?? []);
}

const groupResource = z.object({
  displayName: z.string({ message: "displayName is required" }).trim().min(1).max(256),
  externalId: z.string().trim().max(255).optional().nullable(),
  members: z
    .array(z.object({ value: z.string().min(1).max(64) }).passthrough())
    .max(MAX_MEMBERS)
    .optional()
    .nullable(),
});

function fieldsOf(resource: unknown) {
  const parsed = groupResource.safeParse(resource);
  if (!parsed.success)
    throw new ScimError(400, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "invalidValue");
  return {
    displayName: parsed.data.displayName,
    externalId: parsed.data.externalId || null,
    members: [...new Set((parsed.data.members ?? []).map((m) => m.value))],
  };
}

function whereOf(filter: string | null): Prisma.GroupWhereInput {
  return (
    filterWhere<Prisma.GroupWhereInput>(
      filter,
      {
        displayname: (value) => ({ displayName: value }),
        externalid: (value) => ({ externalId: value }),
        id: (value) => ({ id: value }),
      },
      (parts) => ({ AND: parts }),
      "displayName, externalId or id",
    ) ?? {}
  );
}

export async function listScimGroups(actor: Actor, query: { filter: string | null; startIndex: number; count: number; members: boolean }) {
  await authorize(actor, "group.read");
  const where = whereOf(query.filter);
  return transaction(async (tx) => {
    const totalResults = await tx.group.count({ where });
    const rows =
      query.count === 0
        ? []
        : await tx.group.findMany({
            where,
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            skip: query.startIndex - 1,
            take: query.count,
            select: groupSelect,
          });
    const members = query.members
      ? await membersOf(
          tx,
          rows.map((row) => row.id),
        )
      : null;
    return listResponse(
      rows.map((row) => toScimGroup(row, members?.get(row.id) ?? null)),
      totalResults,
      query.startIndex,
    );
  });
}

async function findGroup(tx: Tx, id: string): Promise<GroupRow> {
  const group = await tx.group.findUnique({ where: { id }, select: groupSelect });
  if (!group) throw new ScimError(404, `Group ${id.slice(0, 64)} not found.`);
  return group;
}

export async function getScimGroup(actor: Actor, id: string, members = true): Promise<ScimGroup> {
  await authorize(actor, "group.read", id);
  return transaction(async (tx) => {
    const group = await findGroup(tx, id);
    return members ? withMembers(tx, group) : toScimGroup(group, null);
  });
}

/** Members must be users License Center has (and not deleted): an unknown one fails the request. */
async function checkMembers(tx: Tx, userIds: string[]): Promise<void> {
  for (const ids of chunked(userIds)) {
    const found = await tx.user.count({ where: { id: { in: ids }, deletedAt: null } });
    if (found !== ids.length) throw new ScimError(400, "A member is not a user of License Center (or was deleted).", "invalidValue");
  }
}

/** Sets a group's members to `wanted`: who joins keeps their place in the order they joined. */
async function setMembers(tx: Tx, groupId: string, wanted: string[]): Promise<{ added: number; removed: number }> {
  const current = new Set((await tx.groupMember.findMany({ where: { groupId }, select: { userId: true } })).map((m) => m.userId));
  const want = new Set(wanted);
  const adding = wanted.filter((id) => !current.has(id));
  const removing = [...current].filter((id) => !want.has(id));
  await checkMembers(tx, adding);
  for (const ids of chunked(removing)) await tx.groupMember.deleteMany({ where: { groupId, userId: { in: ids } } });
  for (const ids of chunked(adding)) await tx.groupMember.createMany({ data: ids.map((userId) => ({ groupId, userId })) });
  return { added: adding.length, removed: removing.length };
}

function uniqueness(error: unknown, externalId: string | null): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
    throw new ScimError(409, `Another group has the externalId "${externalId}".`, "uniqueness");
  throw error;
}

export async function createScimGroup(actor: Actor, resource: unknown): Promise<ScimGroup> {
  await authorize(actor, "group.provision");
  const fields = fieldsOf(resource);
  try {
    return await transaction(async (tx) => {
      const group = await tx.group.create({
        data: { displayName: fields.displayName, externalId: fields.externalId, source: "scim" },
        select: groupSelect,
      });
      const { added } = await setMembers(tx, group.id, fields.members);
      await recordAudit(tx, actor, {
        action: "group.provision",
        targetId: group.id,
        targetName: group.displayName,
        after: { created: true, displayName: group.displayName, externalId: group.externalId, added },
        users: fields.members,
      });
      return withMembers(tx, group);
    });
  } catch (error) {
    return uniqueness(error, fields.externalId);
  }
}

async function writeGroup(
  actor: Actor,
  id: string,
  next: (current: ScimGroup) => { displayName: string; externalId: string | null; members: string[] },
): Promise<ScimGroup> {
  await authorize(actor, "group.provision", id);
  let externalId: string | null = null;
  try {
    return await transaction(async (tx) => {
      // The group's row is the lock its membership changes take, one after the other.
      await tx.group.updateMany({ where: { id }, data: { updatedAt: new Date() } });
      const group = await findGroup(tx, id);
      const fields = next(await withMembers(tx, group));
      externalId = fields.externalId;
      const updated = await tx.group.update({
        where: { id },
        data: { displayName: fields.displayName, externalId: fields.externalId },
        select: groupSelect,
      });
      const { added, removed } = await setMembers(tx, id, fields.members);
      const renamed = group.displayName !== fields.displayName || group.externalId !== fields.externalId;
      if (renamed || added > 0 || removed > 0) {
        await recordAudit(tx, actor, {
          action: "group.provision",
          targetId: id,
          targetName: updated.displayName,
          before: renamed ? { displayName: group.displayName, externalId: group.externalId } : undefined,
          after: { ...(renamed ? { displayName: updated.displayName, externalId: updated.externalId } : {}), added, removed },
        });
      }
      return withMembers(tx, updated);
    });
  } catch (error) {
    return uniqueness(error, externalId);
  }
}

export function replaceScimGroup(actor: Actor, id: string, resource: unknown): Promise<ScimGroup> {
  return writeGroup(actor, id, () => fieldsOf(resource));
}

/**
 * PATCH /Groups/{id}: Entra ID's shapes — `{"op":"Add","path":"members","value":[{"value":id}]}`,
 * `{"op":"Remove","path":"members[value eq \"id\"]"}`, `{"op":"Replace","path":"displayName",…}` —
 * and the RFC's, applied by scim-patch to the group's members.
 */
export function patchScimGroup(actor: Actor, id: string, body: unknown): Promise<ScimGroup> {
  let operations: ScimPatchOperation[];
  try {
    operations = patchOperations(body, 1_000);
  } catch (error) {
    return Promise.reject(error);
  }
  return writeGroup(actor, id, (current) => {
    // Members as the patch paths name them (members[value eq "…"]): their ids only.
    const members = (current.members ?? []).map((m) => ({ value: m.value }));
    return fieldsOf(applyPatch({ ...current, members }, operations));
  });
}

export async function deleteScimGroup(actor: Actor, id: string): Promise<void> {
  await authorize(actor, "group.provision", id);
  await transaction(async (tx) => {
    const group = await findGroup(tx, id);
    const members = await tx.groupMember.count({ where: { groupId: id } });
    await tx.group.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "group.provision",
      targetId: id,
      targetName: group.displayName,
      after: { deleted: true, members },
    });
  });
}
