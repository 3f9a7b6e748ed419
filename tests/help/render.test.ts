import { describe, expect, it } from "vitest";
import type { Cloud, Locale } from "@/lib/cloud";
import { ALERT_TITLES, ALERT_TYPES } from "@/lib/help/alerts";
import { renderHelpMarkdown } from "@/lib/help/render";
import { FIXTURE, inCorpus } from "./fixtures";

const render = (markdown: string, cloud: Cloud = "worldwide", locale: Locale = "en-US") =>
  renderHelpMarkdown(markdown, { cloud, locale, articleExists: inCorpus });

/** Text the reader sees by default: tags and hidden English originals removed. */
function visible(html: string): string {
  let text = html;
  // Originals may contain markup (links, bold), so strip innermost sxs-original spans repeatedly.
  for (let i = 0; i < 5; i++)
    text = text.replace(/<span class="sxs-original" lang="en-US">(?:(?!<span class="sxs-original")[\s\S])*?<\/span>(?=<\/span>)/g, "");
  return text.replace(/<[^>]+>/g, "");
}

describe("front matter", () => {
  it("is parsed and never shown", async () => {
    const article = await render(FIXTURE, "worldwide", "nl-NL");
    expect(article.title).toBe("Licentieconflicten oplossen");
    expect(article.description).toBe("Conflicten oplossen.");
    expect(article.machineTranslated).toBe(true);
    expect(article.html).not.toMatch(/ms\.topic|translationtype|<hr/);
  });

  it.each([
    ["MT", true],
    ["mt", true],
    ["HT", false],
  ])("ms.translationtype %s → machineTranslated %s", async (type, expected) => {
    const article = await render(`---\ntitle: T\nms.translationtype: ${type}\n---\nText.`);
    expect(article.machineTranslated).toBe(expected);
  });

  it("falls back to the H1 (without originals) when the title is missing, and survives broken YAML", async () => {
    const article = await render(
      `---\ntitle: [unclosed\n---\n# <span data-ttu-id="a">Titel</span><span class="sxs-lookup"><span data-stu-id="a">Title</span></span>\n`,
    );
    expect(article.title).toBe("Titel");
    expect(article.machineTranslated).toBe(false);
  });
});

