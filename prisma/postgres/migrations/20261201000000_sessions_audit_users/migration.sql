-- Revocable sessions: a session row per sign-in, and a security version on the user that moves on
-- whenever the user standing changes (deleted or restored, disabled or enabled, password, roles).
-- The migration runner splits scripts on every semicolon, so the PL/pgSQL bodies below are
-- E-strings that spell their semicolons as the octal escape 073.
ALTER TABLE "User" ADD COLUMN "securityVersion" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "securityVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "address" TEXT,

    CONSTRAINT "AdminSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AdminSession_userId_idx" ON "AdminSession"("userId");
ALTER TABLE "AdminSession" ADD CONSTRAINT "AdminSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "lc_user_security_version"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN NEW."securityVersion" := OLD."securityVersion" + 1\073 RETURN NEW\073 END';
CREATE TRIGGER "User_security_version" BEFORE UPDATE OF "deletedAt", "accountEnabled", "passwordHash" ON "User"
FOR EACH ROW WHEN (OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt" OR OLD."accountEnabled" IS DISTINCT FROM NEW."accountEnabled" OR OLD."passwordHash" IS DISTINCT FROM NEW."passwordHash")
EXECUTE FUNCTION "lc_user_security_version"();

CREATE FUNCTION "lc_role_security_version"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN IF TG_OP <> \'INSERT\' THEN UPDATE "User" SET "securityVersion" = "securityVersion" + 1 WHERE "id" = OLD."userId"\073 END IF\073 IF TG_OP <> \'DELETE\' AND (TG_OP = \'INSERT\' OR NEW."userId" IS DISTINCT FROM OLD."userId") THEN UPDATE "User" SET "securityVersion" = "securityVersion" + 1 WHERE "id" = NEW."userId"\073 END IF\073 RETURN NULL\073 END';
CREATE TRIGGER "AdminRole_security_version_insert" AFTER INSERT ON "AdminRole" FOR EACH ROW EXECUTE FUNCTION "lc_role_security_version"();
CREATE TRIGGER "AdminRole_security_version_delete" AFTER DELETE ON "AdminRole" FOR EACH ROW EXECUTE FUNCTION "lc_role_security_version"();
CREATE TRIGGER "AdminRole_security_version_update" AFTER UPDATE ON "AdminRole"
FOR EACH ROW WHEN (OLD."role" IS DISTINCT FROM NEW."role" OR OLD."userId" IS DISTINCT FROM NEW."userId")
EXECUTE FUNCTION "lc_role_security_version"();

-- Bulk audit records keep a count and a sample, the users they affected are listed one row each.
ALTER TABLE "AuditEvent" ADD COLUMN "userCount" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "AuditEventUser" (
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "AuditEventUser_pkey" PRIMARY KEY ("eventId","userId")
);
ALTER TABLE "AuditEventUser" ADD CONSTRAINT "AuditEventUser_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE RULE "AuditEventUser_no_update" AS ON UPDATE TO "AuditEventUser"
DO INSTEAD SELECT CAST('AuditEventUser is append-only, refused update of ' || OLD."eventId" AS integer);
CREATE RULE "AuditEventUser_no_delete" AS ON DELETE TO "AuditEventUser"
DO INSTEAD SELECT CAST('AuditEventUser is append-only, refused delete of ' || OLD."eventId" AS integer);
