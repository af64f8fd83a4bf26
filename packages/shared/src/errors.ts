/**
 * Error codes every API error body carries: `{ "error": { code, message, details? } }`.
 * Clients branch on `code`, never on `message`; only the server's http layer maps
 * a code to a status.
 */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  MalformedJson: 'malformed_json',
  PayloadTooLarge: 'payload_too_large',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  CsrfFailed: 'csrf_failed',
  NotFound: 'not_found',
  Conflict: 'conflict',
  RateLimited: 'rate_limited',
  InvalidToken: 'invalid_token',
  Unsupported: 'unsupported_media_type',
  /** Something the server needs (its database) is out of reach for now; retry after `Retry-After`. */
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `workingHours.start`; `body` for the body itself. */
  field: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { fields?: FieldIssue[]; [key: string]: unknown };
  };
}
