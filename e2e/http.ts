/**
 * Talking to the server as a forger would: next-auth sign-in and server-action calls over plain
 * HTTP, no browser. Action ids come from the build's server-reference manifest.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import type { APIRequestContext } from "@playwright/test";
import { createPrismaClient } from "@/lib/db-client";
import type { Role } from "@/lib/domain/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

export const ACTIONS = [
  "assignLicensesAction",
  "removeLicensesAction",
  "purchaseLicensesAction",
  "reduceQuantityAction",
  "createUserAction",
  "deleteUsersAction",
  "restoreUserAction",
  "setLocaleAction",
] as const;
export type ActionName = (typeof ACTIONS)[number];

export function actionIds(): Record<ActionName, string> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const ids = {} as Record<ActionName, string>;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if ((ACTIONS as readonly string[]).includes(entry.exportedName)) ids[entry.exportedName as ActionName] = id;
  }
  for (const name of ACTIONS) if (!ids[name]) throw new Error(`no server action ${name} in the build`);
  return ids;
}

export function e2eDatabase(): PrismaClient {
  return createPrismaClient(process.env.E2E_DATABASE_URL ?? `file:${path.join(process.cwd(), "prisma/e2e.db")}`);
}

/** A new admin of its own, so a test's audit trail is only its own. */
export async function createAdmin(prisma: PrismaClient, role: Role, password: string): Promise<{ id: string; upn: string }> {
  const upn = `${role.toLowerCase()}.${Math.random().toString(36).slice(2, 10)}@contoso.example`;
  const user = await prisma.$transaction(async (tx) =>
    tx.user.create({
      data: { displayName: `Test ${role}`, userPrincipalName: upn, usageLocation: "US", passwordHash: await hash(password), roles: { create: [{ role }] } },
      select: { id: true },
    }),
  );
  return { id: user.id, upn };
}

/** Signs `request` in through next-auth's credentials flow; its cookies then carry the session. */
export async function signInOverHttp(request: APIRequestContext, username: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, json: "true" },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`sign-in failed with ${response.status()}`);
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

export function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}
