/** The project's own fixtures for each Learn construct, with the exact HTML they render to. */
import { describe, expect, it } from "vitest";
import type { Cloud, Locale } from "@/lib/cloud";
import type { IncludeResolver } from "@/lib/help/includes";
import { renderHelpMarkdownWithDiagnostics } from "@/lib/help/render";
import { inCorpus } from "./fixtures";

const INCLUDES: Record<string, string> = {
  "includes/seats.md": "---\ntitle: ignored\n---\nSeats are counted **per product**.",
  "includes/outer.md": "Outer.\n\n[!INCLUDE [inner](inner.md)]",
  "includes/inner.md": "Inner text.",
  "includes/loop-a.md": "A [!INCLUDE [b](loop-b.md)]",
  "includes/loop-b.md": "B [!INCLUDE [a](loop-a.md)]",
};
const resolveInclude: IncludeResolver = (href, from) => {
  const base = from ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const id = `${base}${href.replace(/^\.\//, "")}`;
  const source = INCLUDES[id];
  return source === undefined ? null : { id, source };
};

async function render(markdown: string, cloud: Cloud = "worldwide", locale: Locale = "en-US") {
  const { article, diagnostics } = await renderHelpMarkdownWithDiagnostics(markdown, {
    cloud,
    locale,
    articleExists: inCorpus,
    resolveInclude,
  });
  return { ...article, issues: diagnostics.issues.map((issue) => issue.message), images: diagnostics.images };
}

const EXTERNAL_NOTE = '<span class="help-sr-only"> (opens in a new tab)</span>';

describe("includes", () => {
  it("inlines a block include without its front matter", async () => {
    expect((await render("[!INCLUDE [seats](includes/seats.md)]")).html).toBe("<p>Seats are counted <strong>per product</strong>.</p>");
  });

  it("inlines an include mid-sentence", async () => {
    expect((await render("Before [!INCLUDE [inner](includes/inner.md)] after.")).html).toBe("<p>Before Inner text. after.</p>");
  });

  it("resolves nested includes relative to the including file", async () => {
    expect((await render("[!INCLUDE [outer](includes/outer.md)]")).html).toBe("<p>Outer.</p>\n<p>Inner text.</p>");
  });

  it("reports a cycle and a missing file, and renders the rest", async () => {
    const cycle = await render("[!INCLUDE [a](includes/loop-a.md)]");
    expect(cycle.html).toBe("<p>A B</p>");
    expect(cycle.issues).toEqual(["include cycle: includes/loop-a.md → includes/loop-b.md → includes/loop-a.md"]);
    const missing = await render("Text.\n\n[!INCLUDE [gone](includes/gone.md)]");
    expect(missing.html).toBe("<p>Text.</p>");
    expect(missing.issues).toEqual(["include not found: includes/gone.md"]);
  });

  it("keeps a blockquote's markers around a block include", async () => {
    expect((await render("> [!NOTE]\n> [!INCLUDE [inner](includes/inner.md)]")).html).toContain("<p>Inner text.</p>\n</div>");
  });
});

describe("images", () => {
  it("renders a content image with its alt text from content/media", async () => {
    const article = await render(':::image type="content" source="../media/licenses-page.png" alt-text="The Licenses page":::');
    expect(article.html).toBe('<img src="/help/media/licenses-page.png" alt="The Licenses page" class="help-image" loading="lazy">');
    expect(article.images).toEqual(["licenses-page.png"]);
  });

  it("renders an icon mid-sentence without leaking markup", async () => {
    expect((await render('Select :::image type="icon" source="media/gear.svg" alt-text="Settings"::: to open.')).html).toBe(
      '<p>Select <img src="/help/media/gear.svg" alt="Settings" class="help-icon" loading="lazy"> to open.</p>',
    );
  });

  it("gives a complex image its long description", async () => {
    const markdown =
      ':::image type="complex" source="../media/flow.png" alt-text="Seat flow":::\n   Seats move from **available** to assigned.\n:::image-end:::';
    expect((await render(markdown)).html).toBe(
      '<figure class="help-figure"><img src="/help/media/flow.png" alt="Seat flow" class="help-image" loading="lazy"><details class="help-image-description"><summary>Image description</summary><p>Seats move from <strong>available</strong> to assigned.</p></details></figure>',
    );
  });

  it("keeps the alt text when the source cannot be served, and reports it", async () => {
    const article = await render(':::image type="content" source="javascript:alert(1)" alt-text="Chart":::');
    expect(article.html).toBe('<span class="help-missing-image">Chart</span>');
    expect(article.issues).toEqual(["image source is neither under media/ nor https: javascript:alert(1)"]);
  });

  it("escapes alt text", async () => {
    expect((await render(':::image type="content" source="media/a.png" alt-text="a <b> & c":::')).html).toContain('alt="a <b> &#x26; c"');
  });
});

