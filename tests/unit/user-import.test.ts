/** Add multiple users' framework-free rules: header matching, the separator, products, changes, countries. */
import { describe, expect, it } from "vitest";
import { usageLocationOf } from "@/lib/countries";
import { detectSeparator, fieldChanges, headerIndex, headerKey, matchHeader, splitProducts } from "@/lib/domain/user-import";
import { IMPORT_HEADER_INDEX } from "@/lib/user-import-labels";

describe("the separator, from the header line", () => {
  it.each([
    ["User Name,Display Name,Department", ","],
    ["Gebruikersnaam;Weergavenaam;Afdeling", ";"],
    ['"Name, with comma";Display Name;Dept', ";"],
    ['"a;b",c,d', ","],
    ["User Name", ","],
  ])("%s → %s", (line, separator) => {
    expect(detectSeparator(line)).toBe(separator);
  });
});

describe("headers", () => {
  it.each([
    ["\uFEFFUser Name", "user name"],
    ["  DISPLAY   name ", "display name"],
    ["Ｕｓｅｒ Ｎａｍｅ", "user name"],
  ])("%j is compared as %j", (cell, key) => {
    expect(headerKey(cell)).toBe(key);
  });

  it("match in every locale and by key; unknown ones are ignored; the required ones must be there, once", () => {
    expect(matchHeader(["Benutzername", "Anzeigename", "Lizenzen", "Shoe size"], IMPORT_HEADER_INDEX)).toEqual({
      ok: true,
      columns: ["userName", "displayName", "licenses", null],
      unknown: ["Shoe size"],
    });
    expect(matchHeader(["用户名", "显示名称"], IMPORT_HEADER_INDEX)).toMatchObject({ ok: true });
    expect(matchHeader(["userName", "displayName"], headerIndex([]))).toMatchObject({ ok: true });
    expect(matchHeader(["User Name", "City"], IMPORT_HEADER_INDEX)).toEqual({ ok: false, missing: ["displayName"] });
    expect(matchHeader(["User Name", "Display Name", "Weergavenaam"], IMPORT_HEADER_INDEX)).toEqual({
      ok: false,
      duplicate: "Weergavenaam",
    });
  });
});

describe("products and countries", () => {
  it.each([
    ["ENTERPRISEPACK+POWER_BI_PRO", ["ENTERPRISEPACK", "POWER_BI_PRO"]],
    [" Office 365 E3 | Visio Plan 2 ", ["Office 365 E3", "Visio Plan 2"]],
    ["A+A", ["A"]],
    ["", []],
    ["+|", []],
  ])("%j names %j", (cell, products) => {
    expect(splitProducts(cell)).toEqual(products);
  });

  it.each([
    ["NL", "NL"],
    ["nl", "NL"],
    ["Netherlands", "NL"],
    ["Nederland", "NL"],
    ["Niederlande", "NL"],
    ["荷兰", "NL"],
    ["United States", "US"],
    ["Atlantis", null],
    ["XX", null],
  ])("%s is %s", (cell, code) => {
    expect(usageLocationOf(cell)).toBe(code);
  });
});

describe("what a row changes", () => {
  const current = { displayName: "Ann", givenName: null, familyName: "Smit", jobTitle: "Buyer", department: null, usageLocation: "NL" };
  it("lists changed fields; empty cells keep the value; equal values change nothing", () => {
    expect(fieldChanges(current, { displayName: "Ann", givenName: "Ann", familyName: null, jobTitle: "", usageLocation: "DE" })).toEqual([
      { field: "givenName", from: null, to: "Ann" },
      { field: "usageLocation", from: "NL", to: "DE" },
    ]);
    expect(fieldChanges(current, { ...current })).toEqual([]);
  });
});
