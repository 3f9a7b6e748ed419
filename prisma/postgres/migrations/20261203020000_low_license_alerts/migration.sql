-- "Few licenses left" alerts: the threshold a product alerts below, and when it last did (server/alerts/raise.ts).
-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "lowAlertedAt" TIMESTAMP(3),
ADD COLUMN     "lowLicensesBelow" INTEGER;

