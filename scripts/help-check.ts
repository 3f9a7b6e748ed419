/**
 * Validate the help corpus: moniker fences, links, locales, front matter, side-by-side pairs.
 * Usage: npm run help:check [-- <content-dir>]; exits 1 on any error.
 */
import path from "node:path";
import { checkCorpus, formatProblem } from "@/lib/help/check";
import { loadCorpus } from "@/lib/help/corpus";

async function main(): Promise<number> {
  const rootDir = path.resolve(process.argv[2] ?? path.resolve(import.meta.dirname, "../content"));
  let result;
  try {
    result = await checkCorpus(loadCorpus(rootDir));
  } catch (error) {
    process.stderr.write(`help:check: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const problem of result.errors) process.stderr.write(`${formatProblem(problem)}\n`);
  const summary = `help:check: ${result.articles} articles, ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}`;
  process.stdout.write(`${summary}\n`);
  return result.errors.length > 0 ? 1 : 0;
}

process.exitCode = await main();
