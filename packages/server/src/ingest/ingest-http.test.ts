import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';

/** Every sender format refuses bad input in its own shape and writes nothing. */
describe.each(await databaseKinds())('ingest endpoints refuse bad input on %s', (kind) => {
  let h: Harness;
  const keys: Record<string, string> = {};
  const count = async () => {
    const db = h.operable.deps.database.db;
    const [a, c] = await Promise.all([
      db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('change_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return Number(a.n) + Number(c.n);
  };
  const raw = (path: string, body: string, headers: Record<string, string> = {}) =>
    h.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    h = await createHarness(kind);
    for (const k of ['pagerduty', 'alertmanager', 'grafana', 'opsgenie', 'generic'] as const) {
      keys[k] = (await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }], integrationKind: k })).key;
    }
  });
  afterAll(() => h.close());

  const huge = 'x'.repeat(600 * 1024);

  it('PagerDuty: its own 400 body for each problem, 413 over 512 KB', async () => {
    const before = await count();
    const cases: [string, string][] = [
      ['{', 'Invalid JSON'],
      ['[]', "'event'"],
      [JSON.stringify({ routing_key: keys.pagerduty, event_action: 'trigger' }), "'payload' is missing or blank"],
      [JSON.stringify({ routing_key: keys.pagerduty, event_action: 'trigger', payload: { summary: 5, source: 'x', severity: 'info' } }), "'payload.summary'"],
      [JSON.stringify({ routing_key: keys.pagerduty, event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'fatal' } }), "'payload.severity'"],
      [JSON.stringify({ routing_key: keys.pagerduty, event_action: 'resolve' }), "'dedup_key' is required"],
      [JSON.stringify({ routing_key: 'f'.repeat(32), event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'info' } }), 'no such integration'],
      [JSON.stringify({ routing_key: keys.alertmanager, event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'info' } }), 'no such integration'],
    ];
    for (const [body, message] of cases) {
      const res = await raw('/v2/enqueue', body);
      expect(res.status, body).toBe(400);
      const json = await res.json();
      expect(json).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
      expect(json.errors.join(' '), body).toContain(message);
    }
    const big = await raw('/v2/enqueue', JSON.stringify({ routing_key: keys.pagerduty, event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'info', custom_details: { huge } } }));
    expect(big.status).toBe(413);
    expect((await raw('/v2/change/enqueue', JSON.stringify({ routing_key: keys.pagerduty, payload: {} }))).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('PagerDuty: unknown fields are ignored, as senders add them over time', async () => {
    const res = await raw('/v2/enqueue', JSON.stringify({ routing_key: keys.pagerduty, event_action: 'trigger', new_field: 1, payload: { summary: 's', source: 'x', severity: 'info', extra: true } }));
    expect(res.status).toBe(202);
  });

  it('Alertmanager and Grafana: 400 naming the field, 404 for an unknown key, 413 when huge', async () => {
    const before = await count();
    for (const k of ['alertmanager', 'grafana']) {
      const url = `/ingest/${k}/${keys[k]}`;
      const malformed = await raw(url, '{"alerts": [');
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).error.code).toBe('malformed_json');
      const wrong = await raw(url, JSON.stringify({ version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { a: 1 }, fingerprint: 'f' }] }));
      expect(wrong.status).toBe(400);
      expect((await wrong.json()).error.details.fields.map((f: { field: string }) => f.field)).toContain('alerts.0.labels.a');
      const missing = await raw(url, JSON.stringify({ version: '4', status: 'firing' }));
      expect((await missing.json()).error.details.fields[0].field).toBe('alerts');
      expect((await raw(`/ingest/${k}/${'0'.repeat(32)}`, '{}')).status).toBe(404);
      expect((await raw(url, JSON.stringify({ version: '4', status: 'firing', alerts: [], pad: huge }))).status).toBe(413);
    }
    expect(await count()).toBe(before);
  });

  it('Opsgenie: 401 without a valid GenieKey, 422 with its own error body', async () => {
    const before = await count();
    const auth = { authorization: `GenieKey ${keys.opsgenie}` };
    expect((await raw('/v2/alerts', JSON.stringify({ message: 'x' }))).status).toBe(401);
    expect((await raw('/v2/alerts', JSON.stringify({ message: 'x' }), { authorization: `GenieKey ${keys.pagerduty}` })).status).toBe(401);
    const empty = await raw('/v2/alerts', JSON.stringify({ message: '' }), auth);
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ message: expect.any(String), errors: { message: 'Message can not be empty.' }, requestId: expect.any(String) });
    const tags = await raw('/v2/alerts', JSON.stringify({ message: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), auth);
    expect(tags.status).toBe(422);
    expect((await raw('/v2/alerts', '{', auth)).status).toBe(422);
    expect((await raw('/v2/alerts/a/close?identifierType=id', '{}', auth)).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('generic: unknown keys, wrong types and missing fields are refused, a bad event refuses the whole batch', async () => {
    const before = await count();
    const url = `/ingest/generic/${keys.generic}`;
    const expectField = async (body: unknown, field: string) => {
      const res = await raw(url, JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    };
    await expectField({ summary: 's', sumary: 'typo' }, 'body');
    await expectField({ summary: 5 }, 'summary');
    await expectField({}, 'summary');
    await expectField({ summary: 's', severity: 'apocalyptic' }, 'severity');
    await expectField({ events: [{ summary: 'ok' }, { action: 'resolve' }] }, 'events.1.dedupKey');
    expect(await count()).toBe(before);
  });

  it('answers 429 with Retry-After once an integration exceeds its rate limit', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }], integrationKind: 'generic' });
    await h.operable.deps.database.db.updateTable('integrations').set({ rate_limit_per_minute: 3 }).where('key', '=', w.key).execute();
    const post = () => raw(`/ingest/generic/${w.key}`, JSON.stringify({ summary: 'x' }));
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(202);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    h.clock.advance(61_000);
    expect((await post()).status).toBe(202);
  });

  it('dedups under concurrency: parallel triggers of one key make one alert', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }], integrationKind: 'generic' });
    const results = await Promise.all(Array.from({ length: 20 }, () => raw(`/ingest/generic/${w.key}`, JSON.stringify({ summary: 'same', dedupKey: 'same' }))));
    expect(results.every((r) => r.status === 202)).toBe(true);
    const alerts = await h.operable.deps.database.db.selectFrom('alerts').select(['occurrences']).where('service_id', '=', w.service.id).execute();
    expect(alerts).toEqual([{ occurrences: 20 }]);
  });
});
