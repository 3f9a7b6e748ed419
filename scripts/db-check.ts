// npm run db:check [-- --repair]: verifies every invariant of the database DATABASE_URL names
// (server/maintenance/invariants.ts), prints what is wrong, and with --repair sets drifted seat
// counts to the counted assignments in one transaction with an audit record. Exits 1 while a
// problem remains. Run it after an incident (a restore from backup, a manual edit, a crash).
// Runs as: node --conditions=react-server --import tsx scripts/db-check.ts (see package.json).
import { parseArgs } from "node:util";
import { db, transaction } from "@/server/db";
import { checkInvariants, describeProblem, repairSeatCounts } from "@/server/maintenance/invariants";

const USAGE = `Usage: npm run db:check [-- --repair]

Checks the database in DATABASE_URL (default file:./prisma/dev.db):
  seat counts, duplicate assignments, a Global admin who can sign in, sessions of deleted or
  disabled users, bulk audit records and their user lists, the audit log's append-only guards.
  --repair   set drifted seat counts to the counted assignments (one transaction, audited)
  --help     this text`;

function options(): { repair: boolean; help: boolean } {
  try {
    const { values } = parseArgs({
      options: { repair: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
      strict: true,
    });
    return values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = options();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

try {
  if (values.repair) {
    const repaired = await transaction((tx) => repairSeatCounts(tx));
    for (const problem of repaired) console.log(`repaired: ${describeProblem(problem)}`);
    if (repaired.length === 0) console.log("repair: no seat count needed fixing");
  }
  const problems = await transaction((tx) => checkInvariants(tx));
  for (const problem of problems) console.log(`PROBLEM: ${describeProblem(problem)}`);
  console.log(problems.length === 0 ? "db:check: every invariant holds" : `db:check: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error(`db:check could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await db().$disconnect();
}
