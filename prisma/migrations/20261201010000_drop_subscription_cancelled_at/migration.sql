-- Never read or written: a cancellation would be its own feature with its own lifecycle.
ALTER TABLE "Subscription" DROP COLUMN "cancelledAt";
