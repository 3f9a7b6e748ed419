/**
 * Users › Add multiple users on the demo organization: the CSV as Excel and other tools write it
 * (BOM, ";", quotes, CRLF, every locale's headers), the preview of each kind of row, the run in
 * batches (each batch whole or not at all, with its audit record), a re-import that changes
 * nothing, a batch that fails at write time, the result, who may import, and broken files.
 * Microsoft 365 E5 (SPE_E5) has 2 licenses free; Exchange Online (Plan 1) has plenty.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IMPORT_HEADER_INDEX } from "@/lib/user-import-labels";
import { parseImportFile } from "@/lib/user-import-csv";
import { MAX_IMPORT_ROWS } from "@/lib/domain/user-import";
import {
  exportUserImportRows,
  findUserImportRows,
  getUserImportById,
  IMPORT_BATCH,
  previewUserImport,
  runUserImport,
} from "@/server/data/user-import";
import { assignLicenses } from "@/server/data/license-changes";
import { assertInvariants } from "../support/invariants";
import { auditIds, auditSince, expectAppError, freshOrg, snapshot, type Org } from "../support/org";

let org: Org;
beforeEach(async () => {
  org = await freshOrg();
});
afterEach(async () => {
  await assertInvariants(org.prisma);
  await org.close();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = "User Name,First Name,Last Name,Display Name,Job Title,Department,Country or Region,Licenses";

async function preview(csv: string, actor = org.actors.UserAdmin) {
  return previewUserImport(actor, { fileName: "users.csv", bytes: bytes(csv) });
}

async function rowsOf(importId: string, actor = org.actors.UserAdmin) {
  const all = [];
  for (let page = 1; ; page++) {
    const result = await findUserImportRows(actor, importId, { page, kind: null });
    all.push(...result.rows);
    if (page >= result.pageCount) return all;
  }
}

describe("reading the file", () => {
  it("reads a BOM, semicolons, quoted fields with separators, quotes and line breaks, and CRLF", async () => {
    const csv =
      "\uFEFFUser Name;Display Name;Department;Licenses\r\n" +
      'ann@contoso.example;"Ann; the first";"R&D ""Labs""";SPE_E5\r\n' +
      'bob@contoso.example;Bob;"Line\r\nbreak";\r\n';
    const parsed = await parseImportFile(bytes(csv), IMPORT_HEADER_INDEX);
    expect(parsed.separator).toBe(";");
    expect(parsed.records.map((r) => [r.line, r.cells.userName, r.cells.displayName, r.cells.department, r.cells.licenses])).toEqual([
      [2, "ann@contoso.example", "Ann; the first", 'R&D "Labs"', "SPE_E5"],
      [3, "bob@contoso.example", "Bob", "Line\r\nbreak", ""],
    ]);
  });

  it.each([
    ["nl-NL", "Gebruikersnaam;Voornaam;Achternaam;Weergavenaam;Land of regio\nann@contoso.example;Ann;Smit;Ann Smit;Nederland\n"],
    ["de-DE", "Benutzername;Vorname;Nachname;Anzeigename;Land oder Region\nann@contoso.example;Ann;Smit;Ann Smit;Niederlande\n"],
    ["zh-CN", "用户名,名字,姓氏,显示名称,国家或地区\nann@contoso.example,Ann,Smit,Ann Smit,荷兰\n"],
    ["en-US in capitals", "USER NAME,first name,LAST NAME, Display  Name ,country or region\nann@contoso.example,Ann,Smit,Ann Smit,NL\n"],
  ])("matches the %s template's headers and country names", async (_label, csv) => {
    const { importId } = await preview(csv);
    const [row] = await rowsOf(importId);
    expect(row).toMatchObject({ upn: "ann@contoso.example", displayName: "Ann Smit", kind: "create", problem: null });
    expect(await org.prisma.userImportRow.findFirst({ where: { importId }, select: { givenName: true, usageLocation: true } })).toEqual({
      givenName: "Ann",
      usageLocation: "NL",
    });
  });

  it.each([
    ["an empty file", "", "IMPORT_FILE_EMPTY"],
    ["a header only", `${HEADER}\r\n`, "IMPORT_FILE_EMPTY"],
    ["no User Name column", "Display Name,City\nAnn,Delft\n", "IMPORT_HEADER"],
    ["a column twice", "User Name,Display Name,Display Name\na@contoso.example,A,A\n", "IMPORT_HEADER"],
    ["an unclosed quote", 'User Name,Display Name\na@contoso.example,"Ann\n', "IMPORT_MALFORMED"],
  ] as const)("refuses %s with its reason", async (_label, csv, code) => {
    const before = await org.prisma.userImport.count();
    await expectAppError(preview(csv), code);
    expect(await org.prisma.userImport.count()).toBe(before);
  });

  it("refuses text that is not UTF-8 (an ANSI export), too many rows, and a too large file", async () => {
    await expectAppError(
      previewUserImport(org.actors.UserAdmin, {
        fileName: "x.csv",
        bytes: Uint8Array.from([...bytes("User Name,Display Name\nj@x.example,J"), 0xe9, 0x0a]),
      }),
      "IMPORT_NOT_UTF8",
    );
    const many = `User Name,Display Name\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i}@contoso.example,U ${i}`).join("\n")}\n`;
    await expectAppError(preview(many), "IMPORT_TOO_MANY_ROWS");
    await expectAppError(preview(`User Name,Display Name\n${"a".repeat(3 * 1024 * 1024)}\n`), "IMPORT_FILE_TOO_LARGE");
  });
});

describe("the preview", () => {
  it("says what each row would do, and writes nothing to the organization", async () => {
    const before = await snapshot(org.prisma);
    const audit = await auditIds(org.prisma);
    const csv = [
      HEADER,
      "new.one@contoso.example,New,One,New One,Buyer,Sales,Netherlands,SPE_E5",
      "adele.vance@contoso.example,,,Adele Vance,Lead,,,",
      "lee.gu@contoso.example,,,Lee Gu,,,,",
      "not-a-upn,,,Broken,,,,",
      "new.two@contoso.example,,,New Two,,,Atlantis,",
      "NEW.ONE@contoso.example,,,Again,,,US,",
      "new.three@contoso.example,,,New Three,,,US,NO_SUCH_SKU",
      "new.four@contoso.example,,,New Four,,,US,Microsoft 365 E5",
      "new.five@contoso.example,,,New Five,,,US,spe_e5",
      "new.six@contoso.example,,,,,,US,",
      `new.seven@contoso.example,,,${"x".repeat(257)},,,US,`,
      `new.eight@contoso.example,,,"<script>alert(1)</script>",,,US,`,
      `new.nine@contoso.example,${"y".repeat(65)},,New Nine,,,US,`,
      "new.ten@contoso.example,,,New Ten,,,,EXCHANGESTANDARD",
    ].join("\r\n");
    const { importId, total } = await preview(csv);
    expect(total).toBe(14);
    const rows = await rowsOf(importId);
    const byRow = (n: number) => rows.find((r) => r.row === n)!;
    expect(byRow(2)).toMatchObject({ kind: "create", detail: { products: ["Microsoft 365 E5"] } });
    expect(byRow(3)).toMatchObject({ kind: "update", detail: { changes: [{ field: "jobTitle", from: null, to: "Lead" }] } });
    expect(byRow(4)).toMatchObject({ kind: "unchanged" });
    expect(byRow(5)).toMatchObject({ kind: "error", problem: "upnInvalid" });
    expect(byRow(6)).toMatchObject({ kind: "error", problem: "countryUnknown", detail: { value: "Atlantis" } });
    expect(byRow(7)).toMatchObject({ kind: "error", problem: "duplicateUpn", detail: { row: 2 } });
    expect(byRow(8)).toMatchObject({ kind: "error", problem: "productUnknown", detail: { value: "NO_SUCH_SKU" } });
    // E5 has 2 free: row 2 takes one, row 9 (by its name) the other, row 10 (by SKU, any case) none.
    expect(byRow(9)).toMatchObject({ kind: "create" });
    expect(byRow(10)).toMatchObject({ kind: "error", problem: "noLicenseFree", detail: { product: "Microsoft 365 E5" } });
    expect(byRow(11)).toMatchObject({ kind: "error", problem: "displayNameRequired" });
    expect(byRow(12)).toMatchObject({ kind: "error", problem: "displayNameTooLong" });
    expect(byRow(13)).toMatchObject({ kind: "error", problem: "displayNameInvalid", displayName: "<script>alert(1)</script>" });
    expect(byRow(14)).toMatchObject({ kind: "error", problem: "tooLong", detail: { column: "firstName" } });
    expect(byRow(15)).toMatchObject({ kind: "error", problem: "usageLocationRequired" });
    expect((await getUserImportById(org.actors.UserAdmin, importId)).kinds).toEqual({ create: 2, update: 1, unchanged: 1, error: 10 });
    const errors = await findUserImportRows(org.actors.UserAdmin, importId, { page: 1, kind: "error" });
    expect(errors.total).toBe(10);
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await auditSince(org.prisma, audit)).toEqual([]);
  });

  it("refuses a deleted user's UPN and, for a User admin, an admin's", async () => {
    const deleted = await org.prisma.user.findFirstOrThrow({ where: { deletedAt: { not: null } }, select: { userPrincipalName: true } });
    const { importId } = await preview(
      `User Name,Display Name,Job Title\n${deleted.userPrincipalName},X,A\nbilling.admin@contoso.example,Alex Wilber,Boss\n`,
    );
    expect((await rowsOf(importId)).map((r) => r.problem)).toEqual(["userDeleted", "cannotManageAdmin"]);
    const asGlobal = await preview(
      `User Name,Display Name,Job Title\nbilling.admin@contoso.example,Alex Wilber,Boss\n`,
      org.actors.GlobalAdmin,
    );
    expect((await rowsOf(asGlobal.importId, org.actors.GlobalAdmin)).map((r) => r.kind)).toEqual(["update"]);
  });

  it("pages through a large file with counts from the database", async () => {
    const csv = `User Name,Display Name\n${Array.from({ length: 120 }, (_, i) => `p${i}@contoso.example,P ${i}`).join("\n")}\n`;
    const { importId } = await preview(csv);
    const page3 = await findUserImportRows(org.actors.UserAdmin, importId, { page: 3, kind: "create" });
    expect(page3).toMatchObject({ total: 120, page: 3, pageCount: 3 });
    expect(page3.rows.map((r) => r.row)).toEqual(Array.from({ length: 20 }, (_, i) => 102 + i));
  });

  it("is the uploader's own: another admin gets NOT_FOUND", async () => {
    const { importId } = await preview(`User Name,Display Name\nq@contoso.example,Q\n`);
    await expectAppError(getUserImportById(org.actors.GlobalAdmin, importId), "NOT_FOUND");
    await expectAppError(runUserImport(org.actors.GlobalAdmin, { importId }), "NOT_FOUND");
  });
});

describe("the import", () => {
  it(`runs in batches of ${IMPORT_BATCH} with one audit record each, reports progress, and a re-import changes nothing`, async () => {
    const exchange = await org.productId("exo");
    const free =
      25 - (await org.prisma.product.findUniqueOrThrow({ where: { id: exchange }, select: { assignedCount: true } })).assignedCount;
    const n = IMPORT_BATCH * 2 + 10;
    const line = (i: number) => `bulk${i}@contoso.example,Bulk,${i},Bulk ${i},,Ops,US,${i < free ? "EXCHANGESTANDARD" : ""}`;
    const csv = `${HEADER}\r\n${Array.from({ length: n }, (_, i) => line(i)).join("\r\n")}\r\n`;
    const audit = await auditIds(org.prisma);
    const { importId } = await preview(csv);
    const progress: [number, number][] = [];
    const result = await runUserImport(org.actors.UserAdmin, { importId }, (done, total) => progress.push([done, total]));
    expect(result).toEqual({ created: n, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    expect(progress).toEqual([
      [IMPORT_BATCH, n],
      [IMPORT_BATCH * 2, n],
      [n, n],
    ]);
    expect(await org.prisma.user.count({ where: { userPrincipalName: { startsWith: "bulk" }, department: "Ops" } })).toBe(n);
    expect(
      await org.prisma.licenseAssignment.count({ where: { productId: exchange, user: { userPrincipalName: { startsWith: "bulk" } } } }),
    ).toBe(free);
    const events = (await auditSince(org.prisma, audit)).filter((e) => e.action === "user.import");
    expect(events).toHaveLength(3);
    expect(events.map((e) => JSON.parse(e.after ?? "{}").created)).toEqual([IMPORT_BATCH, IMPORT_BATCH, 10]);
    expect(await org.prisma.auditEventUser.count({ where: { eventId: { in: events.map((e) => e.id) } } })).toBe(n);

    // A second submit of the same upload is refused; the same file uploaded again changes nothing.
    await expectAppError(runUserImport(org.actors.UserAdmin, { importId }), "IMPORT_DONE");
    const before = await snapshot(org.prisma);
    const again = await preview(csv);
    expect((await getUserImportById(org.actors.UserAdmin, again.importId)).kinds).toEqual({ create: 0, update: 0, unchanged: n, error: 0 });
    const audit2 = await auditIds(org.prisma);
    expect(await runUserImport(org.actors.UserAdmin, { importId: again.importId })).toMatchObject({ unchanged: n, created: 0, updated: 0 });
    expect(await snapshot(org.prisma)).toEqual(before);
    expect(await auditSince(org.prisma, audit2)).toEqual([]);
  });

  it("two submits at once import once", async () => {
    const { importId } = await preview(`User Name,Display Name\ntwice@contoso.example,Twice\n`);
    const outcomes = await Promise.allSettled([
      runUserImport(org.actors.UserAdmin, { importId }),
      runUserImport(org.actors.UserAdmin, { importId }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: expect.stringMatching(/^IMPORT_(RUNNING|DONE)$/) });
    expect(await org.prisma.user.count({ where: { userPrincipalName: "twice@contoso.example" } })).toBe(1);
  });

  it("updates what changed, keeps what a row leaves empty, adds licenses, and skips rows in error", async () => {
    const adele = await org.prisma.user.findUniqueOrThrow({
      where: { userPrincipalName: "adele.vance@contoso.example" },
      select: { id: true, displayName: true, usageLocation: true },
    });
    const { importId } = await preview(
      `${HEADER}\nadele.vance@contoso.example,Adele,,Adele Vance,Director,,,EXCHANGESTANDARD\nbroken,,,B,,,,\n`,
    );
    expect(await runUserImport(org.actors.UserAdmin, { importId })).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      skipped: 1,
      failed: 0,
    });
    expect(
      await org.prisma.user.findUniqueOrThrow({
        where: { id: adele.id },
        select: { displayName: true, usageLocation: true, givenName: true, jobTitle: true },
      }),
    ).toEqual({
      displayName: adele.displayName,
      usageLocation: adele.usageLocation,
      givenName: "Adele",
      jobTitle: "Director",
    });
    expect(await org.prisma.licenseAssignment.count({ where: { userId: adele.id, productId: await org.productId("exo") } })).toBe(1);
  });

  it("a batch whose licenses were taken after the preview rolls back whole; the other batches are written", async () => {
    const e5 = await org.productId("e5");
    // Batch 1: plain users. Batch 2: its first row takes one of E5's 2 free licenses, its last the other.
    const lines = Array.from({ length: IMPORT_BATCH + 5 }, (_, i) => {
      const e5Row = i === IMPORT_BATCH || i === IMPORT_BATCH + 4;
      return `race${i}@contoso.example,,,Race ${i},,,US,${e5Row ? "SPE_E5" : ""}`;
    });
    const { importId } = await preview(`${HEADER}\n${lines.join("\n")}\n`);
    expect((await getUserImportById(org.actors.UserAdmin, importId)).kinds.error).toBe(0);
    // Another admin takes one of the two licenses meanwhile.
    const taker = await org.prisma.user.findFirstOrThrow({
      where: { deletedAt: null, usageLocation: { not: null }, assignments: { none: { productId: e5 } } },
      select: { id: true },
    });
    await assignLicenses(org.actors.LicenseAdmin, { productId: e5, userIds: [taker.id] });
    const audit = await auditIds(org.prisma);
    const result = await runUserImport(org.actors.UserAdmin, { importId });
    expect(result).toEqual({ created: IMPORT_BATCH, updated: 0, unchanged: 0, skipped: 0, failed: 5 });
    expect(await org.prisma.user.count({ where: { userPrincipalName: { startsWith: "race" } } })).toBe(IMPORT_BATCH);
    expect(
      await org.prisma.licenseAssignment.count({ where: { productId: e5, user: { userPrincipalName: { startsWith: "race" } } } }),
    ).toBe(0);
    const failed = await findUserImportRows(org.actors.UserAdmin, importId, { page: 11, kind: null });
    expect(failed.rows.map((r) => [r.outcome, r.failure])).toEqual(Array.from({ length: 5 }, () => ["failed", "NO_LICENSES_AVAILABLE"]));
    expect((await auditSince(org.prisma, audit)).filter((e) => e.action === "user.import")).toHaveLength(1);

    const exported = [];
    for await (const batch of exportUserImportRows(org.actors.UserAdmin, importId)) exported.push(...batch);
    expect(exported).toHaveLength(IMPORT_BATCH + 5);
    expect(exported.at(-1)).toMatchObject({ row: IMPORT_BATCH + 6, outcome: "failed" });
  });
});

describe("who may import", () => {
  it.each(["GlobalReader", "BillingAdmin", "LicenseAdmin"] as const)("a %s is refused, and the refusal audited", async (role) => {
    const audit = await auditIds(org.prisma);
    await expectAppError(preview(`User Name,Display Name\nx@contoso.example,X\n`, org.actors[role]), "FORBIDDEN");
    const { importId } = await preview(`User Name,Display Name\nx@contoso.example,X\n`);
    await expectAppError(runUserImport(org.actors[role], { importId }), "FORBIDDEN");
    await expectAppError(findUserImportRows(org.actors[role], importId, { page: 1, kind: null }), "FORBIDDEN");
    expect(await org.prisma.user.count({ where: { userPrincipalName: "x@contoso.example" } })).toBe(0);
    const denied = (await auditSince(org.prisma, audit)).filter((e) => e.result === "denied");
    expect(denied.map((e) => [e.action, e.actorId])).toEqual(Array.from({ length: 3 }, () => ["user.import", org.actors[role].id]));
  });
});