describe("front matter monikerRange", () => {
  it.each<[Cloud, boolean]>([
    ["worldwide", false],
    ["germany", false],
    ["21vianet", true],
  ])("an article for 21Vianet only: inCloud in %s is %s", async (cloud, expected) => {
    expect((await render('---\ntitle: T\nmonikerRange: "o365-21vianet"\n---\nText.', cloud)).inCloud).toBe(expected);
  });

  it("hides an article with an unreadable range everywhere, and says why", async () => {
    const article = await render('---\ntitle: T\nmonikerRange: "o365-mars"\n---\nText.');
    expect(article.inCloud).toBe(false);
    expect(article.issues).toEqual(['front matter monikerRange: unknown moniker "o365-mars" in range "o365-mars"']);
  });
});

describe("links", () => {
  it.each([
    ["/azure/active-directory/overview", "https://learn.microsoft.com/nl-nl/azure/active-directory/overview"],
    [
      "/graph/api/user-list?view=graph-rest-1.0#request",
      "https://learn.microsoft.com/nl-nl/graph/api/user-list?view=graph-rest-1.0#request",
    ],
    ["/en-us/powershell/module/x", "https://learn.microsoft.com/nl-nl/powershell/module/x"],
    ["https://learn.microsoft.com/en-us/microsoft-365/admin/", "https://learn.microsoft.com/nl-nl/microsoft-365/admin/"],
    ["https://docs.microsoft.com/en-us/microsoft-365/", "https://learn.microsoft.com/nl-nl/microsoft-365/"],
  ])("Learn link %s opens Learn in the reader's language", async (href, expected) => {
    expect((await render(`[x](${href})`, "worldwide", "nl-NL")).html).toBe(
      `<p><a href="${expected}" class="help-external" target="_blank" rel="noopener noreferrer">x<span class="help-sr-only"> (opent in een nieuw tabblad)</span></a></p>`,
    );
  });

  it.each([
    ["834822", "/users"],
    ["847686", "/users"],
    ["850628", "/users"],
    ["2071581", "/users/deleted"],
    ["842054", "/billing/licenses"],
    ["2052855", "/groups"],
    ["850627", "/"],
  ])("admin-center fwlink %s opens %s", async (linkId, path) => {
    expect((await render(`[x](https://go.microsoft.com/fwlink/p/?linkid=${linkId})`)).html).toBe(`<p><a href="${path}">x</a></p>`);
  });

  it("keeps an fwlink without a page here as the admin center's own link", async () => {
    expect((await render("[Bills](https://go.microsoft.com/fwlink/p/?linkid=2102895)")).html).toBe(
      `<p><a href="https://go.microsoft.com/fwlink/p/?linkid=2102895" class="help-external" target="_blank" rel="noopener noreferrer">Bills${EXTERNAL_NOTE}</a></p>`,
    );
  });
});

describe("videos, next steps and other [!div] blocks", () => {
  it("renders a video as a safe link, never an iframe", async () => {
    expect((await render("> [!VIDEO https://www.microsoft.com/videoplayer/embed/RE1?autoplay=false]", "worldwide", "de-DE")).html).toBe(
      '<p><a href="https://www.microsoft.com/videoplayer/embed/RE1?autoplay=false" class="help-video help-external" target="_blank" rel="noopener noreferrer">Video ansehen<span class="help-sr-only"> (wird in einem neuen Tab geöffnet)</span></a></p>',
    );
  });

  it("drops a video that is not https, and reports it", async () => {
    const article = await render("> [!VIDEO javascript:alert(1)]");
    expect(article.html).toBe("<blockquote>\n<p></p>\n</blockquote>");
    expect(article.issues).toEqual(["video link is not https: javascript:alert(1)"]);
  });

  it("renders a next-step button", async () => {
    expect((await render('> [!div class="nextstepaction"]\n> [Assign licenses](assign-licenses-to-users.md)')).html).toBe(
      '<div class="help-div help-next-step">\n<p><a href="/help/assign-licenses" data-help-slug="assign-licenses">Assign licenses</a></p>\n</div>',
    );
  });

  it("reports an unknown [!div] class and keeps its content", async () => {
    const article = await render('> [!div class="fancy"]\n> Content.');
    expect(article.html).toBe('<div class="help-div">\n<p>Content.</p>\n</div>');
    expect(article.issues).toEqual(['unsupported [!div class="fancy"] (rendered as plain content)']);
  });
});

