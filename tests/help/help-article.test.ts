import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { HelpArticle } from "@/components/help/help-article";
import { renderHelpMarkdown } from "@/lib/help/render";
import { FIXTURE, inCorpus } from "./fixtures";

// The catalogs are tested separately; here the key itself stands in for the translation.
vi.mock("@/i18n/server", () => ({ getTranslations: async () => (key: string) => `[${key}]` }));
vi.mock("next-intl", () => ({ useTranslations: () => (key: string) => `[${key}]` }));

async function markup(fallback: boolean, markdown = FIXTURE) {
  const article = await renderHelpMarkdown(markdown, { cloud: "worldwide", locale: "nl-NL", articleExists: inCorpus });
  const element = await HelpArticle({ article: { ...article, slug: "resolve-license-conflicts", locale: "nl-NL", fallback } });
  return { article, html: renderToStaticMarkup(element) };
}

describe("HelpArticle component", () => {
  it("shows the machine-translation banner with the originals toggle, then the article HTML", async () => {
    const { article, html } = await markup(false);
    expect(html).toMatch(/^<article class="help-article-container" lang="nl-NL" data-help-article="resolve-license-conflicts">/);
    expect(html).toContain(
      '<div class="help-notice help-notice-mt" role="note"><p><strong>[machineTranslatedTitle]</strong> [machineTranslated]</p>',
    );
    expect(html).toContain('<button type="button" class="help-originals-toggle" aria-pressed="false">[showOriginals]</button>');
    expect(html).toContain(`<div class="help-article">${article.html}</div>`);
    expect(html).not.toContain("[fallbackNotice]");
  });

  it("shows the fallback notice and no banner for an en-US fallback", async () => {
    const { html } = await markup(true, "---\ntitle: T\n---\n# T\n");
    expect(html).toContain('<p class="help-notice help-notice-fallback" role="note">[fallbackNotice]</p>');
    expect(html).not.toContain("help-originals-toggle");
  });
});
