/**
 * The Graph API's routes (app/graph, app/oauth2) behind a real HTTPS server on loopback, as a
 * deployment's TLS front would put them: Microsoft's Graph client sends its bearer token only to
 * https URLs. The certificate is made here with openssl for localhost and 127.0.0.1, and trusted
 * by a fetch dispatcher of its own (Node's fetch takes undici's `dispatcher` option), so the rest
 * of the process trusts nothing new. Requests are routed to the route modules as Next.js routes
 * them (static segments before [id]).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Client, type FetchOptions, type Options } from "@microsoft/microsoft-graph-client";
import * as batch from "@/app/graph/v1.0/$batch/route";
import * as restore from "@/app/graph/v1.0/directory/deletedItems/[id]/restore/route";
import * as deletedUsers from "@/app/graph/v1.0/directory/deletedItems/microsoft.graph.user/route";
import * as sku from "@/app/graph/v1.0/subscribedSkus/[id]/route";
import * as skus from "@/app/graph/v1.0/subscribedSkus/route";
import * as assign from "@/app/graph/v1.0/users/[id]/assignLicense/route";
import * as details from "@/app/graph/v1.0/users/[id]/licenseDetails/route";
import * as user from "@/app/graph/v1.0/users/[id]/route";
import * as users from "@/app/graph/v1.0/users/route";
import * as openapi from "@/app/graph/openapi.json/route";
import * as token from "@/app/oauth2/v2.0/token/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;

/** Static routes first, as Next.js matches them. */
const ROUTES: [string, RouteModule][] = [
  ["/oauth2/v2.0/token", token],
  ["/graph/openapi.json", openapi as RouteModule],
  ["/graph/v1.0/$batch", batch],
  ["/graph/v1.0/subscribedSkus", skus],
  ["/graph/v1.0/users", users],
  ["/graph/v1.0/directory/deletedItems/microsoft.graph.user", deletedUsers],
  ["/graph/v1.0/subscribedSkus/[id]", sku],
  ["/graph/v1.0/users/[id]", user],
  ["/graph/v1.0/users/[id]/assignLicense", assign],
  ["/graph/v1.0/users/[id]/licenseDetails", details],
  ["/graph/v1.0/directory/deletedItems/[id]/restore", restore],
];

function route(pathname: string): { module: RouteModule; params: Record<string, string> } | null {
  const segments = pathname.split("/");
  for (const [pattern, module] of ROUTES) {
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    if (parts.every((part, i) => (part === "[id]" ? ((params.id = decodeURIComponent(segments[i]!)), true) : part === segments[i])))
      return { module, params };
  }
  return null;
}

export interface GraphServer {
  origin: string;
  /** Node's fetch, trusting the test certificate. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Microsoft's Graph client pointed at the server, with an access token (or a function giving one). */
  client(accessToken: string | (() => string), options?: Partial<Options>): Client;
  /** Every response's status, in order (to see a 429 the client retried). */
  statuses: number[];
  close(): Promise<void>;
}

export async function startGraphServer(): Promise<GraphServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "license-center-tls-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  const statuses: number[] = [];
  let origin = "";
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", origin);
      const found = route(url.pathname);
      const handler = found?.module[req.method as keyof RouteModule];
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      let response: Response;
      if (!found || !handler) response = new Response(null, { status: found ? 405 : 404 });
      else {
        const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
        response = await handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve(found.params) });
      }
      statuses.push(response.status);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  // Node's bundled undici: its Agent class, from the global dispatcher, with the test CA.
  const globalDispatcher =
    (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")] ??
    (await fetch("data:,x"), (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")]);
  const Agent = (globalDispatcher as { constructor: new (options: object) => { close(): Promise<void> } }).constructor;
  const dispatcher = new Agent({ connect: { ca: readFileSync(cert) } });
  const trustingFetch = (url: string, init: RequestInit = {}) => fetch(url, { ...init, dispatcher } as RequestInit);
  return {
    origin,
    fetch: trustingFetch,
    statuses,
    client(accessToken, options = {}) {
      return Client.init({
        authProvider: (done) => done(null, typeof accessToken === "function" ? accessToken() : accessToken),
        baseUrl: `${origin}/graph`,
        customHosts: new Set(["localhost"]),
        fetchOptions: { dispatcher } as FetchOptions,
        ...options,
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A token from the token endpoint, as a script gets one. */
export async function getToken(server: GraphServer, clientId: string, clientSecret: string): Promise<string> {
  const response = await server.fetch(`${server.origin}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: "https://graph.microsoft.com/.default",
    }),
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
