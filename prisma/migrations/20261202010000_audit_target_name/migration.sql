-- The target's name as it was when the event was recorded (the log names deleted users too).
ALTER TABLE "AuditEvent" ADD COLUMN "targetName" TEXT;
