/**
 * Vitest global setup: gives the run an id that every PostgreSQL database a test creates carries
 * (tests/support/postgres.ts), and drops them all when the run ends, whatever happened to the
 * workers that created them.
 */
import { randomBytes } from "node:crypto";
import { dropRunDatabases, isPostgresReachable } from "./postgres";

export default function setup(): () => void {
  const runId = randomBytes(4).toString("hex");
  process.env.LC_TEST_RUN = runId;
  return () => {
    if (isPostgresReachable()) dropRunDatabases(runId);
  };
}
