-- The audit search, like the users search, is a case-insensitive substring match (ILIKE) that
-- trigram GIN indexes serve (the users ones are in the users_search_trigram migration). A target
-- is found by its exact id.
CREATE INDEX IF NOT EXISTS "AuditEvent_actorName_trgm_idx" ON "AuditEvent" USING gin ("actorName" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "AuditEvent_action_trgm_idx" ON "AuditEvent" USING gin ("action" gin_trgm_ops);
CREATE INDEX "AuditEvent_targetId_idx" ON "AuditEvent"("targetId");

-- The users list in name order, of users not deleted: PostgreSQL does not take IS NULL as a fixed
-- prefix of the model index (deletedAt, displayName, userPrincipalName) for ordering, so it gets
-- a partial index of its own, covering the id, from which a dense search reads one page and stops.
CREATE INDEX IF NOT EXISTS "User_active_name_idx" ON "User" ("displayName", "userPrincipalName") INCLUDE ("id") WHERE "deletedAt" IS NULL;

-- The users of a product newest first with the id as tie-break, all from the index.
DROP INDEX "LicenseAssignment_productId_assignedAt_idx";
CREATE INDEX "LicenseAssignment_productId_assignedAt_id_idx" ON "LicenseAssignment"("productId", "assignedAt", "id");
