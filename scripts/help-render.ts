/**
 * Print a help article's rendered, sanitized HTML exactly as the app serves it.
 * Usage: npm run help:render -- <file.md> --cloud <worldwide|germany|21vianet> [--locale <xx-XX>]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CLOUDS, LOCALES, isCloud, isLocale, type Locale } from "@/lib/cloud";
import { loadCorpus } from "@/lib/help/corpus";
import { extractFrontMatter, parseFrontMatter, renderHelpMarkdown } from "@/lib/help/render";

const USAGE = `usage: npm run help:render -- <file.md> --cloud <${CLOUDS.join("|")}> [--locale <${LOCALES.join("|")}>]`;
const CONTENT_DIR = path.resolve(import.meta.dirname, "../content");

function fail(message: string): never {
  process.stderr.write(`help:render: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function inferLocale(file: string, source: string): Locale {
  const yaml = extractFrontMatter(source);
  const declared = yaml === null ? undefined : parseFrontMatter(yaml).data["ms.contentlocale"];
  if (typeof declared === "string" && isLocale(declared)) return declared;
  const folder = path.basename(path.dirname(file));
  return isLocale(folder) ? folder : "en-US";
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { cloud: { type: "string" }, locale: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [file, ...extra] = positionals;
  if (!file) fail("missing the Markdown file to render");
  if (extra.length > 0) fail(`unexpected arguments: ${extra.join(" ")}`);
  const cloud = values.cloud ?? process.env.LICENSE_CENTER_CLOUD ?? "worldwide";
  if (!isCloud(cloud)) fail(`unknown cloud "${cloud}" (expected one of ${CLOUDS.join(", ")})`);
  if (values.locale !== undefined && !isLocale(values.locale)) {
    fail(`unknown locale "${values.locale}" (expected one of ${LOCALES.join(", ")})`);
  }
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === "ENOENT" ? `file not found: ${file}` : `cannot read ${file}: ${code ?? String(error)}`);
  }
  const locale = values.locale !== undefined && isLocale(values.locale) ? values.locale : inferLocale(file, source);
  const corpus = loadCorpus(CONTENT_DIR);
  const article = await renderHelpMarkdown(source, { cloud, locale, articleExists: (slug) => corpus.slugs.has(slug) });
  process.stdout.write(`${article.html}\n`);
}

await main();