describe("moniker ranges in the rendered article", () => {
  it.each<[Cloud, string, string[]]>([
    ["worldwide", "Licenties WW", ["Licenties DE", "Licenties CN", "beheercentrum verandert"]],
    ["germany", "Licenties DE", ["Licenties WW", "Licenties CN", "beheercentrum verandert"]],
    ["21vianet", "Licenties CN", ["Licenties WW", "Licenties DE"]],
  ])("%s shows only its own step", async (cloud, own, others) => {
    const { html } = await render(FIXTURE, cloud, "nl-NL");
    expect(html).toContain(own);
    for (const other of others) expect(html).not.toContain(other);
    expect(html).not.toMatch(/:::|moniker/i);
  });

  it("keeps the ordered list numbered 1, 2 across zones (one <ol>, no start attribute)", async () => {
    for (const cloud of ["worldwide", "germany", "21vianet"] as const) {
      const { html } = await render(FIXTURE, cloud, "nl-NL");
      expect(html.match(/<ol/g)).toHaveLength(1);
      expect(html).not.toMatch(/<ol start/);
      const list = /<ol>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
      expect(list.match(/<li>/g)).toHaveLength(2);
    }
  });

  it("21vianet shows the admin-center note as an alert", async () => {
    const { html } = await render(FIXTURE, "21vianet", "nl-NL");
    expect(html).toMatch(
      /<div class="alert alert-note" role="note"><p class="alert-title"><svg[^>]*>[\s\S]*?<\/svg> Opmerking<\/p>\s*<p><span class="sxs" data-ttu-id="f-2">Het beheercentrum verandert\./,
    );
  });

  it("handles fences against list items, extra colons, || and comparison operators", async () => {
    const markdown = [
      "Intro.",
      ':::: moniker range="o365-worldwide || o365-21vianet"',
      "1. Buy online",
      "::: moniker-end",
      '::: moniker range=">=o365-germany <o365-21vianet"',
      "1. No online purchase",
      "::: moniker-end",
      "2. Assign",
    ].join("\n");
    const worldwide = await render(markdown, "worldwide");
    const germany = await render(markdown, "germany");
    const vianet = await render(markdown, "21vianet");
    expect(visible(worldwide.html)).toContain("Buy online");
    expect(visible(worldwide.html)).not.toContain("No online purchase");
    expect(visible(germany.html)).toContain("No online purchase");
    expect(visible(germany.html)).not.toContain("Buy online");
    expect(visible(vianet.html)).toContain("Buy online");
    for (const { html } of [worldwide, germany, vianet]) {
      expect(html).not.toMatch(/:::|moniker/i);
      // Fence lines become blank lines (block boundaries, as in DocFX), so the list is loose.
      expect(html).toMatch(/^<p>Intro\.<\/p>\s*<ol>\s*<li>\s*<p>[^<]+<\/p>\s*<\/li>\s*<li>\s*<p>Assign<\/p>\s*<\/li>\s*<\/ol>$/);
    }
  });

  it("renders several zones with the same heading anchor once per cloud", async () => {
    const markdown = [
      '::: moniker range="o365-worldwide"',
      '## <a name="buy"></a>Buy worldwide',
      "::: moniker-end",
      '::: moniker range="o365-germany"',
      '## <a name="buy"></a>Buy germany',
      "::: moniker-end",
    ].join("\n");
    const worldwide = await render(markdown, "worldwide");
    expect(worldwide.headings).toEqual([{ id: "buy", text: "Buy worldwide", depth: 2 }]);
    const germany = await render(markdown, "germany");
    expect(germany.headings).toEqual([{ id: "buy", text: "Buy germany", depth: 2 }]);
  });

  it.each([
    ["unmatched moniker-end", "Before.\n::: moniker-end\nAfter.", ["Before.", "After."], []],
    [
      "two-colon fence (honoured)",
      'Before.\n:: moniker range="o365-germany"\nGermany only.\n::: moniker-end\nAfter.',
      ["Before.", "After."],
      ["Germany only."],
    ],
    [
      "unknown range syntax (hidden everywhere)",
      'Before.\n::: moniker range="o365-worldwide &&"\nMystery.\n::: moniker-end\nAfter.',
      ["Before.", "After."],
      ["Mystery."],
    ],
    [
      "unknown moniker (hidden everywhere)",
      'Before.\n::: moniker range="o365-mars"\nMars.\n::: moniker-end\nAfter.',
      ["Before.", "After."],
      ["Mars."],
    ],
    [
      "unquoted range (hidden everywhere)",
      "Before.\n::: moniker range=o365-worldwide\nUnquoted.\n::: moniker-end\nAfter.",
      ["Before.", "After."],
      ["Unquoted."],
    ],
    ["unterminated range (runs to the end)", 'Before.\n::: moniker range="o365-germany"\nGermany tail.', ["Before."], ["Germany tail."]],
    ["bare ::: moniker", "Before.\n::: moniker\nAfter.", ["Before.", "After."], []],
    ["stray inline fence text", 'Text ::: moniker range="o365-germany" more ::: moniker-end end.', ["Text", "more", "end."], []],
    [
      "fence inside a blockquote",
      '> [!NOTE]\n> ::: moniker range="o365-germany"\n> Germany note.\n> ::: moniker-end\n> Shared note.',
      ["Shared note."],
      ["Germany note."],
    ],
  ])("malformed input: %s never leaks fence text (worldwide)", async (_name, markdown, shown, hidden) => {
    const { html } = await render(markdown, "worldwide");
    expect(html).not.toMatch(/::|moniker/i);
    for (const text of shown) expect(visible(html)).toContain(text);
    for (const text of hidden) expect(visible(html)).not.toContain(text);
  });

  it("leaves fence text inside fenced code blocks alone", async () => {
    const { html } = await render('```md\n::: moniker range="o365-germany"\n```\nAfter.', "worldwide");
    expect(html).toContain('<code class="language-md">::: moniker range="o365-germany"\n</code>');
    expect(html).toContain("<p>After.</p>");
  });
});

