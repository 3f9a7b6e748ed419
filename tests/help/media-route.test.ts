import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The route reads content/media/ under HELP_CONTENT_DIR (lib/env.ts reads it once, so it is set first).
const content = mkdtempSync(path.join(tmpdir(), "help-media-"));
mkdirSync(path.join(content, "media", "licenses"), { recursive: true });
writeFileSync(path.join(content, "media", "licenses", "page.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
writeFileSync(path.join(content, "media", "notes.txt"), "not an image");
writeFileSync(path.join(content, "secret.png"), "outside media");
process.env.HELP_CONTENT_DIR = content;

let GET: (request: Request, context: { params: Promise<{ path: string[] }> }) => Promise<Response>;
beforeAll(async () => {
  ({ GET } = await import("@/app/(admin)/help/media/[...path]/route"));
});

const get = (...parts: string[]) => GET(new Request("http://localhost/help/media/x"), { params: Promise.resolve({ path: parts }) });

describe("GET /help/media/…", () => {
  it("serves an image of content/media/ with its type, unsniffed and sandboxed", async () => {
    const response = await get("licenses", "page.png");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  it.each([
    ["a missing image", ["licenses", "gone.png"]],
    ["a file that is not an image", ["notes.txt"]],
    ["a way out of the folder", ["..", "secret.png"]],
    ["an encoded way out", ["%2e%2e", "secret.png"]],
    ["an absolute path", ["/etc", "passwd.png"]],
  ])("answers 404 for %s", async (_name, parts) => {
    expect((await get(...parts)).status).toBe(404);
  });
});
