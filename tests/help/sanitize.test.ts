import { describe, expect, it } from "vitest";
import type { Cloud } from "@/lib/cloud";
import { renderHelpMarkdown } from "@/lib/help/render";
import { inCorpus } from "./fixtures";

const render = (markdown: string, cloud: Cloud = "worldwide") =>
  renderHelpMarkdown(markdown, { cloud, locale: "en-US", articleExists: inCorpus });

const DANGEROUS =
  /<\/?(script|iframe|frame|object|embed|form|input|button|style|meta|base|link|math|template|noscript|textarea|use|foreignobject)\b|\son[a-z]+\s*=|javascript:|vbscript:|data:|style\s*=|srcdoc|formaction|xlink:href|alert\(1\)/i;

const HOSTILE: [string, string][] = [
  ["script tag", "<script>alert(1)</script>Safe text"],
  ["script inside a paragraph", "Safe <script>alert(1)</script>text"],
  ["img onerror", '<img src="x" onerror="alert(1)">'],
  ["uppercase handler", '<IMG SRC="x" ONERROR="alert(1)">'],
  ["markdown javascript: link", "[click](javascript:alert(1))"],
  ["markdown javascript: link in angle brackets", "[click](<javascript:alert(1)>)"],
  ["autolink javascript:", "<javascript:alert(1)>"],
  ["mixed-case javascript: href", '<a href="JaVaScRiPt:alert(1)">click</a>'],
  ["entity-encoded javascript: href", '<a href="&#106;avascript:alert(1)">click</a>'],
  ["tab inside javascript:", '<a href="java&#x09;script:alert(1)">click</a>'],
  ["leading space javascript:", '<a href=" javascript:alert(1)">click</a>'],
  ["vbscript: href", '<a href="vbscript:msgbox(1)">click</a>'],
  ["data: href", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>'],
  ["data: image", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ["markdown image javascript:", "![x](javascript:alert(1))"],
  ["iframe", '<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>">fallback alert(1)</iframe>'],
  ["object and embed", '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">'],
  [
    "form with formaction",
    '<form action="https://evil.example"><input name="q"><button formaction="javascript:alert(1)">Go</button></form>',
  ],
  ["style attribute", '<p style="position:fixed;inset:0;background:url(javascript:alert(1))">cover</p>'],
  ["style element", "<style>body{display:none}</style>Visible"],
  ["svg onload", '<svg onload="alert(1)"><circle r="5"></circle></svg>'],
  ["svg script", "<svg><script>alert(1)</script></svg>"],
  ["svg link", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ["svg use data:", '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>"></use></svg>'],
  ["svg foreignObject", '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>'],
  ["math", '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["base and link", '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">'],
  ["nested script split", "<scr<script>ipt>alert(1)</scr</script>ipt>"],
  ["noscript mXSS", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ["template", "<template><script>alert(1)</script></template>"],
  ["comment", "<!-- <script>alert(1)</script> -->Text"],
  [
    "handler on a side-by-side span",
    '<span data-ttu-id="x" onmouseover="alert(1)">T</span><span class="sxs-lookup"><span data-stu-id="x" onclick="alert(1)">E</span></span>',
  ],
  [
    "handler inside an English original",
    '<span data-ttu-id="x">T</span><span class="sxs-lookup"><span data-stu-id="x"><img src="x" onerror="alert(1)">E</span></span>',
  ],
  ["handler on an alert", '> [!NOTE]\n> <span onclick="alert(1)">Body</span>'],
  ["javascript: inside a moniker zone", '::: moniker range="o365-worldwide"\n<a href="javascript:alert(1)">x</a>\n::: moniker-end'],
  ["handler on a heading anchor", '## <a name="x" onfocus="alert(1)" tabindex="1" autofocus></a>Title'],
];

describe("sanitizer: hostile input does not survive", () => {
  it.each(HOSTILE)("%s", async (_name, markdown) => {
    for (const cloud of ["worldwide", "21vianet"] as const) {
      const { html } = await render(markdown, cloud);
      // Text nodes are escaped and harmless ("javascript:alert(1)" as link text); tags and attributes are not.
      const markup = html.replace(/>[^<]*</g, "><");
      expect(markup).not.toMatch(DANGEROUS);
      expect(html).not.toMatch(/<(script|iframe|style|object|embed)/i);
    }
  });

  it("keeps the harmless text around hostile markup", async () => {
    expect((await render("<script>alert(1)</script>Safe text")).html).toContain("Safe text");
    expect((await render("<style>body{display:none}</style>Visible")).html).toContain("Visible");
  });

  it.each([
    [
      "author classes outside the allow-list",
      '<div class="alert alert-note fixed inset-0 z-50" role="alert">x</div>',
      '<div class="alert alert-note">x</div>',
    ],
    ["positive tabindex", '<span tabindex="5">x</span>', "<span>x</span>"],
    ["ids outside headings", 'a <span id="main">x</span>', "a <span>x</span>"],
    ["bad data-help-slug", '<a href="/billing" data-help-slug="../../etc">x</a>', '<a href="/billing">x</a>'],
    ["target other than _blank", '<a href="/billing" target="_top">x</a>', '<a href="/billing">x</a>'],
    ["lang stays", '<span lang="nl-NL">x</span>', '<span lang="nl-NL">x</span>'],
  ])("drops %s", async (_name, markdown, expected) => {
    expect((await render(markdown)).html).toBe(`<p>${expected}</p>`.replace(/^<p>(<div[\s\S]*<\/div>)<\/p>$/, "$1"));
  });

  it("replaces an unsafe explicit heading id with a slug", async () => {
    expect((await render('<h2 id="a b:c">Safe title</h2>')).html).toBe('<h2 id="safe-title">Safe title</h2>');
    expect((await render('## <a name="javascript:alert(1)"></a>Title')).html).toBe('<h2 id="title">Title</h2>');
  });
});
