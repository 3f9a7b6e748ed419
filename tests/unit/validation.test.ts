import { describe, expect, it } from "vitest";
import {
  assignSchema,
  createUserSchema,
  deleteUsersSchema,
  idSchema,
  localeSchema,
  MAX_BULK,
  purchaseSchema,
  removeSchema,
  reduceSchema,
  restoreUserSchema,
} from "@/lib/validation";

const ID = "clx0abc123def456ghi789jk";
const KEY = "5b0f8f0e-6c1f-4b8e-9d2a-3f1e2d4c5b6a";

/** The first issue's field and message, or null when the input is valid. */
function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const issue = result.success ? undefined : result.error?.issues[0];
  return issue ? { field: String(issue.path[0]), message: issue.message } : null;
}

describe("purchaseSchema: quantity is a whole number 1..10,000, typed as digits", () => {
  it.each<[string, unknown, number | null]>([
    ["0", "0", null],
    ["1", "1", 1],
    ["10000", "10000", 10_000],
    ["10001", "10001", null],
    ["007", "007", 7],
    ["1.5", "1.5", null],
    ['"abc"', "abc", null],
    ["-1", "-1", null],
    ["+3", "+3", null],
    ["1e3 (a thousand in JavaScript)", "1e3", null],
    ["0x10 (sixteen in JavaScript)", "0x10", null],
    ['" 3 " (spaces)', " 3 ", null],
    ["full-width digits", "３", null],
    ["1,000", "1,000", null],
    ['"" (empty field)', "", null],
    ["a number instead of form text", 7, null],
    ["NaN", "NaN", null],
    ["Infinity", "Infinity", null],
    ["a huge number", "99999999999999999999", null],
  ])("%s", (_label, quantity, expected) => {
    const result = purchaseSchema.safeParse({ subscriptionId: ID, quantity, idempotencyKey: KEY });
    if (expected === null) {
      expect(firstIssue(result)).toEqual({ field: "quantity", message: "quantityRange" });
    } else {
      expect(result.success).toBe(true);
      expect(result.data?.quantity).toBe(expected);
    }
  });

  it.each(["", "not-a-uuid", "5b0f8f0e6c1f4b8e9d2a3f1e2d4c5b6a", `${KEY}x`])("refuses idempotency key %j", (idempotencyKey) => {
    expect(firstIssue(purchaseSchema.safeParse({ subscriptionId: ID, quantity: "1", idempotencyKey }))).toEqual({
      field: "idempotencyKey",
      message: "invalidRequest",
    });
  });
});

describe("reduceSchema", () => {
  it.each<[unknown, unknown, { newQuantity: number; confirm: boolean } | null]>([
    ["5", undefined, { newQuantity: 5, confirm: false }],
    ["5", "true", { newQuantity: 5, confirm: true }],
    ["5", "false", { newQuantity: 5, confirm: false }],
    ["1000000", "true", { newQuantity: 1_000_000, confirm: true }],
    ["0", "true", null],
    ["2.5", "true", null],
    ["-3", "true", null],
    ["abc", "true", null],
    ["1e3", "true", null],
    ["0x10", "true", null],
    [" 3 ", "true", null],
    ["1000001", "true", null],
    ["5", "yes", null],
    ["5", true, null],
  ])("newQuantity %j, confirm %j", (newQuantity, confirm, expected) => {
    const result = reduceSchema.safeParse({ subscriptionId: ID, newQuantity, confirm });
    if (expected === null) expect(result.success).toBe(false);
    else expect(result.data).toEqual({ subscriptionId: ID, ...expected });
  });
});

describe("ids", () => {
  it.each<[string, unknown, boolean]>([
    ["a cuid", ID, true],
    ["10 characters", "abcdefghij", true],
    ["40 characters", "a".repeat(40), true],
    ["9 characters", "abcdefghi", false],
    ["41 characters", "a".repeat(41), false],
    ["a uuid with dashes", KEY, false],
    ["SQL", "' OR 1=1 --", false],
    ["a path", "../../etc/passwd", false],
    ["markup", "<script>alert(1)</script>", false],
    ["with whitespace", ` ${ID}`, false],
    ["a number", 1234567890, false],
    ["null", null, false],
  ])("%s → valid: %s", (_label, id, valid) => {
    const result = idSchema.safeParse(id);
    expect(result.success).toBe(valid);
    if (!valid) expect(result.error?.issues[0]?.message).toBe("invalidId");
  });

  it.each<[string, unknown, string | null]>([
    ["one user", [ID], null],
    ["no users", [], "selectAtLeastOne"],
    ["a bad id in the list", [ID, "nope"], "invalidId"],
  ])("assignSchema with %s", (_label, userIds, message) => {
    const result = assignSchema.safeParse({ productId: ID, userIds });
    expect(firstIssue(result)).toEqual(message === null ? null : { field: "userIds", message });
  });

  it("assignSchema refuses a single id in place of a list", () => {
    expect(firstIssue(assignSchema.safeParse({ productId: ID, userIds: ID }))?.field).toBe("userIds");
  });

  it("assignSchema and removeSchema accept MAX_BULK users and refuse one more", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `user${String(i).padStart(8, "0")}`);
    expect(assignSchema.safeParse({ productId: ID, userIds: ids(MAX_BULK) }).success).toBe(true);
    expect(firstIssue(assignSchema.safeParse({ productId: ID, userIds: ids(MAX_BULK + 1) }))).toEqual({
      field: "userIds",
      message: "tooMany",
    });
    expect(firstIssue(removeSchema.safeParse({ productId: ID, userIds: ids(MAX_BULK + 1) }))).toEqual({
      field: "userIds",
      message: "tooMany",
    });
  });

  it("deleteUsersSchema accepts 1,000 users and refuses 1,001", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `user${String(i).padStart(8, "0")}`);
    expect(deleteUsersSchema.safeParse({ userIds: ids(1_000) }).success).toBe(true);
    expect(firstIssue(deleteUsersSchema.safeParse({ userIds: ids(1_001) }))).toEqual({ field: "userIds", message: "tooMany" });
  });

  it("restoreUserSchema needs a valid id", () => {
    expect(restoreUserSchema.safeParse({ userId: ID }).success).toBe(true);
    expect(restoreUserSchema.safeParse({ userId: "x" }).success).toBe(false);
  });
});

