import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const TOKEN = 'prometheus-scrape-token-42';

describe.each(await databaseKinds())('/metrics on %s', (kind) => {
  let off: Harness;
  let withToken: Harness;
  let listener: Harness;
  beforeAll(async () => {
    [off, withToken, listener] = await Promise.all([
      createHarness(kind),
      createHarness(kind, { OPERABLE_METRICS_TOKEN: TOKEN }),
      createHarness(kind, { OPERABLE_METRICS_TOKEN: TOKEN, OPERABLE_METRICS_LISTEN: '127.0.0.1:0' }),
    ]);
  });
  afterAll(() => Promise.all([off, withToken, listener].map((h) => h?.close())));

  it('is off on the main port until a token or a listener of its own is set', async () => {
    const res = await off.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('OPERABLE_METRICS_TOKEN');
  });

  it('wants the token as a bearer credential, and answers 401 otherwise', async () => {
    for (const authorization of [undefined, 'Bearer', 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN]) {
      const res = await withToken.request('/metrics', { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate'), authorization).toBe('Bearer realm="metrics"');
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
    const res = await withToken.request('/metrics', { headers: { authorization: `bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toMatch(/operable_process_resident_memory_bytes \d+/);
  });

  it('with OPERABLE_METRICS_LISTEN, is served only by that listener, which still wants the token and serves nothing else', async () => {
    const main = await listener.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(main.status).toBe(404);
    expect((await main.json()).error.message).toContain('OPERABLE_METRICS_LISTEN');

    const metricsApp = listener.operable.metricsApp;
    expect((await metricsApp.request('/metrics')).status).toBe(401);
    const res = await metricsApp.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toMatch(/operable_http_request_duration_seconds_count\{[^}]*route="\/metrics"[^}]*status="404"/);
    for (const path of ['/api/services', '/healthz', '/', '/metrics/x']) expect((await metricsApp.request(path)).status, path).toBe(404);
  });
});
