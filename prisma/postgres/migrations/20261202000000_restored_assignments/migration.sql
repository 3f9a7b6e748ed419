-- A license a restore brought back while its product had none free (the conflict's cause).
ALTER TABLE "LicenseAssignment" ADD COLUMN "restoredAt" TIMESTAMP(3);

CREATE INDEX "LicenseAssignment_productId_restoredAt_idx" ON "LicenseAssignment"("productId", "restoredAt");