describe("tabs", () => {
  const TABS =
    "Intro.\n\n# [Admin center](#tab/admin-center)\n\nUse the page.\n\n# [PowerShell](#tab/powershell)\n\nRun the cmdlet.\n\n---\n\nAfter.";

  it("renders the ARIA tabs pattern with the first panel shown and the rest hidden", async () => {
    expect((await render(TABS)).html).toBe(
      [
        "<p>Intro.</p>",
        '<div class="help-tabs" data-help-tabs=""><div class="help-tablist" role="tablist">' +
          '<button type="button" role="tab" id="help-tab-1-1-admin-center" aria-controls="help-tab-1-1-admin-center-panel" aria-selected="true" tabindex="0">Admin center</button>' +
          '<button type="button" role="tab" id="help-tab-1-2-powershell" aria-controls="help-tab-1-2-powershell-panel" aria-selected="false" tabindex="-1">PowerShell</button></div>' +
          '<div class="help-tabpanel" role="tabpanel" id="help-tab-1-1-admin-center-panel" aria-labelledby="help-tab-1-1-admin-center" tabindex="0"><p>Use the page.</p></div>' +
          '<div class="help-tabpanel" role="tabpanel" id="help-tab-1-2-powershell-panel" aria-labelledby="help-tab-1-2-powershell" tabindex="0" hidden><p>Run the cmdlet.</p></div></div>',
        "<p>After.</p>",
      ].join("\n"),
    );
  });

  it("makes no h1 headings or rules out of tabs", async () => {
    const article = await render(TABS);
    expect(article.headings).toEqual([]);
    expect(article.html).not.toMatch(/<h1|<hr|#tab\//);
  });

  it("does not let authored HTML forge controls or ARIA state", async () => {
    expect((await render('<button role="tab" aria-selected="true" id="x">Click</button> <div role="tablist" hidden>y</div>')).html).toBe(
      "<p>Click </p><div>y</div><p></p>",
    );
  });
});

describe("rows and columns", () => {
  it("renders a grid, and indented column text as Markdown rather than code", async () => {
    const markdown =
      ':::row:::\n   :::column span="":::\n        - One\n        - Two\n   :::column-end:::\n   :::column:::\n        **Three**\n   :::column-end:::\n:::row-end:::';
    expect((await render(markdown)).html).toBe(
      '<div class="help-row">\n<div class="help-column">\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n</div>\n<div class="help-column">\n<p><strong>Three</strong></p>\n</div>\n</div>',
    );
  });
});

describe("anchors, table alerts and leftovers", () => {
  it("keeps a standalone anchor as an id", async () => {
    expect((await render('<a name="seat-count"></a>\n\nSeats.\n\n[Up](#seat-count)')).html).toBe(
      '<p><span id="seat-count" class="help-anchor"></span></p>\n<p>Seats.</p>\n<p><a href="#seat-count">Up</a></p>',
    );
  });

  it("does not let an anchor take a heading's id", async () => {
    const { html } = await render('## Seats\n\n<a name="seats"></a>');
    expect(html).toBe('<h2 id="seats">Seats</h2>\n<p></p>');
  });

  it("renders an alert inside a table cell", async () => {
    expect((await render("| a |\n|---|\n| Text <br/> > [!TIP]> Use bulk actions. |", "worldwide", "zh-CN")).html).toContain(
      '<td>Text <br><span class="alert alert-inline alert-tip" role="note"><strong class="alert-title">提示</strong> Use bulk actions.</span></td>',
    );
  });

  it("removes and reports unknown directives", async () => {
    const article = await render('Text :::zone target="docs"::: more.\n\n> [!SECURITY NOTE]\n> Careful.');
    expect(article.html).toBe("<p>Text  more.</p>\n<blockquote>\n<p>\nCareful.</p>\n</blockquote>");
    expect(article.issues).toEqual(["unsupported :::zone::: directive dropped", "unsupported markup removed: [!SECURITY NOTE]"]);
  });

  it("repairs the translation pipeline's escaped closing span", async () => {
    const markdown =
      '<span data-ttu-id="g-1">Zie (video)\\</span><span class="sxs-lookup"><span data-stu-id="g-1">See (video)\\</span></span>\n\nNext line.';
    const { html } = await render(markdown, "worldwide", "nl-NL");
    expect(html).toBe(
      '<p><span class="sxs" data-ttu-id="g-1">Zie (video)<span class="sxs-original" lang="en-US">See (video)</span></span></p>\n<p>Next line.</p>',
    );
  });
});
