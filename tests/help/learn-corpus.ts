/**
 * Real Microsoft Learn articles (../shared/learn-corpus, beside the repository, not in it) rendered
 * in every cloud: no leaked markup, no crash, no unsafe output, and each cloud sees what its
 * monikers select. In CI (CI=true) the folder must be there and its absence fails the run;
 * elsewhere the run says plainly that these tests did not run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLOUDS, CLOUD_PROFILES, type Cloud, type Locale } from "@/lib/cloud";
import { fileIncludeResolver } from "@/lib/help/corpus";
import { renderHelpMarkdown } from "@/lib/help/render";

export const LEARN_CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/learn-corpus");

/** Markup of the dialect that must never be visible text. */
const LEAKS = ["[!INCLUDE", ":::", "[!div", "[!VIDEO", "#tab/"];
const UNSAFE =
  /<\/?(script|iframe|frame|object|embed|form|input|style|meta|base|link|template|textarea)\b|\son[a-z]+\s*=|javascript:|vbscript:|\sstyle\s*=|srcdoc/i;

function articlesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "includes" ? [] : articlesUnder(file);
    return name.endsWith(".md") ? [file] : [];
  });
}

/** What a reader sees: code blocks, hidden English originals and tags removed, entities decoded. */
export function visibleText(html: string): string {
  let text = html.replace(/<(pre|code)\b[\s\S]*?<\/\1>/g, "");
  for (let depth = 0; depth < 6; depth++) text = text.replace(/<span class="sxs-original" lang="en-US">(?:(?!<span)[\s\S])*?<\/span>/g, "");
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/**
 * An oracle independent of the renderer: side-by-side sentence ids inside a zone with one moniker
 * (`::: moniker range="o365-germany"`, no nesting), mapped to the only cloud that must show them.
 */
function zonedSentences(source: string): Map<string, string> {
  const zoned = new Map<string, string>();
  let zone: string | null = null;
  for (const line of source.split("\n")) {
    const start = /^\s*(?:>\s*)*:{3,}\s*moniker\s+range="(o365-[a-z0-9]+)"\s*:*\s*$/i.exec(line);
    if (start?.[1]) {
      zone = start[1].toLowerCase();
      continue;
    }
    if (/^\s*(?:>\s*)*:{3,}\s*moniker/i.test(line)) {
      zone = null;
      continue;
    }
    if (zone) for (const match of line.matchAll(/data-ttu-id="([^"]+)"/g)) zoned.set(match[1] ?? "", zone);
  }
  return zoned;
}

export function describeLearnCorpus(folder: string, uiLocale: Locale): void {
  const root = path.join(LEARN_CORPUS, folder);
  const title = `Learn corpus ${folder} (../shared/learn-corpus)`;
  if (!existsSync(root)) {
    if (process.env.CI === "true") {
      describe(title, () => {
        it("is present in CI", () => {
          expect.fail(`the Learn corpus is missing at ${root}: CI must run beside ../shared`);
        });
      });
    } else {
      console.warn(`\nThe Learn corpus tests for ${folder} did NOT run: ${root} is not beside this clone (they run in CI).\n`);
    }
  }

  // Declared (and skipped) without the corpus too: vitest fails a test file that declares nothing.
  describe.runIf(existsSync(root))(title, () => {
    const files = existsSync(root) ? articlesUnder(root) : [];

    it.each<Cloud>([...CLOUDS])(
      "renders every article in %s: no leaked markup, no crash, nothing unsafe, monikers applied",
      async (cloud) => {
        const leaks: string[] = [];
        const crashes: string[] = [];
        const unsafe: string[] = [];
        const wrongZones: string[] = [];
        let zonedChecked = 0;
        for (const file of files) {
          const name = path.relative(LEARN_CORPUS, file);
          const source = readFileSync(file, "utf8");
          let html: string;
          try {
            html = (
              await renderHelpMarkdown(source, {
                cloud,
                locale: uiLocale,
                articleExists: () => false,
                resolveInclude: fileIncludeResolver(file, LEARN_CORPUS),
              })
            ).html;
          } catch (error) {
            crashes.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          const text = visibleText(html);
          for (const leak of LEAKS)
            if (text.includes(leak))
              leaks.push(`${name}: ${leak} in "${text.slice(Math.max(0, text.indexOf(leak) - 40), text.indexOf(leak) + 60)}"`);
          if (/href="[^"]*#tab\//.test(html)) leaks.push(`${name}: a #tab/ link`);
          // Markup only: an article may well write "javascript:" or "style=" as text or in code.
          const bad = UNSAFE.exec(html.replace(/>[^<]*</g, "><"));
          if (bad) unsafe.push(`${name}: ${bad[0]}`);
          for (const [id, moniker] of zonedSentences(source)) {
            zonedChecked++;
            const shown = html.includes(`data-ttu-id="${id}"`);
            if (shown !== (moniker === CLOUD_PROFILES[cloud].moniker))
              wrongZones.push(`${name}: sentence ${id} (${moniker}) ${shown ? "shown" : "hidden"}`);
          }
        }
        console.info(`${folder} ${cloud}: ${files.length} articles rendered, ${zonedChecked} zoned sentences checked`);
        expect(files.length).toBeGreaterThan(100);
        expect(crashes).toEqual([]);
        expect(leaks).toEqual([]);
        expect(unsafe).toEqual([]);
        expect(wrongZones).toEqual([]);
      },
      600_000,
    );
  });
}
