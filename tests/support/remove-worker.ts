/**
 * A stand-in server process for the fault test: removes a product's license from every given
 * user through the data layer, and is killed with SIGKILL while doing so.
 * Usage: node --conditions=react-server --import tsx tests/support/remove-worker.ts <productId> <adminUpn> <userIdsFile>
 */
import { readFileSync } from "node:fs";
import { isRole } from "@/lib/domain/roles";
import { db } from "@/server/db";
import { removeLicenses } from "@/server/data/license-changes";

const [productId, upn, idsFile] = process.argv.slice(2);
if (!productId || !upn || !idsFile) throw new Error("usage: remove-worker <productId> <adminUpn> <userIdsFile>");
const userIds = JSON.parse(readFileSync(idsFile, "utf8")) as string[];
const admin = await db().user.findUniqueOrThrow({
  where: { userPrincipalName: upn },
  select: { id: true, displayName: true, userPrincipalName: true, preferredLocale: true, roles: { select: { role: true } } },
});
const actor = { ...admin, roles: admin.roles.map((r) => r.role).filter(isRole) };
process.stdout.write("started\n");
const result = await removeLicenses(actor, { productId, userIds });
process.stdout.write(`removed ${result.removed}\n`);
await db().$disconnect();
