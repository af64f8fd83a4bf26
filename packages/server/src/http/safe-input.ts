import { ErrorCode } from '@operable/shared';
import type { MiddlewareHandler } from 'hono';
import { firstUnstorable, jsonDepth, mayHoldUnstorable, MAX_JSON_DEPTH, storable } from '../lib/json-safety.js';
import { sendError } from './errors.js';
import type { AppEnv } from './types.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const UNSTORABLE = 'Contains a character that cannot be stored (NUL or an unpaired surrogate)';

/**
 * API input PostgreSQL could not store, or nested deeper than any of our documents,
 * is refused with a 400 naming the field before a validator (recursive) or a query
 * (which would fail as a 500) sees it. The body is read as text first; Hono keeps it,
 * so the route's validator parses the same bytes.
 */
export function refuseUnstorableInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const query = c.req.queries();
    for (const [name, values] of Object.entries(query)) {
      if (!storable(name) || values.some((v) => !storable(v))) return refuse(c, `query.${storable(name) ? name : 'name'}`, UNSTORABLE);
    }
    if (!storable(c.req.path)) return refuse(c, 'path', UNSTORABLE);
    if (!WITH_BODY.has(c.req.method) || !/json/i.test(c.req.header('content-type') ?? '')) return next();
    const text = await c.req.text();
    if (jsonDepth(text) > MAX_JSON_DEPTH) return refuse(c, 'body', `Nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (mayHoldUnstorable(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return next(); // the validator answers malformed JSON in the usual words
      }
      const field = firstUnstorable(parsed);
      if (field) return refuse(c, field, UNSTORABLE);
    }
    return next();
  };
}

const refuse = (c: Parameters<MiddlewareHandler<AppEnv>>[0], field: string, message: string) =>
  sendError(c, ErrorCode.ValidationFailed, `Invalid ${field}`, { fields: [{ field, message }] });
