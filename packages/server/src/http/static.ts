import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';
import { WEB_APP_CSP } from './security-headers.js';
import type { AppEnv } from './types.js';

/** Same relative path from src/http and dist/http. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built single-page app; unknown paths get index.html so client-side
 * routes survive a reload. Hashed files under /assets are cached for a year.
 */
export function serveWeb(webDir: string): MiddlewareHandler<AppEnv> {
  const root = path.resolve(webDir);
  const index = path.join(root, 'index.html');
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    const wanted = path.resolve(root, '.' + decodeURIComponent(c.req.path));
    const inside = wanted === root || wanted.startsWith(root + path.sep);
    const file = inside && (await isFile(wanted)) ? wanted : existsSync(index) ? index : null;
    if (!file) return next();
    const body = await readFile(file);
    const immutable = file !== index && c.req.path.startsWith('/assets/');
    c.header('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file === index) c.header('Content-Security-Policy', WEB_APP_CSP);
    return c.body(body, 200);
  };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
