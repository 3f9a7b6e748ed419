-- Revocable sessions: a session row per sign-in, and a security version on the user that moves on
-- whenever the user's standing changes (deleted or restored, disabled or enabled, password, roles).
ALTER TABLE "User" ADD COLUMN "securityVersion" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "securityVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "address" TEXT,
    CONSTRAINT "AdminSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AdminSession_userId_idx" ON "AdminSession"("userId");

-- Every path that changes a user's standing ends their sessions, whichever code (or operator) made it.
CREATE TRIGGER "User_security_version" AFTER UPDATE OF "deletedAt", "accountEnabled", "passwordHash" ON "User"
WHEN OLD."deletedAt" IS NOT NEW."deletedAt" OR OLD."accountEnabled" IS NOT NEW."accountEnabled" OR OLD."passwordHash" IS NOT NEW."passwordHash"
BEGIN UPDATE "User" SET "securityVersion" = "securityVersion" + 1 WHERE "id" = NEW."id"; END;
CREATE TRIGGER "AdminRole_security_version_insert" AFTER INSERT ON "AdminRole"
BEGIN UPDATE "User" SET "securityVersion" = "securityVersion" + 1 WHERE "id" = NEW."userId"; END;
CREATE TRIGGER "AdminRole_security_version_delete" AFTER DELETE ON "AdminRole"
BEGIN UPDATE "User" SET "securityVersion" = "securityVersion" + 1 WHERE "id" = OLD."userId"; END;
CREATE TRIGGER "AdminRole_security_version_update" AFTER UPDATE ON "AdminRole"
WHEN OLD."role" IS NOT NEW."role" OR OLD."userId" IS NOT NEW."userId"
BEGIN UPDATE "User" SET "securityVersion" = "securityVersion" + 1 WHERE "id" IN (OLD."userId", NEW."userId"); END;

-- Bulk audit records keep a count and a sample; the users they affected are listed one row each.
ALTER TABLE "AuditEvent" ADD COLUMN "userCount" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "AuditEventUser" (
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "userId"),
    CONSTRAINT "AuditEventUser_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TRIGGER "AuditEventUser_no_update" BEFORE UPDATE ON "AuditEventUser"
BEGIN SELECT RAISE(ABORT, 'AuditEventUser is append-only'); END;
CREATE TRIGGER "AuditEventUser_no_delete" BEFORE DELETE ON "AuditEventUser"
BEGIN SELECT RAISE(ABORT, 'AuditEventUser is append-only'); END;
