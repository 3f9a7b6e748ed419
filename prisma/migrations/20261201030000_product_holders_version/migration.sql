-- Moves with every change to a product's holders: the version its remembered conflict cutoff belongs to.
ALTER TABLE "Product" ADD COLUMN "holdersVersion" INTEGER NOT NULL DEFAULT 0;