describe("createUserSchema", () => {
  const base = { displayName: "Adele Vance", userPrincipalName: "new.user@contoso.example", usageLocation: "NL" };

  it("defaults productIds to none", () => {
    expect(createUserSchema.parse(base)).toEqual({ ...base, productIds: [] });
  });

  it.each<[string, string, string]>([
    ["a plain name", "Adele Vance", "Adele Vance"],
    ["accents and apostrophes", "Zoë O'Brien-Smith", "Zoë O'Brien-Smith"],
    ["CJK", "李娜", "李娜"],
    ["parentheses and a dot", "José (Sales) Jr.", "José (Sales) Jr."],
    ["surrounding spaces are trimmed", "  Sanne de Vries  ", "Sanne de Vries"],
  ])("display name accepted: %s", (_label, displayName, expected) => {
    expect(createUserSchema.safeParse({ ...base, displayName }).data?.displayName).toBe(expected);
  });

  it.each<[string, string, string]>([
    ["a script tag", "<script>alert(1)</script>", "displayNameInvalid"],
    ["an img onerror", '<img src=x onerror="alert(1)">', "displayNameInvalid"],
    ["a NUL byte", "Ann\u0000Lee", "displayNameInvalid"],
    ["a newline", "Ann\nLee", "displayNameInvalid"],
    ["an escape character", "Ann\u001b[31mLee", "displayNameInvalid"],
    ["a right-to-left override", "Ann\u202eeeL", "displayNameInvalid"],
    ["a zero-width space", "Ann\u200bLee", "displayNameInvalid"],
    ["a formula", '=HYPERLINK("http://x")', "displayNameInvalid"],
    ["a template literal", "${process.env}", "displayNameInvalid"],
    ["only spaces", "   ", "displayNameRequired"],
    ["257 characters", "a".repeat(257), "displayNameTooLong"],
  ])("display name refused: %s", (_label, displayName, message) => {
    expect(firstIssue(createUserSchema.safeParse({ ...base, displayName }))).toEqual({ field: "displayName", message });
  });

  it("accepts a 256-character name", () => {
    expect(createUserSchema.safeParse({ ...base, displayName: "a".repeat(256) }).success).toBe(true);
  });

  it.each<[string, string, string | null]>([
    ["lower-case", "adele.vance@contoso.example", "adele.vance@contoso.example"],
    ["mixed case is lower-cased", "Adele.Vance@Contoso.Example", "adele.vance@contoso.example"],
    ["surrounding spaces are trimmed", "  a@b.co  ", "a@b.co"],
    ["sub-domains", "ops_1@mail.eu.contoso.example", "ops_1@mail.eu.contoso.example"],
    ["a dash inside", "anne-marie@contoso.example", "anne-marie@contoso.example"],
    ["a 64-character local part", `${"a".repeat(64)}@contoso.example`, `${"a".repeat(64)}@contoso.example`],
    ["a 65-character local part", `${"a".repeat(65)}@contoso.example`, null],
    ["no domain dot", "user@localhost", null],
    ["no @", "user.contoso.example", null],
    ["two @", "user@@contoso.example", null],
    ["a leading dot", ".user@contoso.example", null],
    ["a trailing dot before @", "user.@contoso.example", null],
    ["a space inside", "us er@contoso.example", null],
    ["a domain starting with a dash", "user@-contoso.example", null],
    ["markup after the domain", "user@contoso.example<script>", null],
    ["a quote", "o'brien@contoso.example", null],
    ["empty", "", null],
    ["over 113 characters", `${"a".repeat(60)}@${"b".repeat(50)}.example`, null],
  ])("user principal name: %s", (_label, userPrincipalName, expected) => {
    const result = createUserSchema.safeParse({ ...base, userPrincipalName });
    if (expected === null) expect(firstIssue(result)).toEqual({ field: "userPrincipalName", message: "upnInvalid" });
    else expect(result.data?.userPrincipalName).toBe(expected);
  });

  it.each<[string, boolean]>([
    ["US", true],
    ["NL", true],
    ["CN", true],
    ["us", false],
    ["XX", false],
    ["", false],
    ["USA", false],
  ])("usage location %j → valid: %s", (usageLocation, valid) => {
    const result = createUserSchema.safeParse({ ...base, usageLocation });
    if (valid) expect(result.success).toBe(true);
    else expect(firstIssue(result)).toEqual({ field: "usageLocation", message: "usageLocationInvalid" });
  });

  it("refuses more than 50 products and bad product ids", () => {
    expect(firstIssue(createUserSchema.safeParse({ ...base, productIds: Array.from({ length: 51 }, () => ID) }))).toEqual({
      field: "productIds",
      message: "tooMany",
    });
    expect(createUserSchema.safeParse({ ...base, productIds: ["bad id"] }).success).toBe(false);
  });
});

describe("localeSchema", () => {
  it.each([
    ["en-US", true],
    ["nl-NL", true],
    ["de-DE", true],
    ["zh-CN", true],
    ["fr-FR", false],
    ["en", false],
  ])("%s → valid: %s", (locale, valid) => {
    expect(localeSchema.safeParse({ locale }).success).toBe(valid);
  });
});
