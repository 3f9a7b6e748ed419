// npm run scim:token -- --name <name>: creates a SCIM bearer token (Settings › Provisioning makes
// them too) against the database DATABASE_URL names, and prints it as the last line, for an
// identity provider's "Secret token" or a set-up script. Only its SHA-256 is stored; the creation
// is audited. Runs as: node --conditions=react-server --import tsx scripts/scim-token.ts.
import { parseArgs } from "node:util";
import { db, transaction } from "@/server/db";
import { insertScimToken } from "@/server/scim/tokens";

const USAGE = 'Usage: npm run scim:token -- --name <name>   (1 to 100 characters, e.g. --name "Entra ID")';

let name: string | undefined;
try {
  ({
    values: { name },
  } = parseArgs({ options: { name: { type: "string" } }, strict: true }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const trimmed = name?.trim() ?? "";
if (trimmed.length < 1 || trimmed.length > 100) {
  console.error(USAGE);
  process.exit(2);
}
const { token } = await transaction((tx) => insertScimToken(tx, null, trimmed, "created with npm run scim:token"));
await db().$disconnect();
console.log(`SCIM token "${trimmed}" created. It is shown once; store it as the identity provider's secret token:`);
console.log(token);
