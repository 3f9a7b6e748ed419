-- PostgreSQL only: the users search is a case-insensitive substring match (ILIKE),
-- which a B-tree cannot serve, and trigram GIN indexes can. SQLite scans its covering index instead.
-- The Prisma schema cannot express these indexes: keep them when writing future migrations.
-- (No quotes or semicolons in these comments: the migration runner splits statements naively.)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "User_displayName_trgm_idx" ON "User" USING gin ("displayName" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "User_userPrincipalName_trgm_idx" ON "User" USING gin ("userPrincipalName" gin_trgm_ops);
