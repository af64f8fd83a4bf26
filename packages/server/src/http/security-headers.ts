import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './types.js';

/**
 * Content-Security-Policy per kind of response. Everything that is not one of our
 * pages (API JSON, feeds, probes, assets) may load nothing and be framed by nobody,
 * so a response a browser is tricked into rendering cannot run anything.
 */
const NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The web app: Vite's build has no inline script or style element (React sets
 * `style` through the CSSOM, which CSP does not govern), so 'self' is enough.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A server-rendered page whose only style is one fixed <style> element, allowed by its hash. */
export function serverPageCsp(style: string): string {
  const hash = createHash('sha256').update(style).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}

/**
 * Headers on every response. Set before the handler runs, like the request ID: on
 * a finished response Node's adapter would rebuild the whole web Response (which is
 * why Hono's secureHeaders, which sets them afterwards, is not used). Routes that
 * serve pages replace the CSP with their own.
 *
 * Referrer-Policy is no-referrer everywhere: action links, calendar feeds and
 * set-password links carry their credential in the URL. HSTS only when people reach
 * Operable over https, and without includeSubDomains: the public URL's host may be
 * a parent of sites that are not ours to decide for.
 */
export function securityHeaders(publicUrl: string): MiddlewareHandler<AppEnv> {
  const hsts = new URL(publicUrl).protocol === 'https:';
  return async (c, next) => {
    c.header('Content-Security-Policy', NOTHING);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    if (hsts) c.header('Strict-Transport-Security', 'max-age=31536000');
    return next();
  };
}
