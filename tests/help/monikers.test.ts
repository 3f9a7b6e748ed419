import { describe, expect, it } from "vitest";
import { MONIKERS } from "@/lib/cloud";
import { applyMonikers, parseMonikerRange } from "@/lib/help/monikers";

const [WW, DE, CN] = ["o365-worldwide", "o365-germany", "o365-21vianet"];

describe("parseMonikerRange", () => {
  it("uses the ordered moniker list from lib/cloud", () => {
    expect(MONIKERS).toEqual([WW, DE, CN]);
  });

  it.each<[string, string[]]>([
    ["o365-worldwide", [WW]],
    ["=o365-germany", [DE]],
    ["o365-worldwide || o365-21vianet", [WW, CN]],
    ["o365-worldwide||o365-germany||o365-21vianet", [WW, DE, CN]],
    [">o365-worldwide", [DE, CN]],
    [">=o365-germany", [DE, CN]],
    ["<o365-21vianet", [WW, DE]],
    ["<=o365-worldwide", [WW]],
    [">= o365-worldwide <o365-21vianet", [WW, DE]],
    [">o365-worldwide <o365-21vianet", [DE]],
    ["o365-worldwide o365-germany", []],
    ["<o365-germany || >o365-germany", [WW, CN]],
    ["O365-Germany", [DE]],
  ])("%s matches %j", (expression, expected) => {
    const range = parseMonikerRange(expression);
    expect(range.ok).toBe(true);
    if (range.ok) expect(MONIKERS.filter((moniker) => range.test(moniker))).toEqual(expected);
  });

  it.each([
    "",
    "||",
    "o365-worldwide ||",
    "o365-mars",
    "=>o365-germany",
    "o365-worldwide && o365-germany",
    "!o365-germany",
    "(o365-germany)",
  ])("rejects %j", (expression) => {
    expect(parseMonikerRange(expression).ok).toBe(false);
  });
});

describe("applyMonikers", () => {
  const messages = (source: string) => applyMonikers(source, WW).issues.map((issue) => `${issue.line}: ${issue.message}`);

  it("keeps line numbers and blanks removed lines", () => {
    const pass = applyMonikers('a\n::: moniker range="o365-germany"\nb\n::: moniker-end\nc', WW);
    expect(pass.markdown).toBe("a\n\n\n\nc");
    expect(pass.issues).toEqual([]);
  });

  it("leaves front matter and fenced code alone", () => {
    const source = '---\ntitle: "::: moniker-end"\n---\n~~~\n::: moniker-end\n~~~\n';
    expect(applyMonikers(source, WW)).toEqual({ markdown: source, issues: [] });
  });

  it.each([
    ["::: moniker-end", ["1: moniker-end without a matching moniker range"]],
    [':: moniker range="o365-germany"\nx\n::: moniker-end', ["1: moniker fence needs three or more colons, found 2"]],
    ['::: moniker range="o365-mars"\nx\n::: moniker-end', ['1: unknown moniker "o365-mars" in range "o365-mars"']],
    ["::: moniker range=o365-germany\nx\n::: moniker-end", ["1: unknown moniker range syntax: ::: moniker range=o365-germany"]],
    ['::: moniker range="o365-germany"\nx', ["1: moniker range is never closed with ::: moniker-end (applies to the end of the article)"]],
    [
      '::: moniker range="o365-germany"\n::: moniker range="o365-worldwide"\n::: moniker-end\n::: moniker-end',
      ["2: nested moniker range (only renders where all enclosing ranges match)"],
    ],
    [
      ':::code language="powershell" source="a.ps1":::',
      ['1: unsupported ::: directive dropped: :::code language="powershell" source="a.ps1":::'],
    ],
    ["::: moniker-end extra", ["1: unexpected text after moniker-end: extra", "1: moniker-end without a matching moniker range"]],
    ["```\ncode", ["2: fenced code block is never closed"]],
  ])("reports %j", (source, expected) => {
    expect(messages(source)).toEqual(expected);
  });

  it("hidden lines inside a blockquote keep the quote together", () => {
    const pass = applyMonikers('> a\n> ::: moniker range="o365-germany"\n> b\n> ::: moniker-end\n> c', WW);
    expect(pass.markdown).toBe("> a\n>\n>\n>\n> c");
  });
});
