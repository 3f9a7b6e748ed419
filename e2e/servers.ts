/** Extra production servers for tests that need their own process, database or cloud variant. */
import { spawn, type ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "ignore" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** Migrates and seeds `databaseUrl`, then starts the production server (`npm start`'s scripts/start.mjs) on `port`. */
export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const env = { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "extra-server-secret-that-is-long-enough-0123", NEXTAUTH_URL: `http://127.0.0.1:${port}`, ...extraEnv };
  await run("node", ["-e", `import("./scripts/lib.mjs").then((m) => m.migrate(${JSON.stringify(databaseUrl)}))`], env);
  await run("node_modules/.bin/tsx", ["prisma/seed.ts"], env);
  const server = spawn(process.execPath, ["scripts/start.mjs", "--port", String(port), "--hostname", "127.0.0.1"], { env: { ...process.env, ...env }, stdio: "ignore" });
  for (let i = 0; i < 150; i++) {
    const isUp = await fetch(`http://127.0.0.1:${port}/sign-in`).then((r) => r.ok, () => false);
    if (isUp) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill("SIGKILL");
  throw new Error(`the server on port ${port} did not start`);
}

/** Signs in through the form; works in any UI language. */
export async function signInWithForm(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();
  await page.waitForURL(/billing\/licenses/);
}
