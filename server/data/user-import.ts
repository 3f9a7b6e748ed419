import "server-only";
import { usageLocationOf } from "@/lib/countries";
import { fieldChanges, splitProducts, type FieldChange, type StoredField } from "@/lib/domain/user-import";
import { isRole } from "@/lib/domain/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import { pageOf, PAGE_SIZE, type Page } from "@/lib/listing";
import { ImportFileError, parseImportFile, type ImportRecord } from "@/lib/user-import-csv";
import { IMPORT_HEADER_INDEX } from "@/lib/user-import-labels";
import { importRowSchema } from "@/lib/validation";
import type { Actor } from "../actor";
import { allowsOn } from "../auth/operations";
import { authorize, authorizeOnUser, recordingDenials } from "../auth/authorize";
import { chunked, transaction, type Tx } from "../db";
import { AppError, isAppError, type ErrorCode } from "../errors";
import { recordAudit, sampleOf } from "./audit-write";
import { lockProducts, lockUsers } from "./locks";
import { claimSeats } from "./seats";
import { aggregateSummaries } from "./totals";
import { insertUsers, type NewUser } from "./user-changes";

/** Rows per transaction of a run: each batch is all its valid rows or none, with its audit record. */
export const IMPORT_BATCH = 500;
/** Uploads are kept this long (the preview, then the result file), then pruned by the next upload. */
export const IMPORT_KEEP_DAYS = 7;
/** How long a run holds its import between batches: a second submit meanwhile is refused. */
const LEASE_MS = 2 * 60_000;
/** Rows per createMany of the staging table (16 columns: within SQLite's 999 parameters). */
const STAGE_CHUNK = 50;

export type ImportKind = "create" | "update" | "unchanged" | "error";
export type ImportOutcome = "created" | "updated" | "unchanged" | "skipped" | "failed";
export const IMPORT_KINDS: readonly ImportKind[] = ["create", "update", "unchanged", "error"];

/** A row's problem: a key of users.import.problem and its values. */
type Problem = { key: string; values?: Record<string, string | number> };

const MAX_SHOWN = 256;
const shown = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

const existingSelect = {
  id: true,
  userPrincipalName: true,
  displayName: true,
  givenName: true,
  familyName: true,
  jobTitle: true,
  department: true,
  usageLocation: true,
  deletedAt: true,
  roles: { select: { role: true } },
  assignments: { select: { productId: true } },
} as const;
type Existing = Prisma.UserGetPayload<{ select: typeof existingSelect }>;

async function existingByUpn(tx: Tx, upns: readonly string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (const chunk of chunked([...new Set(upns)])) {
    for (const user of await tx.user.findMany({ where: { userPrincipalName: { in: chunk } }, select: existingSelect })) {
      found.set(user.userPrincipalName, user);
    }
  }
  return found;
}

function currentFields(user: Existing): Record<StoredField, string | null> {
  return {
    displayName: user.displayName,
    givenName: user.givenName,
    familyName: user.familyName,
    jobTitle: user.jobTitle,
    department: user.department,
    usageLocation: user.usageLocation,
  };
}

interface CheckedRow {
  row: number;
  upn: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  jobTitle: string | null;
  department: string | null;
  usageLocation: string | null;
  productIds: string[];
  kind: ImportKind;
  problem: Problem | null;
  changes: FieldChange[];
  addedProducts: string[];
}

/** A record's own problems (the fields as such), before the organization is looked at. */
function validateRecord(record: ImportRecord): { problem: Problem | null; upn: string; usageLocation: string | null } {
  const { cells } = record;
  const parsed = importRowSchema.safeParse(cells);
  const upn = parsed.success ? parsed.data.userName : cells.userName.toLowerCase();
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const column = String(issue?.path[0] ?? "");
    const key = issue?.message ?? "invalid";
    return { problem: { key, values: { column } }, upn, usageLocation: null };
  }
  if (cells.country === "") return { problem: null, upn, usageLocation: null };
  const usageLocation = usageLocationOf(cells.country);
  if (!usageLocation) return { problem: { key: "countryUnknown", values: { value: shown(cells.country) } }, upn, usageLocation: null };
  return { problem: null, upn, usageLocation };
}

interface ProductRef {
  id: string;
  displayName: string;
}

