-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "skuId" TEXT;

-- CreateTable
CREATE TABLE "AppRegistration" (
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "AppRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSecret" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AppSecret_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppRegistration_clientId_key" ON "AppRegistration"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "AppSecret_secretHash_key" ON "AppSecret"("secretHash");

-- CreateIndex
CREATE INDEX "AppSecret_appId_idx" ON "AppSecret"("appId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_skuId_key" ON "Product"("skuId");

-- AddForeignKey
ALTER TABLE "AppSecret" ADD CONSTRAINT "AppSecret_appId_fkey" FOREIGN KEY ("appId") REFERENCES "AppRegistration"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing products get their SKU GUID: Microsoft's published one for a known part number, a random one otherwise
UPDATE "Product" SET "skuId" = CASE "skuPartNumber" WHEN 'ENTERPRISEPACK' THEN '6fd2c87f-b296-42f0-b197-1e91e994b900' WHEN 'SPE_E5' THEN '06ebc4ee-1bb5-47dd-8120-11324bc54e06' WHEN 'SPB' THEN 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46' WHEN 'POWER_BI_PRO' THEN 'f8a1db68-be16-40ed-86d5-cb42ce701560' WHEN 'VISIOCLIENT' THEN 'c5928f49-12ba-48f7-ada3-0d743a3601d5' WHEN 'EXCHANGESTANDARD' THEN '4b9405b0-7788-4568-add1-99614e613b69'
  ELSE gen_random_uuid()::text
END;
