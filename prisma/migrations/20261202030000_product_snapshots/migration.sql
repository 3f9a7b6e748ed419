-- Each product's license counts once a day, kept 400 days: the product page's history.
CREATE TABLE "ProductSnapshot" (
    "productId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "valid" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "expired" INTEGER NOT NULL,
    "disabled" INTEGER NOT NULL,
    "takenAt" DATETIME NOT NULL,

    PRIMARY KEY ("productId", "day"),
    CONSTRAINT "ProductSnapshot_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "ProductSnapshot_day_idx" ON "ProductSnapshot"("day");