/** Products by SKU part number and by name, ignoring case. */
function productIndex(products: readonly (ProductRef & { skuPartNumber: string })[]): Map<string, ProductRef> {
  const index = new Map<string, ProductRef>();
  for (const p of products) {
    index.set(p.displayName.toLocaleLowerCase("en-US"), p);
    index.set(p.skuPartNumber.toLocaleLowerCase("en-US"), p);
  }
  return index;
}

/**
 * What every row would do, in file order, against the organization as it is: the same UPN twice,
 * unknown products, and licenses counted against what is free after the rows before it.
 */
function checkRows(
  actor: Actor,
  records: readonly ImportRecord[],
  existing: ReadonlyMap<string, Existing>,
  products: ReadonlyMap<string, ProductRef>,
  free: Map<string, number>,
): CheckedRow[] {
  const firstRowOf = new Map<string, number>();
  return records.map((record) => {
    const { cells } = record;
    const checked = validateRecord(record);
    const base: CheckedRow = {
      row: record.line,
      upn: shown(checked.upn),
      displayName: shown(cells.displayName),
      givenName: cells.firstName || null,
      familyName: cells.lastName || null,
      jobTitle: cells.jobTitle || null,
      department: cells.department || null,
      usageLocation: checked.usageLocation,
      productIds: [],
      kind: "error",
      problem: checked.problem,
      changes: [],
      addedProducts: [],
    };
    const fail = (problem: Problem): CheckedRow => ({ ...base, kind: "error", problem });
    if (checked.problem) return base;
    const first = firstRowOf.get(checked.upn);
    if (first !== undefined) return fail({ key: "duplicateUpn", values: { row: first } });
    firstRowOf.set(checked.upn, record.line);
    const refs: ProductRef[] = [];
    for (const token of splitProducts(cells.licenses)) {
      const ref = products.get(token.toLocaleLowerCase("en-US"));
      if (!ref) return fail({ key: "productUnknown", values: { value: shown(token) } });
      if (!refs.includes(ref)) refs.push(ref);
    }
    const user = existing.get(checked.upn);
    if (user?.deletedAt) return fail({ key: "userDeleted" });
    if (user && !allowsOn(actor.roles, "user.import", user.roles.map((r) => r.role).filter(isRole)))
      return fail({ key: "cannotManageAdmin" });
    const held = new Set(user?.assignments.map((a) => a.productId) ?? []);
    const adding = refs.filter((p) => !held.has(p.id));
    if (adding.length > 0 && !(checked.usageLocation ?? user?.usageLocation)) return fail({ key: "usageLocationRequired" });
    const full = adding.find((p) => (free.get(p.id) ?? 0) < 1);
    if (full) return fail({ key: "noLicenseFree", values: { product: full.displayName } });
    for (const p of adding) free.set(p.id, (free.get(p.id) ?? 0) - 1);
    const row: CheckedRow = { ...base, problem: null, productIds: refs.map((p) => p.id), addedProducts: adding.map((p) => p.displayName) };
    if (!user) return { ...row, kind: "create" };
    const changes = fieldChanges(currentFields(user), row);
    return { ...row, kind: changes.length > 0 || adding.length > 0 ? "update" : "unchanged", changes };
  });
}

/**
 * Reads an upload and checks every row against the organization, writing nothing to it: the
 * rows and what each would do are kept (UserImport, UserImportRow) for the preview to page
 * through and for runUserImport to carry out. Refuses a file it can't read, with the reason.
 */
export async function previewUserImport(
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array },
): Promise<{ importId: string; total: number }> {
  await authorize(actor, "user.import");
  let records: ImportRecord[];
  try {
    records = (await parseImportFile(input.bytes, IMPORT_HEADER_INDEX)).records;
  } catch (error) {
    if (error instanceof ImportFileError) throw new AppError(error.code, error.values);
    throw error;
  }
  if (records.length === 0) throw new AppError("IMPORT_FILE_EMPTY");
  return transaction(async (tx) => {
    await tx.userImport.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IMPORT_KEEP_DAYS * 86_400_000) } } });
    const products = await tx.product.findMany({ select: { id: true, displayName: true, skuPartNumber: true } });
    const summaries = await aggregateSummaries(tx);
    const free = new Map([...summaries].map(([id, s]) => [id, s.available]));
    const upns = records.map((r) => r.cells.userName.trim().toLowerCase()).filter(Boolean);
    const rows = checkRows(actor, records, await existingByUpn(tx, upns), productIndex(products), free);
    const { id } = await tx.userImport.create({
      data: { actorId: actor.id, fileName: shown(input.fileName || "users.csv"), total: rows.length },
      select: { id: true },
    });
    for (const chunk of chunked(rows, STAGE_CHUNK)) {
      await tx.userImportRow.createMany({
        data: chunk.map((r) => ({
          importId: id,
          row: r.row,
          upn: r.upn,
          displayName: r.displayName,
          givenName: r.givenName,
          familyName: r.familyName,
          jobTitle: r.jobTitle,
          department: r.department,
          usageLocation: r.usageLocation,
          productIds: r.productIds.join(","),
          kind: r.kind,
          problem: r.problem?.key ?? null,
          detail: JSON.stringify(r.problem ? (r.problem.values ?? {}) : { changes: r.changes, products: r.addedProducts }),
        })),
      });
    }
    return { importId: id, total: rows.length };
  });
}

