import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';

/**
 * Characters PostgreSQL cannot store and JSON nested past any recursion: a sender's
 * event is kept (NUL and broken surrogates become U+FFFD; one byte must not lose an
 * alert), an API body is refused naming the field, and neither is ever a 500.
 */
const NUL = '\u0000';
const LONE = '\ud800';
const deep = (levels: number) => `{"a":${'['.repeat(levels)}1${']'.repeat(levels)}}`;

describe.each(await databaseKinds())('hostile input on %s', (kind) => {
  let h: Harness;
  let w: World;
  const worlds: Record<string, Awaited<ReturnType<typeof pipelineWorld>>> = {};
  const raw = (path: string, body: string, headers: Record<string, string> = {}) =>
    h.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    for (const k of ['pagerduty', 'alertmanager', 'grafana', 'opsgenie', 'generic'] as const) {
      worlds[k] = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], integrationKind: k, stormWindowSeconds: 0 });
    }
  });
  afterAll(() => h.close());

  it('PagerDuty: NUL and a lone surrogate anywhere are kept as U+FFFD, and the same key resolves it', async () => {
    const pd = worlds.pagerduty!;
    const key = `disk${NUL}full${LONE}`;
    const trigger = await raw(
      '/v2/enqueue',
      JSON.stringify({
        routing_key: pd.key,
        event_action: 'trigger',
        dedup_key: key,
        payload: { summary: `Disk ${NUL} full`, source: `db${LONE}1`, severity: 'critical', custom_details: { [`k${NUL}`]: [`v${NUL}`, { deep: LONE }] } },
        links: [{ href: 'https://example.com', text: `x${NUL}` }],
      }),
    );
    expect(trigger.status).toBe(202);
    const [alert] = await alertsOf(h, pd.service.id);
    expect(alert).toMatchObject({ summary: 'Disk \uFFFD full', source: 'db\uFFFD1', dedup_key: 'disk\uFFFDfull\uFFFD', status: 'triggered' });
    expect(alert!.details).toEqual({ custom_details: { 'k\uFFFD': ['v\uFFFD', { deep: '\uFFFD' }] } });
    expect((await raw('/v2/enqueue', JSON.stringify({ routing_key: pd.key, event_action: 'resolve', dedup_key: key }))).status).toBe(202);
    expect((await alertsOf(h, pd.service.id))[0]!.status).toBe('resolved');
    expect((await raw('/v2/change/enqueue', JSON.stringify({ routing_key: pd.key, payload: { summary: `Deploy ${NUL}`, source: LONE } }))).status).toBe(202);
  });

  it('Alertmanager, Grafana, Opsgenie and the generic webhook keep such events too', async () => {
    const am = (k: 'alertmanager' | 'grafana') =>
      raw(`/ingest/${k}/${worlds[k]!.key}`, JSON.stringify({ version: k === 'grafana' ? '1' : '4', status: 'firing', alerts: [{ status: 'firing', labels: { [`a${NUL}`]: LONE, alertname: `X${NUL}` }, annotations: {}, fingerprint: `f${NUL}` }] }));
    expect((await am('alertmanager')).status).toBe(202);
    expect((await am('grafana')).status).toBe(202);
    expect((await alertsOf(h, worlds.alertmanager!.service.id))[0]).toMatchObject({ dedup_key: 'f\uFFFD', summary: 'X\uFFFD' });

    const genie = { authorization: `GenieKey ${worlds.opsgenie!.key}` };
    expect((await raw('/v2/alerts', JSON.stringify({ message: `Down${NUL}`, alias: `a${NUL}b`, details: { [LONE]: NUL } }), genie)).status).toBe(202);
    expect((await raw('/v2/alerts/a%00b/close/?identifierType=alias', '{}', genie)).status).toBe(202);
    expect((await alertsOf(h, worlds.opsgenie!.service.id)).map((a) => [a.dedup_key, a.status])).toEqual([['a\uFFFDb', 'resolved']]);

    expect((await raw(`/ingest/generic/${worlds.generic!.key}`, JSON.stringify({ summary: `Queue ${NUL} stuck`, dedupKey: LONE, details: { x: NUL } }))).status).toBe(202);
  });

  it('JSON nested 5,000 deep gets each sender its own 400 shape', async () => {
    const body = deep(5000);
    const pd = await raw('/v2/enqueue', body);
    expect(pd.status).toBe(400);
    expect(await pd.json()).toMatchObject({ status: 'invalid event', errors: [expect.stringContaining('nested deeper than 64')] });
    const genie = await raw('/v2/alerts', body, { authorization: `GenieKey ${worlds.opsgenie!.key}` });
    expect(genie.status).toBe(422);
    expect(await genie.json()).toMatchObject({ message: expect.stringContaining('nested deeper than 64'), requestId: expect.any(String) });
    for (const k of ['alertmanager', 'grafana', 'generic'] as const) {
      const res = await raw(`/ingest/${k}/${worlds[k]!.key}`, body);
      expect(res.status, k).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'malformed_json' } });
    }
    // 64 levels is still an event.
    const ok = await raw(`/ingest/generic/${worlds.generic!.key}`, JSON.stringify({ summary: 'deep but fine', details: { a: JSON.parse('['.repeat(62) + ']'.repeat(62)) } }));
    expect(ok.status).toBe(202);
  });

  it('API bodies with NUL or a lone surrogate are a 400 naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/teams', { name: `Ops${NUL}` }, 'name'],
      ['PATCH', '/api/me', { name: `Me${LONE}` }, 'name'],
      ['POST', '/api/escalation-policies', { name: 'P', steps: [{ delayMinutes: 0, targets: [{ type: 'user', userId: `x${NUL}` }] }] }, 'steps.0.targets.0.userId'],
      ['PATCH', `/api/services/${w.serviceA.id}`, { description: 'ok', [`x${NUL}`]: 1 }, `x${NUL}`],
    ];
    for (const [method, path, json, field] of cases) {
      const res = await w.admin.request(path, { method, json });
      expect(res.status, `${method} ${path}`).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
  });

  it('API: nesting past 64 levels, and NUL in a query or path, are a 400 too', async () => {
    const deepRes = await w.admin.request('/api/teams', { method: 'POST', body: deep(5000), headers: { 'content-type': 'application/json' } });
    expect(deepRes.status).toBe(400);
    expect((await deepRes.json()).error.details.fields).toEqual([{ field: 'body', message: 'Nested deeper than 64 levels' }]);
    const query = await w.admin.request('/api/alerts?status=open%00');
    expect(query.status).toBe(400);
    expect((await query.json()).error.details.fields[0].field).toBe('query.status');
    const path = await w.admin.request('/api/services/a%00b');
    expect(path.status).toBeLessThan(500);
    expect((await w.admin.request('/api/teams')).status).toBe(200);
  });
});
