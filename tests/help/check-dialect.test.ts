import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCorpus, formatProblem } from "@/lib/help/check";
import { loadCorpus } from "@/lib/help/corpus";

const FM = "---\ntitle: A\ndescription: D\nms.topic: article\n---\n";

describe("help:check on includes, images, directives and monikerRange", () => {
  let root = "";
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "help-check-dialect-"));
    write("media/ok.png", "png");
    write("en-US/includes/loop.md", "[!INCLUDE [self](loop.md)]");
    write("en-US/includes/ok.md", "Shared text.");
    write(
      "en-US/page.md",
      `${FM}# Page\n\n[!INCLUDE [ok](includes/ok.md)]\n\n[!INCLUDE [gone](includes/gone.md)]\n\n[!INCLUDE [loop](includes/loop.md)]\n\n:::image type="content" source="../media/ok.png" alt-text="Fine":::\n\n:::image type="content" source="../media/missing.png" alt-text="Gone":::\n\n:::zone target="x":::\n`,
    );
    write("en-US/china.md", `---\ntitle: C\ndescription: D\nms.topic: article\nmonikerRange: "o365-21vianet"\n---\n# China\n`);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reports each problem without crashing, and accepts media/ and includes/ folders", async () => {
    const result = await checkCorpus(loadCorpus(root), { requiredSlugs: [] });
    const problems = result.errors.map(formatProblem).filter((problem) => problem.startsWith("en-US/"));
    expect(problems).toEqual([
      "en-US/page.md:10: include not found: includes/gone.md",
      "en-US/page.md:12: include cycle: includes/loop.md → includes/loop.md",
      "en-US/page.md: image not found: media/missing.png",
      'en-US/page.md:18: unsupported ::: directive dropped: :::zone target="x":::',
    ]);
    expect(result.errors.map(formatProblem).join("\n")).not.toMatch(/not a <locale>|ok\.png|china\.md:(?! missing)/);
  });
});