export interface ImportSummary {
  id: string;
  fileName: string;
  createdAt: Date;
  status: "ready" | "running" | "done";
  total: number;
  processed: number;
  kinds: Record<ImportKind, number>;
  outcomes: Record<ImportOutcome, number>;
}

async function ownImport(tx: Tx, actor: Actor, importId: string) {
  const found = await tx.userImport.findFirst({
    where: { id: importId, actorId: actor.id },
    select: { id: true, fileName: true, createdAt: true, status: true, total: true, processed: true, leaseUntil: true },
  });
  if (!found) throw new AppError("NOT_FOUND");
  return found;
}

/** An upload of the acting admin's, with its rows counted per kind and per outcome (aggregates). */
export async function getUserImportById(actor: Actor, importId: string): Promise<ImportSummary> {
  await authorize(actor, "user.import");
  return transaction(async (tx) => {
    const found = await ownImport(tx, actor, importId);
    const kinds: Record<ImportKind, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
    const outcomes: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
    for (const g of await tx.userImportRow.groupBy({ by: ["kind", "outcome"], where: { importId }, _count: { _all: true } })) {
      if (g.kind in kinds) kinds[g.kind as ImportKind] += g._count._all;
      if (g.outcome && g.outcome in outcomes) outcomes[g.outcome as ImportOutcome] += g._count._all;
    }
    const status = found.status === "running" || found.status === "done" ? found.status : "ready";
    return {
      id: found.id,
      fileName: found.fileName,
      createdAt: found.createdAt,
      status,
      total: found.total,
      processed: found.processed,
      kinds,
      outcomes,
    };
  });
}

