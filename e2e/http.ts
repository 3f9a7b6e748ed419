/**
 * Talking to the server as a forger would: next-auth sign-in and server-action calls over plain
 * HTTP, no browser. Action ids come from the build's server-reference manifest; mutating routes
 * are posted as a form, as the page's fetch does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { SERVER_ACTION_NAMES, type MutatingRoute, type ServerActionName } from "@/server/actions/registry";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

/** Every server action the build exports, by exported name. */
export function buildActions(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName, id]));
}

export function actionIds(): Record<ServerActionName, string> {
  const built = buildActions();
  const ids = {} as Record<ServerActionName, string>;
  for (const name of SERVER_ACTION_NAMES) {
    const id = built.get(name);
    if (!id) throw new Error(`no server action ${name} in the build`);
    ids[name] = id;
  }
  return ids;
}

/** Signs `request` in through next-auth's credentials flow; its cookies then carry the session. */
export async function signInOverHttp(
  request: APIRequestContext,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const outcome = await trySignInOverHttp(request, username, password, headers);
  if (outcome !== "signed-in") throw new Error(`sign-in as ${username} failed: ${outcome}`);
}

/** The outcome of a credentials sign-in: signed in, or next-auth's error code. */
export async function trySignInOverHttp(
  request: APIRequestContext,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, json: "true" },
    headers,
    maxRedirects: 0,
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  if (error) return error;
  return response.status() < 400 ? "signed-in" : `HTTP ${response.status()}`;
}

export interface ActionCall {
  status: number;
  text: string;
}

/** Calls a server action the way the browser does: Next-Action header, React-encoded arguments. */
export async function callAction(
  request: APIRequestContext,
  id: string,
  args: unknown[] | string,
  headers: Record<string, string> = {},
): Promise<ActionCall> {
  const body = typeof args === "string" ? args : await encodeReply(args);
  const response = await request.post("/billing/licenses", {
    headers: { "Next-Action": id, Accept: "text/x-component", ...headers },
    ...(body instanceof FormData ? { multipart: body } : { data: body }),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

export function form(fields: Record<string, string | string[] | Blob>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Blob) data.append(key, value, "users.csv");
    else for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

export interface RouteCall extends ActionCall {
  /** The answer's lines of JSON (a streamed answer has several; a refusal before it, one). */
  lines: Record<string, unknown>[];
}

/**
 * Posts a form to a mutating route (server/actions/registry.ts MUTATING_ROUTES) with this site's
 * Origin, as the browser's fetch does; `headers` can replace it.
 */
export async function callRoute(
  request: APIRequestContext,
  baseURL: string,
  route: MutatingRoute,
  fields: Record<string, string | string[]> | string,
  headers: Record<string, string> = {},
): Promise<RouteCall> {
  const [method, path] = route.split(" ") as [string, string];
  const response = await request.fetch(path, {
    method,
    headers: { Origin: new URL(baseURL).origin, ...headers },
    ...(typeof fields === "string" ? { data: fields } : { multipart: form(fields) }),
    maxRedirects: 0,
  });
  const text = await response.text();
  const lines = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { unparsed: line };
      }
    });
  return { status: response.status(), text, lines };
}