describe("alerts", () => {
  const locales: Locale[] = ["en-US", "nl-NL", "de-DE", "zh-CN"];
  const cases = locales.flatMap((locale) => ALERT_TYPES.map((type) => [locale, type] as const));

  it.each(cases)("%s %s → localized alert", async (locale, type) => {
    const { html } = await render(`> [!${type.toUpperCase()}]\n> Body text.`, "worldwide", locale);
    const title = ALERT_TITLES[locale][type];
    expect(html).toMatch(
      new RegExp(
        `^<div class="alert alert-${type}" role="note"><p class="alert-title"><svg class="alert-icon"[^>]*><path d="[^"]+"></path></svg> ${title}</p>\\s*<p>Body text\\.</p>\\s*</div>$`,
      ),
    );
    expect(html).not.toContain("[!");
  });

  it("works inside list items and keeps later paragraphs", async () => {
    const { html } = await render("1. Step\n\n    > [!WARNING]\n    > First.\n    >\n    > Second.", "worldwide", "de-DE");
    expect(html).toMatch(
      /<li>\s*<p>Step<\/p>\s*<div class="alert alert-warning" role="note">[\s\S]*Warnung<\/p>\s*<p>First\.<\/p>\s*<p>Second\.<\/p>\s*<\/div>\s*<\/li>/,
    );
  });

  it("leaves ordinary blockquotes and unknown markers as blockquotes", async () => {
    const { html } = await render("> [!FOO]\n> Quote.");
    expect(html).toMatch(/^<blockquote>/);
  });
});

describe("side-by-side machine translation", () => {
  it("renders the translation with its focusable English original and drops the lookup spans", async () => {
    const { html } = await render(FIXTURE, "worldwide", "nl-NL");
    expect(html).toContain(
      '<span class="sxs" data-ttu-id="f-4">Koop eerst licenties.<span class="sxs-original" lang="en-US">Buy licenses first.</span></span>',
    );
    expect(html).not.toMatch(/sxs-lookup|data-stu-id/);
  });

  it("title, headings, excerpt and anchors ignore the hidden originals", async () => {
    const article = await render(FIXTURE, "worldwide", "nl-NL");
    expect(article.headings).toEqual([
      { id: "resolve-license-conflicts", text: "Licentieconflicten oplossen", depth: 1 },
      { id: "how-do-i-view-license-conflicts", text: "Licentieconflicten weergeven", depth: 2 },
      { id: "related-articles", text: "Verwante artikelen", depth: 2 },
    ]);
    expect(article.excerpt).toBe("Koop eerst licenties. Zie Licenties kopen.");
    const slugged = await render(
      '## <span data-ttu-id="x">Welkom</span><span class="sxs-lookup"><span data-stu-id="x">Welcome</span></span>',
    );
    expect(slugged.headings).toEqual([{ id: "welkom", text: "Welkom", depth: 2 }]);
  });

  it("does not make a sentence focusable inside a link (the link already is)", async () => {
    const { html } = await render(FIXTURE, "worldwide", "nl-NL");
    expect(html).toContain(
      '<a href="/help/assign-licenses" data-help-slug="assign-licenses"><span class="sxs" data-ttu-id="f-13">Licenties toewijzen aan gebruikers<span class="sxs-original" lang="en-US">Assign licenses to users</span></span></a>',
    );
  });

  it("drops an orphan English original and keeps an orphan translation", async () => {
    const { html } = await render(
      '<span class="sxs-lookup"><span data-stu-id="a">Orphan English</span></span> <span data-ttu-id="b">Alleen vertaling</span>',
    );
    expect(html).not.toContain("Orphan English");
    expect(html).toContain("Alleen vertaling");
  });
});

describe("headings", () => {
  it.each([
    ['## <a name="keep-me"></a>Title', '<h2 id="keep-me">Title</h2>'],
    ["## Plain Title, with punctuation!", '<h2 id="plain-title-with-punctuation">Plain Title, with punctuation!</h2>'],
    ["## 管理员角色", '<h2 id="管理员角色">管理员角色</h2>'],
    ["## Same\n\n## Same", '<h2 id="same">Same</h2>\n<h2 id="same-1">Same</h2>'],
  ])("%j → %s", async (markdown, expected) => {
    expect((await render(markdown)).html).toBe(expected);
  });
});