export interface ImportRowView {
  row: number;
  upn: string;
  displayName: string;
  kind: ImportKind;
  problem: string | null;
  detail: Record<string, unknown>;
  outcome: ImportOutcome | null;
  failure: ErrorCode | null;
  failureDetail: Record<string, string | number>;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const rowSelect = {
  row: true,
  upn: true,
  displayName: true,
  kind: true,
  problem: true,
  detail: true,
  outcome: true,
  failure: true,
  failureDetail: true,
} as const;

function rowView(r: Prisma.UserImportRowGetPayload<{ select: typeof rowSelect }>): ImportRowView {
  return {
    row: r.row,
    upn: r.upn,
    displayName: r.displayName,
    kind: r.kind as ImportKind,
    problem: r.problem,
    detail: parseJson(r.detail, {}),
    outcome: (r.outcome as ImportOutcome | null) ?? null,
    failure: (r.failure as ErrorCode | null) ?? null,
    failureDetail: parseJson(r.failureDetail, {}),
  };
}

/** A page of an upload's rows in file order, of one kind or all: the preview's and the result's table. */
export async function findUserImportRows(
  actor: Actor,
  importId: string,
  options: { page: number; kind: ImportKind | null },
): Promise<Page<ImportRowView>> {
  await authorize(actor, "user.import");
  return transaction(async (tx) => {
    await ownImport(tx, actor, importId);
    const where = { importId, ...(options.kind ? { kind: options.kind } : {}) };
    const [rows, total] = await Promise.all([
      tx.userImportRow.findMany({
        where,
        orderBy: { row: "asc" },
        skip: (options.page - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
        select: rowSelect,
      }),
      tx.userImportRow.count({ where }),
    ]);
    return pageOf(rows.map(rowView), total, options.page);
  });
}

/** Every row with its result, a batch at a time: the result CSV (app/api/users/import/[importId]/results). */
export async function* exportUserImportRows(actor: Actor, importId: string): AsyncGenerator<ImportRowView[]> {
  await authorize(actor, "user.import");
  await transaction((tx) => ownImport(tx, actor, importId));
  let after = 0;
  for (;;) {
    const rows = await transaction((tx) =>
      tx.userImportRow.findMany({ where: { importId, row: { gt: after } }, orderBy: { row: "asc" }, take: 1_000, select: rowSelect }),
    );
    if (rows.length === 0) return;
    yield rows.map(rowView);
    after = rows[rows.length - 1]!.row;
  }
}

export interface ImportRunResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** Takes the import for this run (one guarded UPDATE): a second submit, or a run of another tab, is refused. */
async function claimImport(actor: Actor, importId: string): Promise<{ total: number; fileName: string }> {
  return transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.userImport.updateMany({
      where: {
        id: importId,
        actorId: actor.id,
        createdAt: { gte: new Date(now.getTime() - IMPORT_KEEP_DAYS * 86_400_000) },
        OR: [{ status: "ready" }, { status: "running", leaseUntil: { lt: now } }],
      },
      data: { status: "running", leaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    const found = await ownImport(tx, actor, importId);
    if (claimed.count === 0) {
      if (found.status === "done") throw new AppError("IMPORT_DONE");
      if (found.status === "running") throw new AppError("IMPORT_RUNNING");
      throw new AppError("IMPORT_EXPIRED");
    }
    await tx.userImportRow.updateMany({ where: { importId, kind: "error", outcome: null }, data: { outcome: "skipped" } });
    return { total: found.total, fileName: found.fileName };
  });
}

type StagedRow = Prisma.UserImportRowGetPayload<object>;

/**
 * One batch, in the caller's transaction: products locked, then the users the rows name, then
 * everything checked again as it stands now — a row that can no longer be carried out (its UPN
 * taken meanwhile, its user deleted, an admin, the licenses gone) throws, and the batch rolls
 * back whole. Returns each row's outcome.
 */
async function importBatch(
  tx: Tx,
  actor: Actor,
  importId: string,
  fileName: string,
  rows: StagedRow[],
): Promise<Map<number, ImportOutcome>> {
  const productIds = [...new Set(rows.flatMap((r) => (r.productIds ? r.productIds.split(",") : [])))];
  await lockProducts(tx, productIds);
  const upns = rows.map((r) => r.upn);
  const ids: string[] = [];
  for (const chunk of chunked(upns)) {
    ids.push(...(await tx.user.findMany({ where: { userPrincipalName: { in: chunk } }, select: { id: true } })).map((u) => u.id));
  }
  await lockUsers(tx, ids);
  const existing = await existingByUpn(tx, upns);
  const outcomes = new Map<number, ImportOutcome>();
  const creates: NewUser[] = [];
  const gaining = new Map<string, string[]>();
  const updated: string[] = [];
  for (const r of rows) {
    const wanted = r.productIds ? r.productIds.split(",") : [];
    const user = existing.get(r.upn);
    if (r.kind === "create") {
      if (user) throw new AppError("UPN_TAKEN", { upn: r.upn });
      creates.push({ ...r, userPrincipalName: r.upn, productIds: wanted });
      outcomes.set(r.row, "created");
      continue;
    }
    if (!user) throw new AppError("NOT_FOUND");
    if (user.deletedAt) throw new AppError("USER_DELETED", { name: user.displayName });
    authorizeOnUser(actor, "user.import", user);
    const held = new Set(user.assignments.map((a) => a.productId));
    const adding = wanted.filter((id) => !held.has(id));
    if (adding.length > 0 && !(r.usageLocation ?? user.usageLocation)) {
      throw new AppError("USAGE_LOCATION_REQUIRED", { names: user.displayName, count: 1 });
    }
    const changes = fieldChanges(currentFields(user), r);
    if (changes.length > 0) await tx.user.update({ where: { id: user.id }, data: Object.fromEntries(changes.map((c) => [c.field, c.to])) });
    for (const productId of adding) gaining.set(productId, [...(gaining.get(productId) ?? []), user.id]);
    const changed = changes.length > 0 || adding.length > 0;
    if (changed) updated.push(user.id);
    outcomes.set(r.row, changed ? "updated" : "unchanged");
  }
  const inserted = await insertUsers(tx, actor, creates, "refuse");
  for (const [productId, holders] of gaining) {
    await claimSeats(tx, productId, holders.length);
    for (const chunk of chunked(holders)) {
      await tx.licenseAssignment.createMany({ data: chunk.map((userId) => ({ userId, productId, assignedById: actor.id })) });
    }
  }
  const created = [...inserted.ids.values()];
  const affected = [...created, ...updated];
  if (affected.length > 0) {
    const licenses = [...inserted.assigned.values(), ...gaining.values()].reduce((n, holders) => n + holders.length, 0);
    await recordAudit(tx, actor, {
      action: "user.import",
      targetName: fileName,
      after: {
        importId,
        rows: [rows[0]!.row, rows[rows.length - 1]!.row],
        created: created.length,
        updated: updated.length,
        licenses,
        ...sampleOf(affected),
      },
      users: affected,
    });
  }
  for (const outcome of ["created", "updated", "unchanged"] as const) {
    const numbers = rows.filter((r) => outcomes.get(r.row) === outcome).map((r) => r.row);
    for (const chunk of chunked(numbers)) {
      await tx.userImportRow.updateMany({ where: { importId, row: { in: chunk } }, data: { outcome } });
    }
  }
  return outcomes;
}

/** A batch that could not be written: its rows say why, in a transaction of their own. */
async function markFailed(importId: string, rows: readonly StagedRow[], code: ErrorCode, values: Record<string, string | number>) {
  await transaction(async (tx) => {
    for (const chunk of chunked(rows.map((r) => r.row))) {
      await tx.userImportRow.updateMany({
        where: { importId, row: { in: chunk } },
        data: { outcome: "failed", failure: code, failureDetail: JSON.stringify(values) },
      });
    }
  });
}

function failureOf(error: unknown): { code: ErrorCode; values: Record<string, string | number> } | null {
  if (isAppError(error)) return { code: error.code, values: error.values };
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { code: "UPN_TAKEN", values: { upn: "" } };
  return null;
}

/**
 * Carries out a previewed upload, IMPORT_BATCH rows per transaction, each with its audit record:
 * a batch that fails at write time (licenses taken meanwhile, a UPN added meanwhile) changes
 * nothing, its rows are marked failed with the reason, and the next batch goes on. Rows the
 * preview found in error are skipped. Reports progress after each batch. Only the admin who
 * uploaded it runs it, once: a second submit is refused (IMPORT_RUNNING, IMPORT_DONE); a run
 * whose server died resumes where it stopped once its lease has passed.
 */
export async function runUserImport(
  actor: Actor,
  input: { importId: string },
  onProgress: (processed: number, total: number) => void = () => {},
): Promise<ImportRunResult> {
  await authorize(actor, "user.import");
  const { importId } = input;
  const { total, fileName } = await claimImport(actor, importId);
  for (;;) {
    const rows = await transaction((tx) =>
      tx.userImportRow.findMany({ where: { importId, outcome: null }, orderBy: { row: "asc" }, take: IMPORT_BATCH }),
    );
    if (rows.length === 0) break;
    try {
      await recordingDenials(actor, () =>
        transaction(async (tx) => {
          await importBatch(tx, actor, importId, fileName, rows);
          await tx.userImport.update({ where: { id: importId }, data: { leaseUntil: new Date(Date.now() + LEASE_MS) } });
        }),
      );
    } catch (error) {
      const failure = failureOf(error);
      if (!failure) throw error;
      await markFailed(importId, rows, failure.code, failure.values);
    }
    const processed = await transaction(async (tx) => {
      const done = await tx.userImportRow.count({ where: { importId, outcome: { not: null } } });
      await tx.userImport.update({ where: { id: importId }, data: { processed: done } });
      return done;
    });
    onProgress(processed, total);
  }
  return transaction(async (tx) => {
    await tx.userImport.update({
      where: { id: importId },
      data: { status: "done", leaseUntil: null, finishedAt: new Date(), processed: total },
    });
    const result: ImportRunResult = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
    for (const g of await tx.userImportRow.groupBy({ by: ["outcome"], where: { importId }, _count: { _all: true } })) {
      if (g.outcome && g.outcome in result) result[g.outcome as ImportOutcome] = g._count._all;
    }
    return result;
  });
}
