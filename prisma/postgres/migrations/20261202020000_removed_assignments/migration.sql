-- Licenses removed in the last 30 minutes, kept so the removal can be undone exactly.
CREATE TABLE "RemovedAssignment" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "assignedById" TEXT,
    "removedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemovedAssignment_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RemovedAssignment_eventId_idx" ON "RemovedAssignment"("eventId");

CREATE INDEX "RemovedAssignment_removedAt_idx" ON "RemovedAssignment"("removedAt");
