/** Expected failures: each code has a translated message in messages/<locale>/errors.json. */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "VALIDATION",
  "NOT_FOUND",
  "NO_LICENSES_AVAILABLE",
  "SUBSCRIPTION_DISABLED",
  "SUBSCRIPTION_NOT_ACTIVE",
  "USAGE_LOCATION_REQUIRED",
  "USER_DELETED",
  "LAST_GLOBAL_ADMIN",
  "CANNOT_DELETE_SELF",
  "CANNOT_MANAGE_ADMIN",
  "RESTORE_WINDOW_PASSED",
  "NOT_DELETED",
  "UPN_TAKEN",
  "CONFIRMATION_REQUIRED",
  "QUANTITY_NOT_LOWER",
  "IDEMPOTENCY_MISMATCH",
  "VIEW_CHANGED",
  "PURCHASE_UNAVAILABLE",
  "TEMPORARILY_UNAVAILABLE",
  "CANNOT_BLOCK_SELF",
  "SUBSCRIPTION_NOT_LAPSED",
  "SAME_PRODUCT",
  "NONE_HOLD_PRODUCT",
  "SELECTION_GONE",
  "TOO_MANY_AT_ONCE",
  "UNDO_NOT_YOURS",
  "UNDO_EXPIRED",
  "UNDO_DONE",
  "UNDO_WOULD_CONFLICT",
  "RECLAIM_CHANGED",
  "WEBHOOK_URL_TAKEN",
  "WEBHOOK_DISABLED",
  "IMPORT_FILE_EMPTY",
  "IMPORT_FILE_TOO_LARGE",
  "IMPORT_TOO_MANY_ROWS",
  "IMPORT_NOT_UTF8",
  "IMPORT_MALFORMED",
  "IMPORT_HEADER",
  "IMPORT_RUNNING",
  "IMPORT_DONE",
  "IMPORT_EXPIRED",
  "LICENSE_NOT_ASSIGNED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorValues = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly values: ErrorValues = {},
  ) {
    super(code);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
