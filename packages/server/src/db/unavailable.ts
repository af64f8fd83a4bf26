import { ErrorCode } from '@operable/shared';
import { DomainError } from '../lib/errors.js';

/** What a client hears while the database is out of reach: a restart or failover takes seconds. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot be reached now (connection refused, dropped, timed out,
 * the server shutting down or starting). Nothing is wrong with the request: the
 * same request later will do. The message stays generic (it reaches clients);
 * `cause` holds what the driver said.
 */
export class DatabaseUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super(ErrorCode.Unavailable, 'The database is unavailable; retry shortly', { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });
    this.name = 'DatabaseUnavailableError';
    this.cause = cause;
  }

  /** What the driver said, for the log. */
  get reason(): string {
    const c = this.cause as { code?: unknown; message?: unknown } | undefined;
    return [c?.code, c?.message].filter((x) => typeof x === 'string' && x).join(': ') || String(this.cause);
  }
}

/** Socket-level failures: the server is not there, or the connection died under us. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a connection going away: 57P01 admin_shutdown (pg_terminate_backend,
 * a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * in recovery), 53300 too_many_connections, and class 08, connection exceptions.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres and pg-pool say these without a code. */
const MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /not queryable$/, // a client whose connection already failed
  /^timeout exceeded when trying to connect$/, // the pool's connectionTimeoutMillis
  /^Query read timeout$/,
];

/** True for an error that says "the database is out of reach", not "this statement is wrong". */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return typeof message === 'string' && MESSAGES.some((m) => m.test(message));
}

/** The typed error for a connection failure; any other error as it was. */
export function classifyDatabaseError(error: unknown): unknown {
  return error instanceof DatabaseUnavailableError || !isConnectionError(error) ? error : new DatabaseUnavailableError(error);
}

export function isDatabaseUnavailable(error: unknown): error is DatabaseUnavailableError {
  return error instanceof DatabaseUnavailableError;
}
