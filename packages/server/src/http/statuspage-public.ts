import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { CACHE_CONTROL, publicSite, V2_PATHS } from '../statuspage/index.js';
import type { AppDeps, AppEnv } from './types.js';

const V2 = new Set<string>(V2_PATHS);

/**
 * Which public document a path asks for. The page lives at /status; its relative
 * links reach /api/v2/*.json and /history.{atom,rss} from there, and the same names
 * under /status/ for a page opened as /status/ (as on a static host's index.html).
 */
export function publicFile(path: string): string | null {
  const rest = path === '/status' || path === '/status/' ? 'index.html' : path.startsWith('/status/') ? path.slice(8) : path.slice(1);
  if (rest === 'index.html') return path.startsWith('/status') ? rest : null;
  if (rest === 'history.atom' || rest === 'history.rss') return rest;
  if (rest.startsWith('api/v2/') && V2.has(rest.slice(7))) return rest;
  return null;
}

const matches = (header: string | undefined, etag: string) => !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/**
 * The lean path for the public status page: mounted before every other middleware
 * (no session lookup, no body checks, no database per request), it answers from the
 * precomputed documents, with ETag / If-None-Match and gzip made once per change.
 */
export function statuspagePublic(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const site = () => publicSite(deps.database.db, deps.clock, deps.settings.publicUrl, deps.log);
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const file = publicFile(c.req.path);
    if (!file) return next();
    const doc = await site().get(file);
    if (!doc) return next();
    const common = { etag: doc.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', ...doc.headers };
    if (matches(c.req.header('if-none-match'), doc.etag)) return new Response(null, { status: 304, headers: common });
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const body = gzip ? doc.gzip : doc.body;
    const headers: Record<string, string> = { ...common, 'content-type': doc.contentType, 'content-length': String(body.length) };
    if (gzip) headers['content-encoding'] = 'gzip';
    return new Response(method === 'HEAD' ? null : new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: 200, headers });
  };
}

/**
 * The same answers straight on Node's request and response, before Hono builds a
 * web Request: for a listener (operable.ts) to try first. Answers only when the
 * documents are built (else returns false and the app's middleware above waits for
 * the first build). Writes the precomputed Buffer in one call.
 */
export function statuspageNodeHandler(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const site = publicSite(deps.database.db, deps.clock, deps.settings.publicUrl, deps.log);
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const file = publicFile(q < 0 ? url : url.slice(0, q));
    if (!file) return false;
    const doc = site.peek(file);
    if (!doc) return false;
    const common = { etag: doc.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', ...doc.headers };
    const inm = req.headers['if-none-match'];
    if (matches(inm, doc.etag)) {
      res.writeHead(304, common).end();
      return true;
    }
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? doc.gzip : doc.body;
    res.writeHead(200, { ...common, 'content-type': doc.contentType, 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}
