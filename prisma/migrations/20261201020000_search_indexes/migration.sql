-- The searches of the lists go through trigram full-text indexes (FTS5, tokenizer trigram): a
-- substring of three characters or more is found without reading every row. Both tables index
-- their source table's own rowid (external content), and triggers keep them in step with every
-- write, whichever code makes it. A migration that rebuilds "User" or "AuditEvent" (Prisma's
-- drop-and-copy) must end with INSERT INTO "UserSearch"("UserSearch") VALUES('rebuild') (or the
-- audit one) and recreate these triggers.
CREATE VIRTUAL TABLE "UserSearch" USING fts5("displayName", "userPrincipalName", content = 'User', tokenize = 'trigram');
INSERT INTO "UserSearch"("UserSearch") VALUES ('rebuild');
CREATE TRIGGER "User_search_insert" AFTER INSERT ON "User"
BEGIN INSERT INTO "UserSearch"("rowid", "displayName", "userPrincipalName") VALUES (NEW."rowid", NEW."displayName", NEW."userPrincipalName"); END;
CREATE TRIGGER "User_search_delete" AFTER DELETE ON "User"
BEGIN INSERT INTO "UserSearch"("UserSearch", "rowid", "displayName", "userPrincipalName") VALUES ('delete', OLD."rowid", OLD."displayName", OLD."userPrincipalName"); END;
CREATE TRIGGER "User_search_update" AFTER UPDATE OF "displayName", "userPrincipalName" ON "User"
BEGIN
  INSERT INTO "UserSearch"("UserSearch", "rowid", "displayName", "userPrincipalName") VALUES ('delete', OLD."rowid", OLD."displayName", OLD."userPrincipalName");
  INSERT INTO "UserSearch"("rowid", "displayName", "userPrincipalName") VALUES (NEW."rowid", NEW."displayName", NEW."userPrincipalName");
END;

-- The audit log is append-only: its index only ever grows.
CREATE VIRTUAL TABLE "AuditSearch" USING fts5("actorName", "action", content = 'AuditEvent', tokenize = 'trigram');
INSERT INTO "AuditSearch"("AuditSearch") VALUES ('rebuild');
CREATE TRIGGER "AuditEvent_search_insert" AFTER INSERT ON "AuditEvent"
BEGIN INSERT INTO "AuditSearch"("rowid", "actorName", "action") VALUES (NEW."rowid", NEW."actorName", NEW."action"); END;

CREATE INDEX "AuditEvent_targetId_idx" ON "AuditEvent"("targetId");

-- The users of a product newest first with the id as tie-break, all from the index.
DROP INDEX "LicenseAssignment_productId_assignedAt_idx";
CREATE INDEX "LicenseAssignment_productId_assignedAt_id_idx" ON "LicenseAssignment"("productId", "assignedAt", "id");
