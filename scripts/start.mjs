// The production server: Next.js behind a plain Node HTTP server that records who is on the other
// end of the socket. Next.js keeps a client's own X-Forwarded-For as it is, so on its own a client
// could claim any address; here the socket's peer is appended to the chain and set in a header of
// its own (a client's copy replaced), and the app trusts only as many hops before it as
// TRUSTED_PROXIES says (server/auth/rate-limit.ts). SIGTERM and SIGINT stop taking connections
// and let running requests finish.
// Usage: node scripts/start.mjs [--port 3000] [--hostname 0.0.0.0]   (PORT and HOSTNAME work too)
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import compression from "compression";
import next from "next";
import { ACTION_BODY_LIMIT_MB } from "../lib/body-limit.mjs";
import { root } from "./lib.mjs";

const PEER_HEADER = "x-license-center-peer"; // server/auth/rate-limit.ts reads it

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";
if (!Number.isInteger(port) || port < 1 || port > 65535)
  throw new Error(`--port must be a port number, not ${values.port ?? process.env.PORT}`);

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Next's compression is off (next.config.mjs) and done here with the same package: pages at its
// default level, the CSV exports at level 1, which took a million-row export from 10.0 s to
// 8.7 s (114,000 rows/s) over gzip, 21 MB against 17 MB at the default level (docs/benchmarks.md).
const compressPage = compression();
const compressExport = compression({ level: 1 });
const EXPORTS = "/api/export/";

const BODY_LIMIT = ACTION_BODY_LIMIT_MB * 1024 * 1024;

/** Reads the body away unparsed (so the client sees the answer, not a broken pipe), then says why. */
function refuseTooLarge(req, res) {
  let read = 0;
  req.on("data", (chunk) => {
    read += chunk.length;
    if (read > 16 * BODY_LIMIT) req.destroy();
  });
  req.on("end", () => {
    res.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
    res.end(
      JSON.stringify({
        ok: false,
        code: "PAYLOAD_TOO_LARGE",
        message: `The request is larger than ${ACTION_BODY_LIMIT_MB} MB. Nothing was changed.`,
      }),
    );
  });
}

const server = createServer((req, res) => {
  // A server action larger than Next.js accepts would fail there with a bare 500: say why, unread.
  if (req.headers["next-action"] && Number(req.headers["content-length"] ?? 0) > BODY_LIMIT) {
    refuseTooLarge(req, res);
    return;
  }
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(forwarded) ? forwarded.join(", ") : (forwarded ?? "")).trim();
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  req.headers[PEER_HEADER] = peer;
  const compress = req.url?.startsWith(EXPORTS) ? compressExport : compressPage;
  compress(req, res, () => void handle(req, res));
});
server.keepAliveTimeout = 5_000;
server.listen(port, hostname, () =>
  console.log(`License Center ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`),
);

function shutdown(signal) {
  console.log(`${signal}: finishing running requests, then stopping`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // A request that hangs must not keep the process forever.
  setTimeout(() => process.exit(1), 30_000).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
