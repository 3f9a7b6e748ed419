/** Transient database conflicts are retried a bounded number of times, then surface as such. */
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { isTransientError, transaction } from "@/server/db";
import { freshOrg, isPostgresRun } from "../support/org";

function knownError(code: string): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError(`simulated ${code}`, { code, clientVersion: "test" });
}

describe("transient errors", () => {
  it.each([
    ["P2034 (write conflict or deadlock)", knownError("P2034"), true],
    ["P2028 (transaction API error)", knownError("P2028"), true],
    ["P1001 (database unreachable)", knownError("P1001"), true],
    // The SQLite adapter's busy timeout ran out while another process held the write lock (seen
    // in CI: a denied call's audit record, under the browser suite's load, answered a bare 500).
    ["P1008 (operation timed out)", knownError("P1008"), true],
    [
      "TransactionWriteConflict from the driver adapter",
      Object.assign(new Error("DriverAdapterError"), { cause: { kind: "TransactionWriteConflict" } }),
      true,
    ],
    ["a PostgreSQL deadlock", new Error("deadlock detected"), true],
    ["SQLite busy", new Error("SQLITE_BUSY: database is locked"), true],
    ["SQLite busy, as the adapter reports it", knownError("SQLITE_BUSY_SNAPSHOT"), true],
    ["a unique violation", knownError("P2002"), false],
    ["a bug", new TypeError("undefined is not a function"), false],
  ])("%s → retried: %o", (_name, error, expected) => {
    expect(isTransientError(error)).toBe(expected);
  });

  it("retries a transaction that hits a transient conflict, and commits once", async () => {
    const org = await freshOrg();
    let attempts = 0;
    const result = await transaction(async (tx) => {
      attempts++;
      await tx.auditEvent.create({
        data: { actorName: "test", action: "test.retry", targetType: "test", result: "success", detail: `attempt ${attempts}` },
      });
      if (attempts < 3) throw knownError("P2034");
      return attempts;
    });
    expect(result).toBe(3);
    expect(await org.prisma.auditEvent.findMany({ where: { action: "test.retry" }, select: { detail: true } })).toEqual([
      { detail: "attempt 3" },
    ]);
    await org.close();
  });

  it("a transaction whose snapshot another process wrote past (SQLITE_BUSY at once on SQLite) is retried and commits", async () => {
    const org = await freshOrg();
    let attempts = 0;
    await transaction(async (tx) => {
      attempts++;
      await tx.user.count();
      // Another connection (a CLI, the seed, a test's factories) writes while this one has read.
      if (attempts === 1)
        await org.prisma.auditEvent.create({ data: { actorName: "other", action: "test.other", targetType: "test", result: "success" } });
      await tx.auditEvent.create({ data: { actorName: "test", action: "test.retry", targetType: "test", result: "success" } });
    });
    // SQLite cannot upgrade a read made before that write; PostgreSQL reads committed data and goes on.
    expect(attempts).toBe(isPostgresRun ? 1 : 2);
    expect(await org.prisma.auditEvent.count({ where: { action: { in: ["test.retry", "test.other"] } } })).toBe(2);
    await org.close();
  });

  it("gives up after a bounded number of attempts and rethrows the conflict", async () => {
    const org = await freshOrg();
    let attempts = 0;
    await expect(
      transaction(async () => {
        attempts++;
        throw knownError("P2034");
      }),
    ).rejects.toMatchObject({ code: "P2034" });
    expect(attempts).toBe(7);
    await org.close();
  });
});
