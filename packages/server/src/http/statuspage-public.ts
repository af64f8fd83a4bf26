import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { CACHE_CONTROL, publicSite, V2_PATHS, type PublicDocument } from '../statuspage/index.js';
import type { AppDeps, AppEnv } from './types.js';

const V2 = new Set<string>(V2_PATHS);

/**
 * Which public document a path asks for. The page lives at /status; its relative
 * links reach /api/v2/*.json and /history.{atom,rss} from there, and the same names
 * under /status/ for a page opened as /status/ (as on a static host's index.html).
 * The uptime page is only under /status/: see `UPTIME_AT_ROOT`.
 */
export function publicFile(path: string): string | null {
  const rest = path === '/status' || path === '/status/' ? 'index.html' : path.startsWith('/status/') ? path.slice(8) : path.slice(1);
  if (rest === 'index.html' || rest === 'uptime.html') return path.startsWith('/status') ? rest : null;
  if (rest === 'history.atom' || rest === 'history.rss') return rest;
  if (rest.startsWith('api/v2/') && V2.has(rest.slice(7))) return rest;
  return null;
}

/**
 * Where the page's uptime legends lead from /status. The uptime page links back to
 * `index.html`, the page beside it in an export and under /status/ here, but the web
 * app's own file at the root: so the root path is sent to /status/uptime.html (a
 * relative Location; the browser keeps the #component anchor).
 */
export const UPTIME_AT_ROOT = { path: '/uptime.html', location: 'status/uptime.html' } as const;

const matches = (header: string | undefined, etag: string) => !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to answer with: brotli, else gzip, else none, as the client allows
 * (a coding with q=0 is refused; `*` allows both). Client weights between br and
 * gzip are not ranked: brotli is the smaller of the two for every document here.
 */
export function pickEncoding(accept: string | undefined, brotliReady: boolean): Encoding {
  if (!accept) return 'identity';
  let br = false;
  let gzip = false;
  for (const part of accept.split(',')) {
    const [name = '', ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
    const allowed = !q || Number(q[1]) > 0;
    if (coding === 'br' || coding === '*') br ||= allowed;
    if (coding === 'gzip' || coding === 'x-gzip' || coding === '*') gzip ||= allowed;
  }
  return br && brotliReady ? 'br' : gzip ? 'gzip' : 'identity';
}

interface Answer {
  body: Buffer;
  headers: Record<string, string>;
}

interface Answers {
  notModified: Record<string, string>;
  identity: Answer;
  gzip: Answer;
  br: Answer | null;
}

/**
 * Every answer a document can give, headers included, made once per document (and
 * once more when its brotli encoding lands): a request only picks one and writes it.
 */
const made = new WeakMap<object, Answers>();
function answersFor(doc: PublicDocument): Answers {
  const known = made.get(doc);
  if (known && (known.br || !doc.br)) return known;
  const common = { etag: doc.etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding', ...doc.headers };
  const answer = (body: Buffer, encoding: Encoding): Answer => ({
    body,
    headers: { ...common, 'content-type': doc.contentType, 'content-length': String(body.length), ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }) },
  });
  const answers = { notModified: common, identity: answer(doc.body, 'identity'), gzip: answer(doc.gzip, 'gzip'), br: doc.br ? answer(doc.br, 'br') : null };
  made.set(doc, answers);
  return answers;
}

/** The answer to one request for a document: 304, or its body in the best encoding the client takes. */
function respond(doc: PublicDocument, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): { status: 200 | 304; answer: Answer | null; headers: Record<string, string> } {
  const answers = answersFor(doc);
  if (matches(ifNoneMatch, doc.etag)) return { status: 304, answer: null, headers: answers.notModified };
  const encoding = pickEncoding(acceptEncoding, !!answers.br);
  const answer = encoding === 'br' ? answers.br! : answers[encoding];
  return { status: 200, answer, headers: answer.headers };
}

/**
 * The lean path for the public status page: mounted before every other middleware
 * (no session lookup, no body checks, no database per request), it answers from the
 * precomputed documents, with ETag / If-None-Match, gzip and brotli made once per change.
 */
export function statuspagePublic(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const site = () => publicSite(deps.database.db, deps.clock, deps.settings.publicUrl, deps.log);
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    if (c.req.path === UPTIME_AT_ROOT.path) return c.redirect(UPTIME_AT_ROOT.location, 302);
    const file = publicFile(c.req.path);
    if (!file) return next();
    const doc = await site().get(file);
    if (!doc) return next();
    const r = respond(doc, c.req.header('if-none-match'), c.req.header('accept-encoding'));
    const body = r.answer && method === 'GET' ? new Uint8Array(r.answer.body.buffer, r.answer.body.byteOffset, r.answer.body.byteLength) : null;
    return new Response(body, { status: r.status, headers: r.headers });
  };
}

/**
 * The same answers straight on Node's request and response, before Hono builds a
 * web Request: for a listener (operable.ts) to try first. Answers only when the
 * documents are built (else returns false and the app's middleware above waits for
 * the first build). A hit writes precomputed headers and one precomputed Buffer.
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
    const r = respond(doc, req.headers['if-none-match'], req.headers['accept-encoding']);
    res.writeHead(r.status, r.headers);
    res.end(r.answer && method === 'GET' ? r.answer.body : undefined);
    return true;
  };
}
