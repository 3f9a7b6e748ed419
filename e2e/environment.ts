/**
 * Where the browser tests' servers and databases are: the shared server of `playwright test`
 * (scripts/e2e-server.mjs) and the empty migrated template beside its database, which tests copy
 * for servers of their own (e2e/servers.ts).
 */
import path from "node:path";

export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const DATABASE_URL = process.env.E2E_DATABASE_URL ?? `file:${path.join(process.cwd(), "prisma/e2e.db")}`;
export const isPostgres = /^postgres(ql)?:\/\//.test(DATABASE_URL);

/** Kept in step with templateUrlOf in scripts/e2e-server.mjs. */
export const TEMPLATE_URL = isPostgres
  ? (() => {
      const url = new URL(DATABASE_URL);
      url.pathname = `${url.pathname}_template`;
      return url.toString();
    })()
  : DATABASE_URL.replace(/\.db$/, "-template.db");

/** The password of every admin the factories create. */
export const TEST_PASSWORD = "E2E-Password-2026!";
