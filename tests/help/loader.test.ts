import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearHelpCache, getHelpArticle, helpArticleExists, listHelpArticles } from "@/lib/help/loader";

const REPO = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("getHelpArticle (content dir from HELP_CONTENT_DIR)", () => {
  let root = "";
  const previous = process.env.HELP_CONTENT_DIR;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "help-cache-"));
    mkdirSync(path.join(root, "en-US"));
    mkdirSync(path.join(root, "nl-NL"));
    writeFileSync(
      path.join(root, "en-US", "alpha.md"),
      "---\ntitle: Alpha\ndescription: First\nms.topic: article\n---\n# Alpha\n\nSee [beta](beta.md).\n",
    );
    writeFileSync(path.join(root, "en-US", "beta.md"), "---\ntitle: Beta\ndescription: Second\nms.topic: article\n---\n> [!TIP]\n> Hi.\n");
    writeFileSync(
      path.join(root, "nl-NL", "alpha.md"),
      '---\ntitle: Alfa\ndescription: Eerste\nms.translationtype: MT\nms.contentlocale: nl-NL\n---\n# <span data-ttu-id="a">Alfa</span><span class="sxs-lookup"><span data-stu-id="a">Alpha</span></span>\n',
    );
    writeFileSync(path.join(root, "secret.md"), "outside the corpus");
    // Read once, by lib/env.ts, at the loader's first use in this file (each test file is its own process).
    process.env.HELP_CONTENT_DIR = root;
  });

  beforeEach(() => clearHelpCache());

  afterAll(() => {
    if (previous === undefined) delete process.env.HELP_CONTENT_DIR;
    else process.env.HELP_CONTENT_DIR = previous;
    clearHelpCache();
    rmSync(root, { recursive: true, force: true });
  });

  it("serves the translation when it exists", async () => {
    const article = await getHelpArticle("alpha", "nl-NL", "worldwide");
    expect(article).toMatchObject({
      slug: "alpha",
      title: "Alfa",
      locale: "nl-NL",
      requestedLocale: "nl-NL",
      fallback: false,
      machineTranslated: true,
    });
  });

  it("falls back to en-US with a flag, and localizes alert titles to the requested locale", async () => {
    const article = await getHelpArticle("beta", "de-DE", "germany");
    expect(article).toMatchObject({ slug: "beta", title: "Beta", locale: "en-US", requestedLocale: "de-DE", fallback: true });
    expect(article?.html).toContain(" Tipp</p>");
  });

  it.each(["../secret", "ALPHA", "alpha.md", "", "a/b", "gamma"])("returns null for %j", async (slug) => {
    expect(await getHelpArticle(slug, "en-US", "worldwide")).toBeNull();
  });

  it("knows which articles exist and resolves links with that knowledge", async () => {
    expect(helpArticleExists("beta")).toBe(true);
    expect(helpArticleExists("gamma")).toBe(false);
    expect(helpArticleExists("../secret")).toBe(false);
    const article = await getHelpArticle("alpha", "en-US", "worldwide");
    expect(article?.links).toEqual([{ href: "/help/beta", kind: "article" }]);
  });

  it("caches per (slug, locale, cloud): the same article object comes back, not a new render", async () => {
    const first = await getHelpArticle("alpha", "en-US", "worldwide");
    const second = await getHelpArticle("alpha", "en-US", "worldwide");
    expect(second).toBe(first);
    expect(await getHelpArticle("alpha", "en-US", "germany")).not.toBe(first);
    expect(await getHelpArticle("alpha", "nl-NL", "worldwide")).not.toBe(first);
  });

  it("lists articles in a locale with fallback flags", async () => {
    expect(await listHelpArticles("nl-NL")).toEqual([
      { slug: "alpha", title: "Alfa", description: "Eerste", fallback: false },
      { slug: "beta", title: "Beta", description: "Second", fallback: true },
    ]);
  });
});

describe("npm run help:render", () => {
  const cli = (...args: string[]) =>
    run("npx", ["tsx", "scripts/help-render.ts", ...args], { cwd: REPO }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("prints the sanitized HTML for the chosen cloud and infers the locale from front matter", async () => {
    const { code, stdout } = await cli("content/nl-NL/resolve-license-conflicts.md", "--cloud", "21vianet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<h1 id="resolve-license-conflicts">/);
    expect(stdout).toContain(" Opmerking</p>");
    expect(stdout).toContain('<a href="/billing/licenses">');
    expect(stdout).not.toMatch(/:::|moniker|go\.microsoft\.com/);
  });

  it("honours --locale", async () => {
    const { stdout } = await cli("content/en-US/buy-licenses.md", "--cloud=germany", "--locale", "de-DE");
    expect(stdout).toContain(" Wichtig</p>");
    expect(stdout).toContain("Microsoft Cloud Germany closed in October 2021");
  });

  it.each([
    [["content/en-US/nope.md", "--cloud", "worldwide"], "file not found: content/en-US/nope.md"],
    [["content/en-US/licenses.md", "--cloud", "mars"], 'unknown cloud "mars"'],
    [["content/en-US/licenses.md", "--cloud", "worldwide", "--locale", "fr-FR"], 'unknown locale "fr-FR"'],
    [["--cloud", "worldwide"], "missing the Markdown file to render"],
  ])("fails clearly for %j", async (args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });
});
