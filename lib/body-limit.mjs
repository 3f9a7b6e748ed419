// The largest request body a server action accepts, in megabytes: next.config.mjs gives it to
// Next.js, and scripts/start.mjs refuses a larger action request with 413 before reading it.
// MAX_BULK (lib/validation.ts) is sized to fit well within it.
export const ACTION_BODY_LIMIT_MB = 4;
