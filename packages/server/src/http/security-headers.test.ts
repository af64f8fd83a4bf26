import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signActionToken } from '../notify/index.js';
import { createAdmin, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const METRICS_TOKEN = 'scrape-me-please-0123456789';

/** A built web app stand-in: index.html plus one hashed asset. */
function webDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1.js"></script><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  return dir;
}

function directives(csp: string | null): Map<string, string> {
  expect(csp, 'Content-Security-Policy').toBeTruthy();
  return new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
}

describe.each(await databaseKinds())('security headers on %s', (kind) => {
  let h: Harness;
  let https: Harness;
  let admin: TestUser;
  let dir: string;
  /** One request per kind of response, keyed by a name for failures. */
  let requests: Record<string, (h: Harness) => Promise<Response>>;

  beforeAll(async () => {
    dir = webDir();
    const env = { OPERABLE_WEB_DIR: dir, OPERABLE_METRICS_TOKEN: METRICS_TOKEN };
    h = await createHarness(kind, env);
    https = await createHarness(kind, { ...env, OPERABLE_PUBLIC_URL: 'https://ops.example.com' });
    admin = await createAdmin(h);
    const w = await pipelineWorld(h, { people: [{ name: 'Pat', email: 'pat@example.com', contacts: [] }], steps: [{ delayMinutes: 10, people: [0] }] });
    await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', dedup_key: 'hdr', payload: { summary: 'Headers', source: 'x', severity: 'critical' } } });
    const [alert] = await alertsOf(h, w.service.id);
    const link = signActionToken(h.operable.deps.settings.secret, {
      action: 'acknowledge',
      alertId: alert!.id,
      userId: w.users[0]!.id,
      expiresAt: new Date(h.clock.now().getTime() + 3_600_000),
      nonce: randomUUID(),
    });
    const feed = new URL((await admin.call<{ url: string }>('POST', '/api/me/calendar-feed')).url).pathname;
    const bearer = { authorization: `Bearer ${METRICS_TOKEN}` };
    requests = {
      'web app': (x) => x.request('/alerts/12'),
      'web asset': (x) => x.request('/assets/app-1.js'),
      'API 200': (x) => (x === h ? admin.request('/api/services') : x.request('/api/openapi.json')),
      'API 401': (x) => x.request('/api/services'),
      'API 404': (x) => x.request('/api/nope', { method: 'POST', json: {} }),
      healthz: (x) => x.request('/healthz'),
      readyz: (x) => x.request('/readyz'),
      metrics: (x) => x.request('/metrics', { headers: bearer }),
      'metrics 401': (x) => x.request('/metrics'),
      'calendar feed': (x) => x.request(x === h ? feed : '/ical/unknown.ics'),
      'calendar feed 404': (x) => x.request('/ical/unknown.ics'),
      'confirm page': (x) => x.request(`/a/${x === h ? link : 'not-a-link'}`),
      'confirm page 400': (x) => x.request('/a/not-a-link'),
      'confirm POST 400': (x) => x.request('/a/not-a-link', { method: 'POST' }),
      ingest: (x) => x.request('/v2/enqueue', { method: 'POST', json: { routing_key: 'nope', event_action: 'trigger' } }),
      'Twilio webhook 403': (x) => x.request('/ingest/twilio/sms', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Body=1A' }),
    };
  });
  afterAll(async () => {
    await h.close();
    await https.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every kind of response: nosniff, no framing (CSP and X-Frame-Options), no referrer, and no HSTS over http', async () => {
    for (const [name, send] of Object.entries(requests)) {
      const res = await send(h);
      expect(res.status, name).toBeLessThan(500);
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), name).toBe('DENY');
      expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors'), name).toBe("'none'");
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), name).toBeNull();
    }
  });

  it('sends HSTS on every kind of response when OPERABLE_PUBLIC_URL is https', async () => {
    for (const [name, send] of Object.entries(requests)) {
      const res = await send(https);
      expect(res.headers.get('strict-transport-security'), name).toBe('max-age=31536000');
      expect(res.headers.get('x-frame-options'), name).toBe('DENY');
    }
  });

  it('lets the web app load only its own scripts and styles, nothing inline', async () => {
    const res = await requests['web app']!(h);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('lets everything else load nothing at all', async () => {
    for (const name of ['API 200', 'API 401', 'healthz', 'metrics', 'calendar feed', 'ingest', 'web asset']) {
      const csp = directives((await requests[name]!(h)).headers.get('content-security-policy'));
      expect(csp.get('default-src'), name).toBe("'none'");
    }
  });

  it('gives the confirm page no script and only its own style element, allowed by hash', async () => {
    for (const name of ['confirm page', 'confirm page 400', 'confirm POST 400']) {
      const res = await requests[name]!(h);
      const page = await res.text();
      expect(page, name).not.toMatch(/<script|\sstyle=|\son\w+=/i);
      const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles, name).toHaveLength(1);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src'), name).toBe("'none'");
      expect(csp.get('script-src'), name).toBeUndefined();
      expect(csp.get('style-src'), name).toBe(`'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`);
      expect(csp.get('form-action'), name).toBe("'self'");
      expect(csp.get('base-uri'), name).toBe("'none'");
    }
    expect(await (await requests['confirm page']!(h)).text()).toContain('<form method="post">');
  });
});
