/**
 * Every entry point that can change data is registered with its operation, so the forged-call
 * tests (e2e/security.spec.ts) reach it: the server actions are checked at compile time and
 * against the build's manifest; route handlers are found here, in the source of app/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { CREDENTIAL_ROUTES, MUTATING_ROUTES, MUTATING_ROUTE_NAMES } from "@/server/actions/registry";
import { MUTATIONS } from "@/server/auth/operations";

const APP = join(process.cwd(), "app");
const MUTATING_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * next-auth's own sign-in and sign-out endpoints, tested by e2e/sign-in.spec.ts and
 * e2e/sessions.spec.ts; the Graph API's token endpoint (issues a token, changes no data but a
 * secret's last use) and $batch (each of its requests runs through a registered route's
 * handler), tested by tests/integration/graph*.test.ts.
 */
const NOT_OPERATIONS = new Set(["POST /api/auth/[...nextauth]", "POST /oauth2/v2.0/token", "POST /graph/v1.0/$batch"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** "POST /api/x" for each mutating method a route file exports (as a function, a const or a re-export). */
function mutatingHandlers(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const url =
    "/" +
    relative(APP, file)
      .split(sep)
      .slice(0, -1)
      .filter((part) => !/^\(.*\)$/.test(part))
      .join("/");
  return MUTATING_METHODS.filter((method) =>
    new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b|\\bas\\s+${method}\\b`).test(source),
  ).map((method) => `${method} ${url}`);
}

describe("mutating entry points", () => {
  it("every route handler that can change data is in MUTATING_ROUTES, and every row names one", () => {
    const found = routeFiles(APP)
      .flatMap(mutatingHandlers)
      .filter((handler) => !NOT_OPERATIONS.has(handler))
      .sort();
    expect(found).toEqual([...MUTATING_ROUTE_NAMES, ...Object.keys(CREDENTIAL_ROUTES)].sort());
    expect(found).toContain("POST /api/licenses/remove-in-view");
  });

  it("each route performs an operation that changes data", () => {
    for (const operation of Object.values(MUTATING_ROUTES)) expect(MUTATIONS).toContain(operation);
  });
});
