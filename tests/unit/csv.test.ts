import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvResponse, csvSeparatorFor, csvTime } from "@/lib/csv";

describe("csvField", () => {
  it.each<[string, string | number | boolean | null | undefined, string]>([
    ["plain text", "Adele Vance", "Adele Vance"],
    ["a number", 42, "42"],
    ["a boolean", true, "true"],
    ["null", null, ""],
    ["undefined", undefined, ""],
    ["empty text", "", ""],
    ["a comma", "Vance, Adele", '"Vance, Adele"'],
    ["a quote is doubled", 'The "Boss"', '"The ""Boss"""'],
    ["a newline", "line 1\nline 2", '"line 1\nline 2"'],
    ["an apostrophe", "O'Brien", `"O'Brien"`],
    ["an e-mail address is left alone", "adele@contoso.example", "adele@contoso.example"],
    ["= formula", "=1+1", `"'=1+1"`],
    ["+ formula", "+1+1", `"'+1+1"`],
    ["- formula", "-2+3", `"'-2+3"`],
    ["@ formula", "@SUM(A1)", `"'@SUM(A1)"`],
    ["a leading tab", "\t=1", `"'\t=1"`],
    ["a leading carriage return", "\r=1", `"'\r=1"`],
    ["HYPERLINK with quotes", '=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["DDE", "=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
  ])("%s", (_label, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each(["=1+1", "+1", "-1", "@x", "\t=1", "\r=1", '=HYPERLINK("a")'])("no neutralized field %j starts a formula", (value) => {
    const field = csvField(value);
    const unquoted = field.startsWith('"') ? field.slice(1) : field;
    expect(unquoted[0]).toBe("'");
  });
});

describe("csvLine", () => {
  it("joins fields with commas and ends with CRLF", () => {
    expect(csvLine(["a", 1, null, "b,c", "=x"])).toBe(`a,1,,"b,c","'=x"\r\n`);
  });
});

describe("csvResponse", () => {
  async function* batches(): AsyncGenerator<string[][]> {
    yield [["Adele Vance", "adele@contoso.example"]];
    yield [
      ['=HYPERLINK("x")', "evil@contoso.example"],
      ['Zoë "Z" O\'Brien', "zoe@contoso.example"],
    ];
  }

  it("streams a BOM, the header and every batch", async () => {
    const response = csvResponse("users.csv", ["Name", "User principal name"], batches());
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="users.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(
      "\uFEFFName,User principal name\r\n" +
        "Adele Vance,adele@contoso.example\r\n" +
        `"'=HYPERLINK(""x"")",evil@contoso.example\r\n` +
        `"Zoë ""Z"" O'Brien",zoe@contoso.example\r\n`,
    );
  });

  it("stops the source when the download is cancelled", async () => {
    let finished = false;
    async function* endless(): AsyncGenerator<string[][]> {
      try {
        for (let i = 0; ; i++) yield [[`row ${i}`]];
      } finally {
        finished = true;
      }
    }
    const response = csvResponse("x.csv", ["h"], endless());
    const reader = response.body?.getReader();
    expect(reader).toBeDefined();
    await reader?.read();
    await reader?.read();
    await reader?.cancel();
    expect(finished).toBe(true);
  });
});

describe("spreadsheet conventions of the admin's language", () => {
  it.each([
    ["en-US", ","],
    ["zh-CN", ","],
    ["nl-NL", ";"],
    ["de-DE", ";"],
  ] as const)("%s separates fields with %j", (locale, separator) => {
    expect(csvSeparatorFor(locale)).toBe(separator);
  });

  it("a field holding the separator is quoted, whichever separator is used", () => {
    expect(csvLine(["Microsoft 365 E3; Visio", "1,5"], ";")).toBe('"Microsoft 365 E3; Visio";"1,5"\r\n');
    expect(csvLine(["a;b", "c"], ",")).toBe('"a;b",c\r\n');
  });

  it("times are written as Excel reads a date and time, in UTC", () => {
    expect(csvTime(new Date("2026-11-30T08:15:42.123Z"))).toBe("2026-11-30 08:15:42");
    expect(csvTime(null)).toBe("");
  });

  it("a Dutch response uses the semicolon throughout", async () => {
    async function* batches(): AsyncGenerator<string[][]> {
      yield [["Adele Vance", "Office 365 E3; Visio Plan 2"]];
    }
    const response = csvResponse("users.csv", ["Weergavenaam", "Licenties"], batches(), ";");
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer())).toBe(
      '\uFEFFWeergavenaam;Licenties\r\nAdele Vance;"Office 365 E3; Visio Plan 2"\r\n',
    );
  });
});
