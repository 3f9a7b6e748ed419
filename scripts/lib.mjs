// Shared helpers of the project's Node scripts (demo, tests, e2e server).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Runs a command from node_modules/.bin (or a plain one), inheriting stdio; rejects on failure. */
export function run(command, args, env = {}) {
  const file = existsSync(bin(command)) ? bin(command) : command;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

/** Reads KEY=value lines of .env.local (ignored by git), creating a session secret on first use. */
export function ensureLocalEnv() {
  const file = path.join(root, ".env.local");
  const values = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (match) values[match[1]] = match[2];
    }
  }
  if (!values.NEXTAUTH_SECRET) {
    values.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
    values.NEXTAUTH_URL ??= "http://localhost:3000";
    writeFileSync(
      file,
      Object.entries(values)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n") + "\n",
      { mode: 0o600 },
    );
    console.log("Created .env.local with a new session secret.");
  }
  return values;
}

/** Applies migrations; on SQLite also switches the file to WAL (readers never block the writer). */
export async function migrate(databaseUrl) {
  await run("prisma", ["migrate", "deploy"], { DATABASE_URL: databaseUrl });
  if (databaseUrl.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(path.resolve(root, databaseUrl.slice("file:".length)));
    db.pragma("journal_mode = WAL");
    db.close();
  }
}
