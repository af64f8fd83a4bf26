import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ErrorCode } from '@operable/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { matchedRoutes, routePath } from 'hono/route';
import { authenticateApiKey, authenticateSession } from '../auth/index.js';
import { ANONYMOUS_ACTOR } from '../lib/context.js';
import { safeEqual } from '../lib/crypto.js';
import { sendError } from './errors.js';
import type { AppDeps, AppEnv } from './types.js';

export const SESSION_COOKIE = 'operable_session';
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** Request ID in, request ID out, and on every log line of the request; timing into /metrics. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const log = deps.log.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('actor', ANONYMOUS_ACTOR);
    // Set before the handler runs: on a finished response it would force Node's
    // adapter to rebuild the whole web Response, a large share of a small request.
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const route = status === 404 && c.req.path.startsWith('/api') ? 'unmatched' : routePath(c);
    deps.metrics.httpDuration.observe({ route, method: c.req.method, status: String(status) }, seconds);
    log.event(status >= 500 ? 'HTTP_SERVER_ERROR' : status >= 400 ? 'HTTP_CLIENT_ERROR' : 'HTTP_REQUEST', {
      method: c.req.method,
      path: loggablePath(c.req.path),
      route,
      status,
      durationMs: Math.round(seconds * 1e4) / 10,
    });
  };
}

/** Calendar feed URLs and action links are credentials; log lines must not carry them. */
function loggablePath(path: string): string {
  if (path.startsWith('/ical/')) return '/ical/[secret].ics';
  if (path.startsWith('/a/')) return '/a/[token]';
  return path;
}

/** API routes open to anonymous callers; every other /api route needs credentials. */
const PUBLIC_API = new Set(['/api/openapi.json', '/api/auth/sign-in', '/api/auth/password-reset']);

/**
 * Who is calling: a bearer API key, else the session cookie. Anonymous callers get
 * 401 before their input is even looked at; what a known caller may do is the
 * domain's decision.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const now = deps.clock.now();
    const authorization = c.req.header('authorization');
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      const actor = scheme?.toLowerCase() === 'bearer' && token ? await authenticateApiKey(deps.database.db, token, now) : null;
      if (!actor) return sendError(c, ErrorCode.Unauthenticated, 'The API key is unknown or revoked');
      c.set('actor', actor);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const auth = await authenticateSession(deps.database.db, token, now, deps.settings.sessionHours);
      if (auth) {
        c.set('actor', auth.actor);
        c.set('session', { token, csrfToken: auth.csrfToken });
        return next();
      }
    }
    if (!PUBLIC_API.has(c.req.path)) return sendError(c, ErrorCode.Unauthenticated, 'Sign in or send an API key');
    return next();
  };
}

/**
 * Hono's bodyLimit asks for the web body stream first, which makes Node's adapter
 * build a full web Request (streams, AbortSignal) for every request. A declared
 * length is checked from the header alone; only a body of unknown length is counted
 * as it is read.
 */
export function limitBody(maxSize: number, onError: (c: Context<AppEnv>) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
  const counting = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    return Number(length) > maxSize ? onError(c) : next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookies ride along on cross-site requests; a header the attacker cannot read
 * does not. API-key requests carry no ambient credential and need no token.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (session && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token') ?? '';
      if (!safeEqual(sent, session.csrfToken)) {
        c.get('log').event('AUTH_CSRF_REJECTED', { path: c.req.path });
        return sendError(c, ErrorCode.CsrfFailed, 'Missing or wrong X-CSRF-Token header');
      }
    }
    return next();
  };
}

/** JSON bodies only: a form post from another site cannot reach a JSON route. */
export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.method === 'DELETE') return next();
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
      return sendError(c, ErrorCode.Unsupported, 'Send the body as application/json', {
        fields: [{ field: 'content-type', message: `Expected application/json, got ${type || 'nothing'}` }],
      });
    }
    return next();
  };
}

/**
 * A route that declares a required JSON body gets one. Without any body at all the
 * validator would see `{}`, and e.g. an empty PATCH would still run and be audited.
 */
export function requireDeclaredBody(needsBody: (method: string, routePath: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('content-type') !== undefined) return next();
    // 'ALL' entries are middleware; the last other one is the route's handler.
    const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
    if (!route || !needsBody(c.req.method, route.path)) return next();
    if (c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0) return next(); // the route answers 415
    return sendError(c, ErrorCode.ValidationFailed, 'Send a JSON body', { fields: [{ field: 'body', message: 'Required' }] });
  };
}

export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function isHttps(c: Context<AppEnv>, deps: AppDeps): boolean {
  if (deps.config.trustProxy && c.req.header('x-forwarded-proto')) return c.req.header('x-forwarded-proto') === 'https';
  return new URL(c.req.url).protocol === 'https:' || deps.settings.publicUrl.startsWith('https:');
}