/** An external link as the renderer writes it: new tab, no opener, marked for sight and screen readers. */
const external = (href: string, text = "x") =>
  `<a href="${href}" class="help-external" target="_blank" rel="noopener noreferrer">${text}<span class="help-sr-only"> (opens in a new tab)</span></a>`;

describe("links", () => {
  it.each([
    ["[x](../../commerce/licenses/buy-licenses.md)", '<a href="/help/buy-licenses" data-help-slug="buy-licenses">x</a>', "article"],
    ["[x](assign-licenses-to-users.md#step-2)", '<a href="/help/assign-licenses#step-2" data-help-slug="assign-licenses">x</a>', "article"],
    [
      "[x](remove-licenses-from-users.md?view=o365-worldwide&preserve-view=true#a)",
      '<a href="/help/remove-licenses#a" data-help-slug="remove-licenses">x</a>',
      "article",
    ],
    ["[x](../add-users/delete-a-user.md)", '<a href="/help/delete-user" data-help-slug="delete-user">x</a>', "article"],
    ["[x](restore-user.md)", '<a href="/help/restore-user" data-help-slug="restore-user">x</a>', "article"],
    ["[x](../microsoft-365-admin-center-preview.md?view=o365-21vianet)", '<span class="help-missing-link">x</span>', "missing"],
    ["[x](not-in-corpus.md)", '<span class="help-missing-link">x</span>', "missing"],
    ["[x](https://go.microsoft.com/fwlink/p/?linkid=842264)", '<a href="/billing/licenses">x</a>', "admin"],
    ['<a href="https://go.microsoft.com/fwlink/p/?linkid=848038" target="_blank">x</a>', '<a href="/billing/licenses">x</a>', "admin"],
    ["[x](https://go.microsoft.com/fwlink/p/?LinkId=850625)", '<a href="/billing/licenses">x</a>', "admin"],
    ["[x](https://learn.microsoft.com/)", external("https://learn.microsoft.com/en-us/"), "external"],
    ["[x](https://go.microsoft.com/fwlink/p/?linkid=1)", external("https://go.microsoft.com/fwlink/p/?linkid=1"), "external"],
    ["[x](/users?q=zhang)", '<a href="/users?q=zhang">x</a>', "admin"],
    // Links that look like paths but leave the app, as a browser reads them: shown as leaving.
    ["[x](//evil.example/x)", external("https://evil.example/x"), "external"],
    ['<a href="/\\evil.example/x">x</a>', external("https://evil.example/x"), "external"],
    ['<a href="\\\\evil.example/x">x</a>', external("https://evil.example/x"), "external"],
    ['<a href="/&#x9;/evil.example">x</a>', external("https://evil.example/"), "external"],
  ])("%s", async (markdown, expected, kind) => {
    const article = await render(markdown);
    expect(article.html).toBe(`<p>${expected}</p>`);
    expect(article.links.map((link) => link.kind)).toEqual([kind]);
  });

  it("keeps in-page anchors and does not report them", async () => {
    const article = await render("[x](#section)");
    expect(article.html).toBe('<p><a href="#section">x</a></p>');
    expect(article.links).toEqual([]);
  });

  it("reports the original href of a missing article", async () => {
    const article = await render("[x](../gone.md)");
    expect(article.links).toEqual([{ href: "../gone.md", kind: "missing" }]);
  });
});

describe("excerpt", () => {
  it("skips alerts and truncates long paragraphs at a word boundary", async () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ");
    const article = await render(`# T\n\n> [!NOTE]\n> Not this.\n\n${long}`);
    expect(article.excerpt.startsWith("word0 word1")).toBe(true);
    expect(article.excerpt.endsWith("…")).toBe(true);
    expect(article.excerpt.length).toBeLessThanOrEqual(241);
  });
});

describe("what scrolls sideways is reachable by keyboard", () => {
  it("code blocks and tables get tabindex=0 (axe scrollable-region-focusable); nothing else does", async () => {
    const { html } = await render('# T\n\n```json\n{ "a": 1 }\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText.\n');
    expect(html).toMatch(/<pre tabindex="0">/);
    expect(html).toMatch(/<table tabindex="0">/);
    expect(html).not.toMatch(/<p tabindex/);
  });
});
