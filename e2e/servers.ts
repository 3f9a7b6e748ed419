/**
 * Servers of a test's own, for what one organization-wide fact decides (a Licenses page with no
 * conflict anywhere, another cloud, a killed process, a database taken away): the production
 * build (`npm start`'s scripts/start.mjs) on a copy of the empty migrated template.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import Database from "better-sqlite3";
import { createPrismaClient } from "@/lib/db-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dropPostgresDatabase, POSTGRES_ADMIN_URL, postgresUrl, queryPostgres } from "../tests/support/postgres";
import { isPostgres, TEMPLATE_URL } from "./environment";

export interface OwnServer {
  baseURL: string;
  databaseUrl: string;
  prisma: PrismaClient;
  process: ChildProcess;
  /** Stops the server (SIGKILL unless a signal is given) and drops its database. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** An empty migrated database of its own: a copy of the template. */
export function copyOfTemplate(label: string): { url: string; drop: () => void } {
  const id = `${label}_${randomBytes(4).toString("hex")}`;
  if (isPostgres) {
    const name = `lc_e2e_own_${id}`;
    queryPostgres(POSTGRES_ADMIN_URL, `CREATE DATABASE "${name}" TEMPLATE "${new URL(TEMPLATE_URL).pathname.slice(1)}"`);
    return { url: postgresUrl(name), drop: () => dropPostgresDatabase(name) };
  }
  const file = TEMPLATE_URL.slice("file:".length).replace(/-template\.db$/, `-own-${id}.db`);
  copyFileSync(TEMPLATE_URL.slice("file:".length), file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  return { url: `file:${file}`, drop: () => ["", "-wal", "-shm", "-journal"].forEach((suffix) => rmSync(file + suffix, { force: true })) };
}

export async function startOwnServer(label: string, env: Record<string, string> = {}, databaseUrl?: string): Promise<OwnServer> {
  const database = databaseUrl ? { url: databaseUrl, drop: () => undefined } : copyOfTemplate(label);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "own-server-secret-that-is-long-enough-0123",
      NEXTAUTH_URL: baseURL,
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the server for ${label} exited with ${child.exitCode}: ${errors}`);
    if (
      await fetch(`${baseURL}/sign-in`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      const prisma = createPrismaClient(database.url);
      return {
        baseURL,
        databaseUrl: database.url,
        prisma,
        process: child,
        async stop(signal: NodeJS.Signals = "SIGKILL") {
          await prisma.$disconnect();
          if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill(signal);
            await exited;
          }
          database.drop();
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server for ${label} did not start: ${errors}`);
}
