import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HighlightedText } from "@/components/help/highlighted-text";
import type { Cloud, Locale } from "@/lib/cloud";
import { clearHelpCache } from "@/lib/help/loader";
import { renderHelpMarkdown } from "@/lib/help/render";
import { buildHelpSearchIndex, searchHelpIndex, tokens, type ExcerptPart, type HelpSearchResult } from "@/lib/help/search";
import { findHelpArticles } from "@/lib/help/search-index";

async function indexOf(articles: Record<string, string>, cloud: Cloud = "worldwide", locale: Locale = "en-US") {
  const rendered = await Promise.all(
    Object.entries(articles).map(async ([slug, markdown]) => ({
      slug,
      fallback: false,
      ...(await renderHelpMarkdown(markdown, { cloud, locale, articleExists: () => true })),
    })),
  );
  return buildHelpSearchIndex(rendered);
}

const plain = (parts: ExcerptPart[] | null) => (parts ?? []).map((part) => part.text).join("");
const marked = (parts: ExcerptPart[] | null) => (parts ?? []).filter((part) => part.isMatch).map((part) => part.text);
const slugs = (results: HelpSearchResult[]) => results.map((result) => result.slug);

const article = (title: string, body: string) => `---\ntitle: ${title}\ndescription: About ${title}.\n---\n# ${title}\n\n${body}\n`;

describe("ranking", () => {
  it("ranks a title match, then a heading match, above body-only matches (even repeated ones)", async () => {
    const index = await indexOf({
      body: article("Remove users", "Quotas, quotas and more quotas: a quota here, a quota there."),
      heading: article("Manage users", "Some text.\n\n## Quotas per user\n\nNothing about it here."),
      title: article("Quotas", "A short introduction."),
    });
    expect(slugs(searchHelpIndex(index, "quotas"))).toEqual(["title", "heading", "body"]);
  });

  it("requires every word, matches prefixes and ignores case and accents", async () => {
    const index = await indexOf({
      a: article("Assign licenses", "Give a user a licence for a product."),
      b: article("Delete a user", "Delete someone's account."),
    });
    expect(slugs(searchHelpIndex(index, "ASSIGN lic"))).toEqual(["a"]);
    expect(slugs(searchHelpIndex(index, "assign delete"))).toEqual([]);
    expect(slugs(searchHelpIndex(index, "délete"))).toEqual(["b"]);
    expect(searchHelpIndex(index, "   ")).toEqual([]);
  });

  it("links to the best-matching section and names it", async () => {
    const index = await indexOf({ a: article("Licenses", "Intro.\n\n## Buy more\n\nPurchase extra seats in the store.") });
    const [result] = searchHelpIndex(index, "seats");
    expect(result?.href).toBe("/help/a#buy-more");
    expect(plain(result?.section ?? null)).toBe("Buy more");
    expect(marked(result?.excerpt ?? [])).toEqual(["seats"]);
  });
});

describe("per cloud: only what the cloud's readers see is found", () => {
  const zoned = article(
    "Licenses",
    'Everyone reads this.\n\n::: moniker range="o365-germany"\n\nThe Treuhänder holds the data.\n\n::: moniker-end\n',
  );

  it("finds text of a germany moniker zone on germany, not on worldwide", async () => {
    expect(slugs(searchHelpIndex(await indexOf({ zoned }, "germany"), "Treuhänder"))).toEqual(["zoned"]);
    expect(slugs(searchHelpIndex(await indexOf({ zoned }, "worldwide"), "Treuhänder"))).toEqual([]);
    expect(slugs(searchHelpIndex(await indexOf({ zoned }, "worldwide"), "Everyone"))).toEqual(["zoned"]);
  });

  it("indexes the rendered text, not the Markdown source or hidden English originals", async () => {
    const source =
      '---\ntitle: Licenties\ndescription: x\nms.translationtype: MT\n---\n# Licenties\n\n<span data-ttu-id="1">Een licentie toewijzen.</span><span class="sxs-lookup"><span data-stu-id="1">Assign a license.</span></span> See [the page](https://example.com/moniker).\n';
    const index = await indexOf({ mt: source }, "worldwide", "nl-NL");
    expect(slugs(searchHelpIndex(index, "toewijzen"))).toEqual(["mt"]);
    expect(slugs(searchHelpIndex(index, "Assign"))).toEqual([]);
    expect(slugs(searchHelpIndex(index, "ttu"))).toEqual([]);
    expect(slugs(searchHelpIndex(index, "example"))).toEqual([]);
  });
});

