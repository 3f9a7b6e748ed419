import { readFile } from "node:fs/promises";
import path from "node:path";
import { contentDir } from "@/lib/help/loader";
import { mediaPathOf } from "@/lib/help/media";

const TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};

/**
 * The help articles' images, from content/media/ (lib/help/media.ts rewrites their sources to
 * /help/media/…). Only names the renderer accepts (no `..`, image types only); an SVG opened
 * on its own can run nothing (a sandboxing policy), and no type is sniffed.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const relative = mediaPathOf(`media/${(await params).path.join("/")}`);
  const type = relative ? TYPES[path.extname(relative).toLowerCase()] : undefined;
  if (!relative || !type) return new Response("Not found", { status: 404 });
  const media = path.join(contentDir(), "media");
  const file = path.join(media, relative);
  if (!file.startsWith(media + path.sep)) return new Response("Not found", { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": type,
        "Cache-Control": "public, max-age=3600",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      },
    });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}
