import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress as brotliCallback, constants as zlibConstants, gzip as gzipCallback } from 'node:zlib';
import { feeds } from './render-feeds.js';
import { dayBars, renderPage } from './render-html.js';
import { renderUptimePage } from './render-uptime.js';
import { pageUrlOf, V2_PATHS, v2Documents } from './render-v2.js';
import type { Snapshot } from './snapshot-repository.js';

export interface PublicDocument {
  /** Path relative to the site root: `index.html`, `uptime.html`, `api/v2/summary.json`, `history.atom`… */
  file: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  /** Brotli, added by `addBrotli` after the build (too slow to make the first answer wait for it); null until then. */
  br: Buffer | null;
  etag: string;
  headers: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
export const CACHE_CONTROL = 'public, max-age=30';

/** Headers of the page itself: no script at all, the one stylesheet by hash, images from anywhere (the logo). */
export function pageHeaders(styleHash: string, formOrigin: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src 'sha256-${styleHash}'; img-src https: http: data:; base-uri 'none'; form-action 'self' ${formOrigin}; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

const gzip = promisify(gzipCallback);
const brotli = promisify(brotliCallback);
/**
 * Quality 10 measured on the 500-component bench page: summary.json 235 KB → 15.0 KB
 * in ~45 ms (gzip 6: 19.9 KB), the page 720 KB → 28 KB in ~360 ms (gzip 6: 38.7 KB);
 * 11 saves another 2 KB on the page for five times the CPU.
 */
const BROTLI_QUALITY = 10;
/** Lets requests in between the stages of a build: a build never holds the event loop for all of its work. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every public document of one state: built once per change, then served as bytes.
 * The export writes the same `body` bytes to files, so live and static agree.
 * Compression runs on libuv's thread pool, off the event loop.
 */
export async function buildDocuments(s: Snapshot, now: Date, publicUrl: string): Promise<PublicDocument[]> {
  const pageUrl = pageUrlOf(s, publicUrl);
  const pending: Promise<PublicDocument>[] = [];
  const add = (file: string, contentType: string, text: string, headers: Record<string, string> = {}) => {
    const body = Buffer.from(text);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    pending.push(gzip(body, { level: 6 }).then((zipped) => ({ file, contentType, body, gzip: zipped, br: null, etag, headers: { 'x-content-type-options': 'nosniff', ...headers } })));
  };
  const v2 = v2Documents(s, pageUrl);
  await yieldToRequests();
  // Statuspage's API answers any origin: widgets on other sites read summary.json.
  for (const p of V2_PATHS) add(`api/v2/${p}`, JSON_TYPE, JSON.stringify(v2[p]), { 'access-control-allow-origin': '*' });
  await yieldToRequests();
  const base = pageUrl.endsWith('/') ? pageUrl : pageUrl.replace(/[^/]*$/, '');
  const f = feeds(s, pageUrl, base);
  add('history.atom', 'application/atom+xml; charset=utf-8', f.atom);
  add('history.rss', 'application/rss+xml; charset=utf-8', f.rss);
  await yieldToRequests();
  // The subscribe form posts to the Operable server itself, also from a copy on a static host.
  const bars = dayBars(s, now);
  const page = renderPage(s, now, `${publicUrl.replace(/\/$/, '')}/status/subscribe`, bars);
  const formOrigin = new URL(publicUrl).origin;
  add('index.html', 'text/html; charset=utf-8', page.html, pageHeaders(page.styleHash, formOrigin));
  await yieldToRequests();
  const uptime = renderUptimePage(s, now, bars);
  add('uptime.html', 'text/html; charset=utf-8', uptime.html, pageHeaders(uptime.styleHash, formOrigin));
  return Promise.all(pending);
}

/**
 * Adds the brotli encoding to documents already being served, one at a time on
 * libuv's thread pool; `stillCurrent` lets a newer state stop the work early (its own
 * pass takes over), so a page changing faster than this pass keeps answering gzip.
 */
export async function addBrotli(docs: PublicDocument[], stillCurrent: () => boolean): Promise<void> {
  for (const d of docs) {
    if (!stillCurrent()) return;
    d.br = await brotli(d.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: d.body.length, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT } });
  }
}
