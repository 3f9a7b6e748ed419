import type { ActionResult } from "@/server/actions/safe-action";

/** Where the product page posts "remove from every user in this view" (app/api/licenses/remove-in-view). */
export const REMOVE_IN_VIEW_PATH = "/api/licenses/remove-in-view";

export type RemovalResult = ActionResult<{ removed: number }>;

/** One line of the removal's answer: progress while it runs, and last its result. */
type RemovalLine = { removed: number; total: number } | RemovalResult;

function isProgress(line: RemovalLine): line is { removed: number; total: number } {
  return !("ok" in line);
}

function parseLine(text: string): RemovalLine | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    if ("ok" in value && typeof value.ok === "boolean") return value as RemovalResult;
    if ("removed" in value && "total" in value && typeof value.removed === "number" && typeof value.total === "number") {
      return { removed: value.removed, total: value.total };
    }
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
  const unknownOutcome: RemovalResult = { ok: false, code: "TEMPORARILY_UNAVAILABLE", message: interrupted };
  let answer: Response;
  try {
    answer = await response;
  } catch {
    return unknownOutcome;
  }
  if (!answer.body) return unknownOutcome;
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let result: RemovalResult | null = null;
  const take = (text: string) => {
    const line = text.trim() === "" ? null : parseLine(text);
    if (!line) return;
    if (isProgress(line)) onProgress(line.removed, line.total);
    else result = line;
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
