import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite, publicSite } from './index.js';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { populate } from '../test-support/statuspage-world.js';

const KINDS = await databaseKinds();
const FILES = [
  '_headers',
  'api/v2/components.json',
  'api/v2/incidents.json',
  'api/v2/incidents/unresolved.json',
  'api/v2/scheduled-maintenances.json',
  'api/v2/scheduled-maintenances/active.json',
  'api/v2/scheduled-maintenances/upcoming.json',
  'api/v2/status.json',
  'api/v2/summary.json',
  'history.atom',
  'history.rss',
  'index.html',
  'uptime.html',
];
/** Where the live server answers each exported file: the page at /status, the uptime page beside it under /status/. */
const LIVE: Record<string, string> = { 'index.html': '/status', 'uptime.html': '/status/uptime.html' };

describe.each(KINDS)('status page export on %s', (kind) => {
  let h: Harness;
  let w: World;
  let dir: string;
  let publishDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'operable-sp-export-'));
    publishDir = mkdtempSync(path.join(tmpdir(), 'operable-sp-publish-'));
    h = await createHarness(kind, {
      OPERABLE_STATUSPAGE_DIR: publishDir,
      // The command runs in the directory: it proves it ran after the files were written.
      OPERABLE_STATUSPAGE_PUBLISH_COMMAND: 'cat api/v2/status.json > published.json',
    });
    w = await createWorld(h);
    await populate(h, w);
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(publishDir, { recursive: true, force: true });
  });

  const site = () => publicSite(h.operable.deps.database.db, h.operable.deps.clock, h.operable.deps.settings.publicUrl, h.operable.deps.log);

  it('writes the page, the uptime page, the JSON API and the feeds as the very bytes the live server answers', async () => {
    expect(await exportSite(site(), dir)).toEqual(FILES);
    for (const file of FILES.filter((f) => f !== '_headers')) {
      const live = Buffer.from(await (await h.request(LIVE[file] ?? `/${file}`)).arrayBuffer());
      expect(readFileSync(path.join(dir, file)).equals(live), file).toBe(true);
    }
  });

  it('links relatively, to files the export has, and to anchors the uptime page has', () => {
    const uptime = readFileSync(path.join(dir, 'uptime.html'), 'utf8');
    const anchors = new Set([...uptime.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const [file, least] of [['index.html', 2], ['uptime.html', 0]] as const) {
      const html = readFileSync(path.join(dir, file), 'utf8');
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).filter((l) => !/^(https?:|mailto:)/.test(l));
      expect(links.length).toBeGreaterThan(least);
      for (const link of links) {
        const [target, anchor] = link.split('#');
        expect(existsSync(path.join(dir, target!)), link).toBe(true);
        if (anchor) expect(anchors.has(anchor), link).toBe(true);
      }
    }
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8').match(/href="uptime\.html#/g)).toHaveLength(3);
  });

  it('says each file’s type, caching and the page’s CSP in a _headers sidecar', async () => {
    const headers = readFileSync(path.join(dir, '_headers'), 'utf8');
    const live = await h.request('/status');
    expect(headers).toContain(`/\n  Content-Type: text/html; charset=utf-8\n  Cache-Control: public, max-age=30\n`);
    expect(headers).toContain(`  Content-Security-Policy: ${live.headers.get('content-security-policy')}\n`);
    expect(headers).toContain('/api/v2/summary.json\n  Content-Type: application/json; charset=utf-8\n  Cache-Control: public, max-age=30\n  X-Content-Type-Options: nosniff\n  Access-Control-Allow-Origin: *\n');
    expect(headers).toContain('/history.atom\n  Content-Type: application/atom+xml; charset=utf-8');
    const uptime = await h.request('/status/uptime.html');
    expect(headers).toContain(`/uptime.html\n  Content-Type: text/html; charset=utf-8\n  Cache-Control: public, max-age=30\n  X-Content-Type-Options: nosniff\n  Content-Security-Policy: ${uptime.headers.get('content-security-policy')}\n`);
  });

  it('publishes after each change: the files, then the command', async () => {
    await w.admin.call('PATCH', '/api/statuspage/settings', { name: 'Acme Published' });
    await h.operable.statuspagePublisher!.idle();
    const published = JSON.parse(readFileSync(path.join(publishDir, 'published.json'), 'utf8'));
    expect(published.page.name).toBe('Acme Published');
    expect(readFileSync(path.join(publishDir, 'api/v2/status.json'), 'utf8')).toBe(await (await h.request('/api/v2/status.json')).text());
    expect(h.logs.some((l) => l.event === 'STATUSPAGE_PUBLISHED')).toBe(true);
  });
});