describe("Chinese without spaces", () => {
  it("finds a word inside a sentence, by bigrams, and a single character", async () => {
    const index = await indexOf({ zh: article("许可证", "管理员可以为用户分配许可证。删除用户后，许可证会被释放。") }, "21vianet", "zh-CN");
    const [result] = searchHelpIndex(index, "分配许可");
    expect(result?.slug).toBe("zh");
    expect(marked(result?.excerpt ?? [])).toEqual(["分配许可", "许可"]);
    expect(slugs(searchHelpIndex(index, "释"))).toEqual(["zh"]);
    expect(slugs(searchHelpIndex(index, "分配密码"))).toEqual([]);
  });

  it("tokenizes CJK runs into characters and bigrams, other words whole", () => {
    expect(tokens("用户 admin", "query").map((t) => t.text)).toEqual(["用户", "admin"]);
    expect(tokens("用户a", "index").map((t) => t.text)).toEqual(["用", "用户", "户", "a"]);
  });
});

describe("highlighting", () => {
  it("escapes article text: a <mark> around matches, nothing else is markup", async () => {
    const index = await indexOf({
      x: article("Scripts", "Never paste `<script>alert(1)</script>` or <b>bold</b> tricks into the alert field."),
    });
    const [result] = searchHelpIndex(index, "alert");
    const html = renderToStaticMarkup(createElement(HighlightedText, { parts: result?.excerpt ?? [] }));
    expect(html).toContain("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<(?!\/?mark>)/);
  });

  it("cuts a long text to a short excerpt around the first match", async () => {
    const long = `${"Lorem ipsum dolor sit amet. ".repeat(30)}The needle is here. ${"More filler words follow. ".repeat(30)}`;
    const [result] = searchHelpIndex(await indexOf({ x: article("Long", long) }), "needle");
    const text = plain(result?.excerpt ?? []);
    expect(text.length).toBeLessThan(200);
    expect(text.startsWith("…") && text.endsWith("…")).toBe(true);
    expect(marked(result?.excerpt ?? [])).toEqual(["needle"]);
  });
});

describe("findHelpArticles (the deployment's index, content from HELP_CONTENT_DIR)", () => {
  let root = "";
  const previous = process.env.HELP_CONTENT_DIR;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "help-search-"));
    for (const locale of ["en-US", "nl-NL"]) mkdirSync(path.join(root, locale));
    writeFileSync(path.join(root, "en-US", "alpha.md"), article("Alpha", "Sign-in banner text."));
    writeFileSync(path.join(root, "nl-NL", "alpha.md"), article("Alfa", "Aanmeldbanner tekst."));
    writeFileSync(path.join(root, "en-US", "beta.md"), article("Beta", "Only in English: webhooks."));
    writeFileSync(
      path.join(root, "en-US", "gamma.md"),
      "---\ntitle: Gamma\ndescription: x\nmonikerRange: o365-21vianet\n---\n# Gamma\n\nWebhooks by 21Vianet.\n",
    );
    process.env.HELP_CONTENT_DIR = root;
  });
  beforeEach(() => clearHelpCache());
  afterAll(() => {
    if (previous === undefined) delete process.env.HELP_CONTENT_DIR;
    else process.env.HELP_CONTENT_DIR = previous;
    clearHelpCache();
    rmSync(root, { recursive: true, force: true });
  });

  it("searches the translation, and the en-US original of an untranslated article", async () => {
    expect(slugs(await findHelpArticles("aanmeldbanner", "nl-NL", "worldwide"))).toEqual(["alpha"]);
    expect(slugs(await findHelpArticles("banner", "nl-NL", "worldwide"))).toEqual([]);
    const [beta] = await findHelpArticles("webhooks", "nl-NL", "worldwide");
    expect(beta).toMatchObject({ slug: "beta", fallback: true });
  });

  it("leaves out an article whose monikerRange excludes the cloud", async () => {
    expect(slugs(await findHelpArticles("webhooks", "en-US", "worldwide"))).toEqual(["beta"]);
    expect(slugs(await findHelpArticles("webhooks", "en-US", "21vianet")).sort()).toEqual(["beta", "gamma"]);
  });

  it("rebuilds after the loader's cache is cleared", async () => {
    expect(slugs(await findHelpArticles("delta", "en-US", "worldwide"))).toEqual([]);
    writeFileSync(path.join(root, "en-US", "delta.md"), article("Delta", "New."));
    clearHelpCache();
    expect(slugs(await findHelpArticles("delta", "en-US", "worldwide"))).toEqual(["delta"]);
  });
});
