-- AlterTable
ALTER TABLE "User" ADD COLUMN "jobTitle" TEXT;

-- CreateTable
CREATE TABLE "UserImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'ready',
    "leaseUntil" DATETIME,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "UserImportRow" (
    "importId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "upn" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "givenName" TEXT,
    "familyName" TEXT,
    "jobTitle" TEXT,
    "department" TEXT,
    "usageLocation" TEXT,
    "productIds" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "problem" TEXT,
    "detail" TEXT,
    "outcome" TEXT,
    "failure" TEXT,
    "failureDetail" TEXT,

    PRIMARY KEY ("importId", "row"),
    CONSTRAINT "UserImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "UserImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UserImport_actorId_createdAt_idx" ON "UserImport"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "UserImport_createdAt_idx" ON "UserImport"("createdAt");

-- CreateIndex
CREATE INDEX "UserImportRow_importId_kind_row_idx" ON "UserImportRow"("importId", "kind", "row");

