import { ErrorCode, type ApiErrorBody, type FieldIssue } from '@operable/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { isDatabaseUnavailable, type DatabaseUnavailableError } from '../db/index.js';
import { DomainError } from '../lib/errors.js';
import type { AppEnv } from './types.js';

/** The one place where domain error codes become HTTP statuses. */
export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedJson]: 400,
  [ErrorCode.InvalidToken]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.CsrfFailed]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.Unsupported]: 415,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Internal]: 500,
  [ErrorCode.Unavailable]: 503,
};

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ApiErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

export function fieldIssues(error: ZodError, prefix?: string): FieldIssue[] {
  const name = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || 'body';
  return error.issues.flatMap((issue) =>
    // An unknown key is the fault of that key, so name it rather than its parent.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: name([...issue.path, key]), message: 'Unknown field' }))
      : [{ field: name(issue.path), message: issue.message }],
  );
}

export function sendError(c: Context<AppEnv>, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  if ((code === ErrorCode.RateLimited || code === ErrorCode.Unavailable) && typeof details?.retryAfterSeconds === 'number') {
    c.header('Retry-After', String(details.retryAfterSeconds));
  }
  return c.json(errorBody(code, message, details), STATUS[code]);
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';

/** Last line of defence: anything unexpected is logged with the request ID and becomes a bare 500. */
export function onError(error: Error, c: Context<AppEnv>) {
  if (isDatabaseUnavailable(error)) logUnavailable(error, c);
  if (error instanceof DomainError) return sendError(c, error.code, error.message, error.details);
  if (error instanceof HTTPException) return fromHttpException(error, c);
  const pgCode = (error as { code?: string }).code;
  // Races that slip past a verb's own check (two creates with one name) are still conflicts.
  if (pgCode === PG_UNIQUE_VIOLATION) return sendError(c, ErrorCode.Conflict, 'That already exists');
  if (pgCode === PG_FOREIGN_KEY_VIOLATION) return sendError(c, ErrorCode.Conflict, 'It is still referenced elsewhere');
  c.get('log')?.event('HTTP_SERVER_ERROR', { err: { message: error.message, stack: error.stack } });
  return sendError(c, ErrorCode.Internal, 'Something went wrong on our side; the request ID identifies it in the log', {
    requestId: c.get('requestId'),
  });
}

/** A 503 is no bug, but whoever runs the server needs to know why it answers them. */
export function logUnavailable(error: DatabaseUnavailableError, c: Context<AppEnv>) {
  c.get('log')?.event('DB_UNAVAILABLE', { reason: error.reason, path: c.req.path });
}

function fromHttpException(error: HTTPException, c: Context<AppEnv>) {
  if (error.status === 413) return sendError(c, ErrorCode.PayloadTooLarge, 'Request body is too large');
  if (error.status === 400 && /json/i.test(error.message)) {
    return sendError(c, ErrorCode.MalformedJson, 'Request body is not valid JSON', { fields: [{ field: 'body', message: error.message }] });
  }
  if (error.status === 401) return sendError(c, ErrorCode.Unauthenticated, error.message || 'Sign in first');
  // The route's own body check: a body sent without Content-Length or Transfer-Encoding (HTTP/2, in-process) slips past requireJsonBody.
  if (error.status === 415) {
    const type = c.req.header('content-type');
    return sendError(c, ErrorCode.Unsupported, 'Send the body as application/json', {
      fields: [{ field: 'content-type', message: `Expected application/json, got ${type || 'nothing'}` }],
    });
  }
  if (error.status === 404) return sendError(c, ErrorCode.NotFound, 'No such route');
  return sendError(c, ErrorCode.ValidationFailed, error.message || 'Bad request');
}
