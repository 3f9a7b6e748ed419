-- DropIndex
DROP INDEX "User_deletedAt_displayName_userPrincipalName_idx";

-- CreateIndex
CREATE INDEX "User_deletedAt_displayName_userPrincipalName_id_idx" ON "User"("deletedAt", "displayName", "userPrincipalName", "id");
