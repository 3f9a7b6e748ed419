import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELP_SLUGS } from "@/lib/help/articles";
import { checkCorpus, checkSideBySide, formatProblem } from "@/lib/help/check";
import { loadCorpus } from "@/lib/help/corpus";

const REPO = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("help:check on the real corpus", () => {
  it("finds every article in every locale and no errors", async () => {
    const result = await checkCorpus(loadCorpus(path.join(REPO, "content")));
    expect(result.errors.map(formatProblem)).toEqual([]);
    expect(result.articles).toBe(HELP_SLUGS.length * 4);
  });

  it("npm run help:check prints the summary line and exits 0", async () => {
    const { stdout } = await run("npx", ["tsx", "scripts/help-check.ts"], { cwd: REPO });
    expect(stdout.trim()).toBe(`help:check: ${HELP_SLUGS.length * 4} articles, 0 errors`);
  });
});

const pair = (id: string, t: string, e: string) =>
  `<span data-ttu-id="${id}">${t}</span><span class="sxs-lookup"><span data-stu-id="${id}">${e}</span></span>`;
const EN_FM = "---\ntitle: A\ndescription: D\nms.topic: article\n---\n";
const NL_FM = "---\ntitle: A\ndescription: D\nms.topic: article\nms.translationtype: MT\nms.contentlocale: nl-NL\n---\n";

describe("help:check on a broken fixture corpus", () => {
  let root = "";
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "help-check-"));
    write("en-US/good.md", `${EN_FM}# Good\n\nSee [bad](bad.md#intro) and [other](good.md#missing-anchor).\n`);
    write("nl-NL/good.md", `${NL_FM}# ${pair("g-1", "Goed", "Good")}\n`);
    write(
      "en-US/bad.md",
      `---\ntitle: Bad\n---\n## <a name="intro"></a>Intro\n\n::: moniker-end\n\n:: moniker range="o365-germany"\nGermany.\n::: moniker-end\n\n::: moniker range="o365-mars"\nMars.\n::: moniker-end\n\nSee [gone](../gone.md).\n\n::: moniker range="o365-worldwide"\nOpen.\n`,
    );
    write(
      "nl-NL/bad.md",
      `---\ntitle: Slecht\ndescription: D\nms.topic: article\nms.contentlocale: de-DE\n---\n${pair("b-1", "Een", "One")} <span data-ttu-id="b-2">Twee</span> ${pair("b-3", "Drie", "Not in the English article")}\n`,
    );
    write("en-US/only-english.md", `${EN_FM}# Only English\n`);
    write("en-US/notes.txt", "stray");
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reports each problem with its file and line", async () => {
    const result = await checkCorpus(loadCorpus(root), { requiredSlugs: ["good", "required-missing"] });
    const problems = result.errors.map(formatProblem);
    const expected = [
      "en-US/notes.txt: not a <locale>/<slug>.md help article",
      "en-US/required-missing.md: required article is missing",
      "en-US/bad.md:6: moniker-end without a matching moniker range",
      "en-US/bad.md:8: moniker fence needs three or more colons, found 2",
      'en-US/bad.md:12: unknown moniker "o365-mars" in range "o365-mars"',
      "en-US/bad.md:18: moniker range is never closed with ::: moniker-end (applies to the end of the article)",
      'en-US/bad.md: front matter field "description" is required',
      'en-US/bad.md: front matter field "ms.topic" is required',
      "en-US/bad.md: link to an article that is not in the corpus (worldwide): ../gone.md",
      "en-US/good.md: link anchor #missing-anchor does not exist in good (worldwide)",
      'nl-NL/bad.md: front matter field "ms.translationtype" is required',
      'nl-NL/bad.md: ms.contentlocale "de-DE" does not match the folder nl-NL',
      'nl-NL/bad.md: data-ttu-id "b-2" has no English original (data-stu-id)',
      'nl-NL/bad.md: English original of "b-1" does not match the en-US article: One',
      'nl-NL/bad.md: English original of "b-3" does not match the en-US article: Not in the English article',
      'nl-NL/only-english.md: missing: "only-english" exists in another locale but not in nl-NL',
    ];
    for (const problem of expected) expect(problems).toContain(problem);
    expect(problems.some((problem) => problem.startsWith("nl-NL/good.md"))).toBe(false);
    expect(problems.some((problem) => problem.includes("link anchor #intro"))).toBe(false);
  });

  it("the CLI exits 1 and prints the error count", async () => {
    const error = await run("npx", ["tsx", "scripts/help-check.ts", root], { cwd: REPO }).then(
      () => null,
      (failure: unknown) => failure as { code: number; stdout: string; stderr: string },
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toMatch(/^help:check: 5 articles, \d+ errors\n$/);
    expect(error?.stderr).toContain("en-US/bad.md:6: moniker-end without a matching moniker range");
  });
});

describe("checkSideBySide", () => {
  it.each<[string, string, string | null, string[]]>([
    ["matched pairs", `${pair("a", "T", "English one.")} ${pair("b", "U", "English two.")}`, "English one. English two.", []],
    ["duplicate id", `${pair("a", "T", "E.")} ${pair("a", "U", "E.")}`, "E.", ['duplicate data-ttu-id "a"']],
    [
      "mismatched ids",
      '<span data-ttu-id="a">T</span><span class="sxs-lookup"><span data-stu-id="b">E.</span></span>',
      "E.",
      [
        'data-ttu-id "a" has no English original (data-stu-id)',
        'data-stu-id "b" has no translation (data-ttu-id)',
        'translation "a" is followed by the original of "b"',
      ],
    ],
    ["sxs in an en-US original", pair("a", "T", "E."), null, ["an en-US original must not contain side-by-side spans"]],
  ])("%s", (_name, source, english, expected) => {
    expect(checkSideBySide(source, english)).toEqual(expected);
  });
});
