import { spawn } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../lib/logger.js';
import { CACHE_CONTROL, type PublicDocument } from './documents.js';
import type { PublicSite } from './site.js';

/**
 * The page as static files for any static host or CDN: the very bytes the live
 * server answers (index.html, uptime.html, api/v2/*.json, history.atom, history.rss), plus
 * `_headers`, the header sidecar Netlify- and Cloudflare-Pages-style hosts read
 * (content types, caching, the page's CSP). Each file is written beside itself and
 * renamed into place, so a host serving the directory never sees half a file.
 */
export async function exportSite(site: PublicSite, dir: string): Promise<string[]> {
  const docs = await site.all();
  const files: [string, Buffer | string][] = docs.map((d) => [d.file, d.body]);
  files.push(['_headers', headersFile(docs)]);
  for (const [file, body] of files) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, body);
    await rename(temp, target);
  }
  return files.map(([f]) => f).sort();
}

export function headersFile(docs: PublicDocument[]): string {
  const block = (route: string, d: PublicDocument) => {
    const h = { 'Content-Type': d.contentType, 'Cache-Control': CACHE_CONTROL, ...Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.replace(/(^|-)\w/g, (c) => c.toUpperCase()), v])) };
    return [route, ...Object.entries(h).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  };
  const blocks = docs.flatMap((d) => (d.file === 'index.html' ? [block('/', d), block('/index.html', d)] : [block(`/${d.file}`, d)]));
  return `${blocks.join('\n')}\n`;
}

/** Runs the publish command (an admin's, from the environment) in the export directory; resolves with its exit code. */
export function runPublishCommand(command: string, dir: string, timeoutMs = 5 * 60_000): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: dir, shell: true, stdio: 'ignore', timeout: timeoutMs });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * After every change this process makes: write the files, then run the command.
 * Changes that come while a publish runs are folded into one more run after it.
 */
export function startPublisher(site: PublicSite, options: { dir: string; command?: string; log: Logger }): { idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const once = async () => {
    try {
      const files = await exportSite(site, options.dir);
      const code = options.command ? await runPublishCommand(options.command, options.dir) : 0;
      if (code === 0) options.log.event('STATUSPAGE_PUBLISHED', { dir: options.dir, files: files.length, command: Boolean(options.command) });
      else options.log.event('STATUSPAGE_PUBLISH_FAILED', { dir: options.dir, exitCode: code });
    } catch (error) {
      options.log.event('STATUSPAGE_PUBLISH_FAILED', { dir: options.dir, error: String(error) });
    }
  };
  const kick = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await once();
      } while (again);
      running = null;
    })();
  };
  site.onChange(kick);
  return {
    idle: async () => {
      while (running) await running;
    },
  };
}
