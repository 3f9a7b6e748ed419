/** Reading the streamed answer of "remove from every user in this view" (lib/removal-stream.ts). */
import { describe, expect, it } from "vitest";
import { readRemovalStream } from "@/lib/removal-stream";

const INTERRUPTED = "reload to see";

/** An answer whose body arrives in exactly these pieces (lines may be split anywhere). */
function answer(pieces: string[], { failAfter }: { failAfter?: number } = {}): Promise<Response> {
  const encoder = new TextEncoder();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && sent === failAfter) return controller.error(new Error("connection reset"));
      if (sent === pieces.length) return controller.close();
      controller.enqueue(encoder.encode(pieces[sent++]!));
    },
  });
  return Promise.resolve(new Response(body, { headers: { "Content-Type": "application/x-ndjson" } }));
}

async function read(response: Promise<Response>) {
  const progress: [number, number][] = [];
  const result = await readRemovalStream(response, (removed, total) => progress.push([removed, total]), INTERRUPTED);
  return { progress, result };
}

describe("readRemovalStream", () => {
  it("reports each progress line and answers with the last line's result, whatever the pieces", async () => {
    const text =
      '{"removed":0,"total":25000}\n{"removed":10000,"total":25000}\n{"removed":25000,"total":25000}\n{"ok":true,"data":{"removed":25000},"message":"Removed"}\n';
    for (const size of [1, 7, 30, text.length]) {
      const pieces = text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!;
      expect(await read(answer(pieces))).toEqual({
        progress: [
          [0, 25000],
          [10000, 25000],
          [25000, 25000],
        ],
        result: { ok: true, data: { removed: 25000 }, message: "Removed" },
      });
    }
  });

  it("a refusal before any progress (401, 403: one JSON object, no newline) is the result", async () => {
    const refusal = { ok: false, code: "UNAUTHENTICATED", message: "Sign in again" };
    expect(await read(Promise.resolve(Response.json(refusal, { status: 401 })))).toEqual({ progress: [], result: refusal });
  });

  it("a refusal after progress (the transaction rolled back) is the result", async () => {
    const refusal = { ok: false, code: "TEMPORARILY_UNAVAILABLE", message: "Try again" };
    const { progress, result } = await read(answer(['{"removed":0,"total":5}\n', `${JSON.stringify(refusal)}\n`]));
    expect(progress).toEqual([[0, 5]]);
    expect(result).toEqual(refusal);
  });

  it("a connection that ends or breaks before the result, or never answers, leaves the outcome unknown: reload", async () => {
    const unknown = { ok: false, code: "TEMPORARILY_UNAVAILABLE", message: INTERRUPTED };
    expect((await read(answer(['{"removed":0,"total":5}\n']))).result).toEqual(unknown);
    expect((await read(answer(['{"removed":0,"total":5}\n', '{"removed":5,"to'], { failAfter: 2 }))).result).toEqual(unknown);
    expect((await read(Promise.reject(new TypeError("fetch failed")))).result).toEqual(unknown);
    expect((await read(Promise.resolve(new Response(null, { status: 502 })))).result).toEqual(unknown);
  });

  it("ignores lines that are not its own (a proxy's error page, garbage) rather than taking them for a result", async () => {
    const { progress, result } = await read(answer(["<html>Bad gateway</html>\n", "[1,2]\n", '{"removed":"x","total":1}\n', "null\n"]));
    expect(progress).toEqual([]);
    expect(result).toEqual({ ok: false, code: "TEMPORARILY_UNAVAILABLE", message: INTERRUPTED });
  });
});
