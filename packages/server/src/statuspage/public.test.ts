import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicSite, publicSite } from './index.js';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { STATUSPAGE_V2_SCHEMAS } from '../test-support/statuspage-v2-schema.js';
import { populate } from '../test-support/statuspage-world.js';

const KINDS = await databaseKinds();
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const V2 = Object.keys(STATUSPAGE_V2_SCHEMAS);

describe.each(KINDS)('public status page on %s', (kind) => {
  let h: Harness;
  let w: World;
  let made: Awaited<ReturnType<typeof populate>>;
  const get = (path: string, headers: Record<string, string> = {}) => h.request(path, { headers });

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    made = await populate(h, w);
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(V2)('/api/v2/%s validates against the documented objects, anonymously', async (path) => {
    const res = await get(`/api/v2/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    const validate = ajv.compile(STATUSPAGE_V2_SCHEMAS[path]!);
    expect(validate(body) ? [] : validate.errors).toEqual([]);
    // The same document under /status/ (a page opened as /status/ follows its relative links there).
    expect(await (await get(`/status/api/v2/${path}`)).json()).toEqual(body);
  });

  it('each document holds what its path promises', async () => {
    const doc = async (p: string) => (await get(`/api/v2/${p}`)).json();
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    const summary = await doc('summary.json');
    expect(summary.status).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
    expect(ids(summary.incidents)).toEqual([made.open.id]);
    expect(ids(summary.scheduled_maintenances)).toEqual([made.active.id, made.upcoming.id]);
    expect(ids(summary.components)).toEqual([made.web.id, made.group.id, made.api.id, made.db.id]);
    expect(summary.components[1]).toMatchObject({ group: true, components: [made.api.id, made.db.id], status: 'degraded_performance' });
    expect(summary.components[0]).toMatchObject({ status: 'under_maintenance', start_date: '2026-01-01' });
    expect(ids((await doc('incidents.json')).incidents)).toEqual([made.open.id, made.old.id]);
    const resolved = (await doc('incidents.json')).incidents[1];
    expect(resolved.incident_updates.map((u: { status: string }) => u.status)).toEqual(['resolved', 'investigating']);
    expect(resolved.incident_updates[1].affected_components).toEqual([{ code: made.api.id, name: 'API', old_status: 'operational', new_status: 'major_outage' }]);
    expect(resolved.shortlink).toBe(`http://operable.test/status#incident-${made.old.id}`);
    expect(ids((await doc('incidents/unresolved.json')).incidents)).toEqual([made.open.id]);
    expect(ids((await doc('scheduled-maintenances/upcoming.json')).scheduled_maintenances)).toEqual([made.upcoming.id]);
    expect(ids((await doc('scheduled-maintenances/active.json')).scheduled_maintenances)).toEqual([made.active.id]);
    expect(ids((await doc('scheduled-maintenances.json')).scheduled_maintenances).sort()).toEqual([made.active.id, made.upcoming.id].sort());
    expect((await doc('status.json')).page).toMatchObject({ name: 'Acme', url: 'http://operable.test/status' });
  });

  it('the Atom and RSS feeds parse with a feed parser, one entry per incident and maintenance', async () => {
    const parser = new Parser();
    for (const [path, type] of [
      ['/history.atom', 'application/atom+xml; charset=utf-8'],
      ['/history.rss', 'application/rss+xml; charset=utf-8'],
    ] as const) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      const xml = await res.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = await parser.parseString(xml);
      expect(feed.title).toBe('Acme status history');
      expect(feed.items.map((i) => i.title).sort()).toEqual(['CDN move', 'Disk upgrade', 'Login errors', 'Slow queries <script>']);
      const login = feed.items.find((i) => i.title === 'Login errors')!;
      expect(login.link).toBe(`http://operable.test/status#incident-${made.old.id}`);
      expect(login.content).toContain('A bad deploy was rolled back.');
    }
    expect(await (await get('/history.atom')).text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  });

  it('the page is plain HTML with no script, escaped text, relative links and its own CSP', async () => {
    const res = await get('/status');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Slow queries &lt;script&gt;');
    expect(html).toContain('href="history.atom"');
    expect(html).toContain('href="api/v2/summary.json"');
    expect(html).toContain('help@acme.test');
    expect(html).toContain('--brand:#8250df');
    expect(html).toContain('Next update by');
    expect((html.match(/<div class="bars[ "]/g) ?? []).length).toBe(3);
    expect(await (await get('/status/')).text()).toBe(html);
  });

  it('the uptime page lists the bad days in words, under /status/ where its link back leads to the page, with its own CSP', async () => {
    const res = await get('/status/uptime.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toBe((await get('/status')).headers.get('content-security-policy'));
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    // API was in a major outage today (the resolved incident), and says so with its durations.
    expect(html).toMatch(new RegExp(`id="c-${made.api.id.slice(0, 8)}">.*?<span class="st s-major_outage">Major outage</span><span class="dur">major outage \\d+ min`));
    // Every legend of the page leads to its component here.
    const page = await (await get('/status')).text();
    const links = [...page.matchAll(/href="uptime\.html#([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual([made.web.id, made.api.id, made.db.id].map((id) => `c-${id.slice(0, 8)}`));
    for (const anchor of links) expect(html).toContain(` id="${anchor}"`);
    expect(html).toContain('<a href="index.html">');
    expect(await (await get('/status/index.html')).text()).toBe(page);
    // Followed from /status, the legend asks for /uptime.html: sent on, keeping the relative link back working.
    const root = await get('/uptime.html');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('status/uptime.html');
    expect(new URL(root.headers.get('location')!, 'http://operable.test/uptime.html#c-x').pathname).toBe('/status/uptime.html');
    // ETag and gzip like every document.
    const etag = res.headers.get('etag')!;
    expect((await get('/status/uptime.html', { 'if-none-match': etag })).status).toBe(304);
    const zipped = await get('/status/uptime.html', { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(html);
  });

  it('answers conditional and compressed requests from the precomputed documents', async () => {
    const first = await get('/api/v2/summary.json');
    const etag = first.headers.get('etag')!;
    const plain = Buffer.from(await first.arrayBuffer());
    const not = await get('/api/v2/summary.json', { 'if-none-match': `W/"nope", ${etag}` });
    expect(not.status).toBe(304);
    expect(not.headers.get('etag')).toBe(etag);
    const zipped = await get('/api/v2/summary.json', { 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer()))).toEqual(plain);
    // Brotli lands after the build; then it is preferred, unless refused.
    const deps = h.operable.deps;
    await publicSite(deps.database.db, deps.clock, deps.settings.publicUrl, deps.log).compressed();
    for (const path of ['/api/v2/summary.json', '/status', '/status/uptime.html', '/history.rss']) {
      const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(br.headers.get('content-encoding')).toBe('br');
      const bytes = Buffer.from(await br.arrayBuffer());
      expect(Number(br.headers.get('content-length'))).toBe(bytes.length);
      expect(brotliDecompressSync(bytes)).toEqual(Buffer.from(await (await get(path)).arrayBuffer()));
    }
    expect((await get('/api/v2/summary.json', { 'accept-encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/api/v2/summary.json', { 'accept-encoding': 'identity' })).headers.get('content-encoding')).toBeNull();
    const head = await h.request('/status', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    // Not ours: other files and methods fall through to the app.
    expect((await get('/api/v2/nothing.json')).status).toBe(401);
    expect((await h.request('/api/v2/summary.json', { method: 'POST' })).status).toBe(401);
  });

  it('another process notices a change through the stored version', async () => {
    const deps = h.operable.deps;
    const other = new PublicSite(deps.database.db, deps.clock, deps.settings.publicUrl, deps.log);
    const before = (await other.get('api/v2/summary.json'))!.etag;
    await w.admin.call('PATCH', '/api/statuspage/settings', { name: 'Acme Corp' });
    expect((await other.get('api/v2/summary.json'))!.etag).toBe(before);
    await other.sync();
    const after = (await other.get('api/v2/summary.json'))!;
    expect(after.etag).not.toBe(before);
    expect(after.etag).toBe((await get('/api/v2/summary.json')).headers.get('etag'));
  });
});
