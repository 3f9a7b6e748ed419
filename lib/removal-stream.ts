import type { ActionResult } from "@/server/actions/safe-action";

/** Where the product page posts "remove from every user in this view" (app/api/licenses/remove-in-view). */
export const REMOVE_IN_VIEW_PATH = "/api/licenses/remove-in-view";

export type RemovalResult = ActionResult<{ removed: number }>;

/** Where Add multiple users posts its confirmed run (app/api/users/import/run). */
export const IMPORT_RUN_PATH = "/api/users/import/run";

/** One line of a streamed answer: progress while it runs (`{"<key>":n,"total":N}`), and last its result. */
type ProgressLine<R> = { done: number; total: number } | R;

function parseLine<R>(text: string, key: string): ProgressLine<R> | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    if ("ok" in value && typeof value.ok === "boolean") return value as R;
    const record = value as Record<string, unknown>;
    const done = record[key];
    if (typeof done === "number" && typeof record.total === "number") return { done, total: record.total };
    return null;
  } catch {
    return null;
  }
}

/**
 * Reads the removal's answer, a line of JSON per part (newline-delimited, as
 * app/api/licenses/remove-in-view writes it), calling `onProgress` for each progress line and
 * answering with the last line's result. A refusal before the stream (a 401 or 403 with one JSON
 * object) is a result too. When the connection ends without a result, the removal's outcome is
 * unknown to the page: it answers with `interrupted` (a translated message telling the admin to
 * reload), since the server's transaction either finished or changed nothing.
 */
export async function readRemovalStream(
  response: Promise<Response>,
  onProgress: (removed: number, total: number) => void,
  interrupted: string,
): Promise<RemovalResult> {
  return readProgressStream<RemovalResult>(response, "removed", onProgress, interrupted);
}

/**
 * A streamed answer of progress lines and a last result line, as readRemovalStream reads the
 * removal's; `key` names the progress count (the import's is `processed`).
 */
export async function readProgressStream<R extends ActionResult<unknown>>(
  response: Promise<Response>,
  key: string,
  onProgress: (done: number, total: number) => void,
  interrupted: string,
): Promise<R | ActionResult<never>> {
  const unknownOutcome: ActionResult<never> = { ok: false, code: "TEMPORARILY_UNAVAILABLE", message: interrupted };
  let answer: Response;
  try {
    answer = await response;
  } catch {
    return unknownOutcome;
  }
  if (!answer.body) return unknownOutcome;
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let result: R | null = null;
  const take = (text: string) => {
    const line = text.trim() === "" ? null : parseLine<R>(text, key);
    if (!line) return;
    if ("ok" in line) result = line;
    else onProgress(line.done, line.total);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += value;
      let newline = buffered.indexOf("\n");
      while (newline !== -1) {
        take(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
      }
    }
    take(buffered);
  } catch {
    return unknownOutcome;
  }
  return result ?? unknownOutcome;
}
