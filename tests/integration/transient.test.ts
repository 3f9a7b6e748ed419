/** Transient database conflicts are retried a bounded number of times, then surface as such. */
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { isTransientError, transaction } from "@/server/db";
import { freshOrg } from "../support/org";

function knownError(code: string): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError(`simulated ${code}`, { code, clientVersion: "test" });
}

describe("transient errors", () => {
  it.each([
    ["P2034 (write conflict or deadlock)", knownError("P2034"), true],
    ["P2028 (transaction API error)", knownError("P2028"), true],
    ["P1001 (database unreachable)", knownError("P1001"), true],
    [
      "TransactionWriteConflict from the driver adapter",
      Object.assign(new Error("DriverAdapterError"), { cause: { kind: "TransactionWriteConflict" } }),
      true,
    ],
    ["a PostgreSQL deadlock", new Error("deadlock detected"), true],
    ["SQLite busy", new Error("SQLITE_BUSY: database is locked"), true],
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

  it("gives up after a bounded number of attempts and rethrows the conflict", async () => {
    const org = await freshOrg();
    let attempts = 0;
    await expect(
      transaction(async () => {
        attempts++;
        throw knownError("P2034");
      }),
    ).rejects.toMatchObject({ code: "P2034" });
    expect(attempts).toBe(4);
    await org.close();
  });
});
