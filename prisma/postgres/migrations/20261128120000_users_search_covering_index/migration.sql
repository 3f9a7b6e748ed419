-- DropIndex
DROP INDEX "User_deletedAt_displayName_idx";

-- CreateIndex
CREATE INDEX "User_deletedAt_displayName_userPrincipalName_idx" ON "User"("deletedAt", "displayName", "userPrincipalName");

