/**
 * The real nl-NL seed article the project grew from, rendered for every cloud. It lives beside
 * the repository (../shared/seed), not in it. In CI (CI=true) it must be there, and its absence
 * fails the run; elsewhere (a clone without ../shared) the run says plainly that it did not run.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Cloud } from "@/lib/cloud";
import { renderHelpMarkdown, type RenderedArticle } from "@/lib/help/render";
import { inCorpus } from "./fixtures";

const SEED = path.resolve(import.meta.dirname, "../..", "../shared/seed/000_8cbaf2d7a21ca4eb.txt");

const isPresent = existsSync(SEED);

if (!isPresent) {
  if (process.env.CI === "true") {
    describe("seed article (../shared/seed)", () => {
      it("is present in CI", () => {
        expect.fail(`the seed article is missing at ${SEED}: CI must run beside ../shared`);
      });
    });
  } else {
    console.warn(
      `\nThe seed article tests did NOT run: ${SEED} is not beside this clone (they run in CI and in the project's own checkout).\n`,
    );
  }
}

describe.runIf(isPresent)("seed article (../shared/seed)", () => {
  const rendered = new Map<Cloud, RenderedArticle>();
  const get = async (cloud: Cloud) => {
    const cached = rendered.get(cloud);
    if (cached) return cached;
    const article = await renderHelpMarkdown(readFileSync(SEED, "utf8"), { cloud, locale: "nl-NL", articleExists: inCorpus });
    rendered.set(cloud, article);
    return article;
  };

  it.each<[Cloud, string, string[]]>([
    ["worldwide", "d1859-111", ["d1859-112", "d1859-113", "d1859-104", "d1859-105"]],
    ["germany", "d1859-112", ["d1859-111", "d1859-113", "d1859-104", "d1859-105"]],
    ["21vianet", "d1859-113", ["d1859-111", "d1859-112"]],
  ])("%s shows only its own Licenses step", async (cloud, own, hidden) => {
    const { html } = await get(cloud);
    expect(html).toContain(`data-ttu-id="${own}"`);
    for (const id of hidden) expect(html).not.toContain(`data-ttu-id="${id}"`);
    expect(html).not.toMatch(/:::|moniker/i);
    expect(html).not.toContain("go.microsoft.com");
    expect(html).toContain(
      `data-ttu-id="${own}">Ga in het beheercentrum naar de pagina <strong>Facturering</strong> > <a href="/billing/licenses">Licenties</a>.`,
    );
  });

  it("21vianet shows the admin-center note and maps fwlink 850625 to /billing/licenses", async () => {
    const { html, links } = await get("21vianet");
    expect(html).toMatch(
      /<div class="alert alert-note" role="note"><p class="alert-title">[\s\S]*? Opmerking<\/p>\s*<p><span class="sxs" data-ttu-id="d1859-104">Het beheercentrum wordt gewijzigd\./,
    );
    expect(html).toContain('<span class="help-missing-link">Over het nieuwe Microsoft 365-beheercentrum</span>');
    expect(links).toContainEqual({ href: "/billing/licenses", kind: "admin" });
    expect(links).toContainEqual({
      href: "../microsoft-365-admin-center-preview.md?preserve-view=true&view=o365-21vianet",
      kind: "missing",
    });
  });

  it.each<Cloud>(["worldwide", "germany", "21vianet"])("%s: title, headings and list numbering", async (cloud) => {
    const article = await get(cloud);
    expect(article.title).toBe("Licentieconflicten oplossen");
    expect(article.machineTranslated).toBe(true);
    expect(article.headings.map(({ id, text }) => [id, text])).toEqual([
      ["resolve-license-conflicts", "Licentieconflicten oplossen"],
      ["how-do-i-view-license-conflicts", "Licentieconflicten weergeven"],
      ["how-do-i-resolve-license-conflicts", "Licentieconflicten oplossen"],
      ["related-articles", "Verwante artikelen"],
    ]);
    expect(article.html).toContain('<h2 id="how-do-i-view-license-conflicts">');
    expect(article.html).not.toMatch(/<a name=/);
    expect(article.excerpt).toMatch(/^Het is raadzaam om de licenties te kopen/);
    expect(article.excerpt).not.toMatch(/We recommend/);
    const list = /<ol>([\s\S]*?)<\/ol>/.exec(article.html)?.[1] ?? "";
    expect(article.html.match(/<ol/g)).toHaveLength(1);
    expect(list.match(/<li>/g)).toHaveLength(2);
    expect(list).toMatch(/<div class="alert alert-note" role="note">[\s\S]*De kolom <strong>Status<\/strong> wordt alleen weergegeven/);
  });

  it("related links open in-app help", async () => {
    const { html, links } = await get("worldwide");
    expect(html).toContain('<a href="/help/assign-licenses" data-help-slug="assign-licenses">');
    expect(html).toContain('<a href="/help/remove-licenses" data-help-slug="remove-licenses">');
    expect(html).toContain('<a href="/help/buy-licenses" data-help-slug="buy-licenses">');
    expect(html).toContain('<a href="/help/delete-user" data-help-slug="delete-user">');
    expect(html).not.toMatch(/href="[^"]*\.md/);
    expect(new Set(links.map((link) => link.kind))).toEqual(new Set(["article", "admin"]));
  });
});
