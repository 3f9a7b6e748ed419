// npm run app:register -- --name <name> --role <Role> [--role …] [--days 180]: registers an app for
// the Graph API (Settings › App registrations does too) against the database DATABASE_URL names,
// and prints { "clientId", "clientSecret" } as JSON on its last line, for a set-up script. Only
// the secret's SHA-256 is stored; the registration is audited. Runs as:
// node --conditions=react-server --import tsx scripts/app-register.ts.
import { parseArgs } from "node:util";
import { isRole, ROLES, type Role } from "@/lib/domain/roles";
import { db, transaction } from "@/server/db";
import { insertApp, SECRET_LIFETIMES, type SecretLifetime } from "@/server/graph/apps";

const USAGE = `Usage: npm run app:register -- --name <name> --role <Role> [--role <Role>…] [--days ${SECRET_LIFETIMES.join("|")}]
  roles: ${ROLES.join(", ")}   (give the app only the roles it needs)`;

function fail(message?: string): never {
  console.error(message ? `${message}\n${USAGE}` : USAGE);
  process.exit(2);
}

let values: { name?: string; role?: string[]; days?: string };
try {
  ({ values } = parseArgs({
    options: { name: { type: "string" }, role: { type: "string", multiple: true }, days: { type: "string" } },
    strict: true,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const name = values.name?.trim() ?? "";
if (name.length < 1 || name.length > 100 || /[\p{C}<>]/u.test(name))
  fail("--name must be 1 to 100 characters, without control characters or < >.");
const roles = values.role ?? [];
const unknown = roles.filter((role) => !isRole(role));
if (roles.length === 0 || unknown.length > 0) fail(unknown.length ? `Unknown role: ${unknown.join(", ")}` : "Give at least one --role.");
const days = Number(values.days ?? "180");
if (!(SECRET_LIFETIMES as readonly number[]).includes(days)) fail(`--days must be one of ${SECRET_LIFETIMES.join(", ")}.`);

const app = await transaction((tx) =>
  insertApp(tx, null, { name, roles: roles as Role[], secretDays: days as SecretLifetime }, "created with npm run app:register"),
);
await db().$disconnect();
console.error(`App "${name}" registered; its client secret expires ${app.expiresAt.toISOString()} and is shown once:`);
console.log(JSON.stringify({ clientId: app.clientId, clientSecret: app.clientSecret }));
