import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/actors.js';
import { databaseKinds } from '../../test-support/databases.js';
import { createHarness, type Harness } from '../../test-support/harness.js';
import { countsOver, DAY, lookbacks, MINUTE } from './burn.js';
import { upsertBuckets, windowSums } from './repository.js';

const KINDS = await databaseKinds();

const sloBody = (serviceId: string, over: Record<string, unknown> = {}) => ({
  serviceId,
  name: 'Checkout availability',
  kind: 'availability',
  objective: 0.999,
  windowDays: 30,
  source: { type: 'push' },
  ...over,
});

describe.each(KINDS)('SLO definitions and pushed counts on %s', (kind) => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const minute = (back: number) => new Date(Math.floor(h.clock.now().getTime() / MINUTE) * MINUTE - back * MINUTE).toISOString();

  it('creates a push SLO with no data yet, then judges pushed minutes: budget, burn rate, tiers', async () => {
    const slo = await w.responder.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'Budget maths' }));
    expect(slo).toMatchObject({ serviceName: w.serviceA.name, teamId: w.teamA.id, kind: 'availability', objective: 0.999, windowDays: 30, alerting: true });
    expect(slo.status).toMatchObject({ total: 0, sli: null, budgetRemaining: null, burnRate: null, page: 'no_data', ticket: 'no_data' });
    expect(slo.series.every((p: { budgetRemaining: number | null }) => p.budgetRemaining === null)).toBe(true);

    // 10 minutes of 1,000 requests, 2 failing each: a 2× burn.
    const buckets = Array.from({ length: 10 }, (_, i) => ({ start: minute(i + 1), good: 998, total: 1000 }));
    expect(await w.responder.call('POST', `/api/slos/${slo.id}/events`, { buckets }, 200)).toEqual({ stored: 10 });
    const got = await w.viewer.call('GET', `/api/slos/${slo.id}`);
    expect(got.status.total).toBe(10_000);
    expect(got.status.burnRate).toBeCloseTo(2, 9);
    expect(got.status.budgetRemaining).toBeCloseTo(-1, 9);
    expect(got.status.tiers.map((t: { state: string }) => t.state)).toEqual(['ok', 'ok', 'firing']);
    expect(got.status.tiers[0]).toMatchObject({ longWindowMinutes: 60, shortWindowMinutes: 5, factor: 14.4 });
  });

  it('is idempotent by bucket: sending a minute again replaces it instead of adding', async () => {
    const slo = await w.admin.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'Idempotent' }));
    const start = minute(3);
    await w.responder.call('POST', `/api/slos/${slo.id}/events`, { buckets: [{ start, good: 90, total: 100 }] }, 200);
    await w.responder.call('POST', `/api/slos/${slo.id}/events`, { buckets: [{ start, good: 90, total: 100 }] }, 200);
    expect((await w.viewer.call('GET', `/api/slos/${slo.id}`)).status).toMatchObject({ good: 90, total: 100 });
    await w.responder.call('POST', `/api/slos/${slo.id}/events`, { buckets: [{ start, good: 100, total: 100 }, { start: minute(4), good: 5, total: 5 }] }, 200);
    expect((await w.viewer.call('GET', `/api/slos/${slo.id}`)).status).toMatchObject({ good: 105, total: 105 });
  });

  it('refuses buckets that are not whole minutes, in the future, too old, or with good above total, naming each', async () => {
    const slo = await w.admin.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'Refusals' }));
    const res = await w.responder.request(`/api/slos/${slo.id}/events`, {
      method: 'POST',
      json: {
        buckets: [
          { start: '2026-03-03T09:00:30Z', good: 1, total: 1 },
          { start: minute(-5), good: 1, total: 1 },
          { start: minute(60 * 24 * 40), good: 1, total: 1 },
          { start: minute(1), good: 2, total: 1 },
        ],
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: { field: string }[] } } };
    expect(body.error.details.fields.map((f) => f.field)).toEqual(['buckets.0.start', 'buckets.1.start', 'buckets.2.start', 'buckets.3.good']);
    expect((await w.viewer.call('GET', `/api/slos/${slo.id}`)).status.total).toBe(0);
  });

  it('scopes changes to the teams owning the service, and audits definitions', async () => {
    const slo = await w.admin.call('POST', '/api/slos', sloBody(w.serviceB.id, { name: 'Team B' }));
    expect((await w.responder.request('/api/slos', { method: 'POST', json: sloBody(w.serviceB.id, { name: 'x' }) })).status).toBe(403);
    expect((await w.responder.request(`/api/slos/${slo.id}/events`, { method: 'POST', json: { buckets: [{ start: minute(1), good: 1, total: 1 }] } })).status).toBe(403);
    expect((await w.viewer.request(`/api/slos/${slo.id}`, { method: 'DELETE' })).status).toBe(403);
    const updated = await w.admin.call('PUT', `/api/slos/${slo.id}`, sloBody(w.serviceB.id, { name: 'Team B', objective: 0.99, windowDays: 7 }));
    expect(updated).toMatchObject({ objective: 0.99, windowDays: 7 });
    expect((await w.admin.request(`/api/slos/${slo.id}`, { method: 'DELETE' })).status).toBe(204);
    const audit = await w.admin.call('GET', '/api/audit?limit=3');
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['slo.delete', 'slo.update', 'slo.create']);
    expect((await w.viewer.request(`/api/slos/${slo.id}`)).status).toBe(404);
  });

  it('drops stored counts when the source changes, keeps them when only the objective does', async () => {
    const slo = await w.admin.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'Source change' }));
    await w.admin.call('POST', `/api/slos/${slo.id}/events`, { buckets: [{ start: minute(1), good: 9, total: 10 }] }, 200);
    await w.admin.call('PUT', `/api/slos/${slo.id}`, sloBody(w.serviceA.id, { name: 'Source change', objective: 0.95 }));
    expect((await w.viewer.call('GET', `/api/slos/${slo.id}`)).status.total).toBe(10);
    const heartbeat = await w.admin.call('POST', `/api/services/${w.serviceA.id}/integrations`, { name: 'cron', kind: 'heartbeat', heartbeatIntervalMinutes: 5 });
    const moved = await w.admin.call('PUT', `/api/slos/${slo.id}`, sloBody(w.serviceA.id, { name: 'Source change', source: { type: 'heartbeat', integrationId: heartbeat.id } }));
    expect(moved.status.total).toBe(0);
    // Pushing to a pulled SLO is refused.
    const res = await w.admin.request(`/api/slos/${slo.id}/events`, { method: 'POST', json: { buckets: [{ start: minute(1), good: 1, total: 1 }] } });
    expect(res.status).toBe(400);
  });

  it('checks what the schema cannot: latency thresholds, heartbeat integrations, names, internal Prometheus addresses', async () => {
    const fields = async (body: unknown, status = 400) => {
      const res = await w.admin.request('/api/slos', { method: 'POST', json: body });
      expect(res.status).toBe(status);
      return ((await res.json()) as { error: { details?: { fields?: { field: string }[] } } }).error.details?.fields?.map((f) => f.field);
    };
    expect(await fields(sloBody(w.serviceA.id, { name: 'L', kind: 'latency' }))).toEqual(['latencyThresholdMs']);
    expect(await fields(sloBody(w.serviceA.id, { name: 'L', latencyThresholdMs: 300 }))).toEqual(['latencyThresholdMs']);
    const pd = await w.admin.call('POST', `/api/services/${w.serviceA.id}/integrations`, { name: 'pd', kind: 'pagerduty' });
    expect(await fields(sloBody(w.serviceA.id, { name: 'H', source: { type: 'heartbeat', integrationId: pd.id } }))).toEqual(['source.integrationId']);
    expect(await fields(sloBody(w.serviceA.id, { name: 'C', source: { type: 'check', checkId: pd.id } }))).toEqual(['source.checkId']); // not a check at all, let alone this service's
    const prom = { type: 'prometheus', url: 'http://10.1.2.3:9090', good: 'sum(up)', total: 'count(up)' };
    expect(await fields(sloBody(w.serviceA.id, { name: 'P', source: prom }))).toEqual(['source.url']);
    await w.admin.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'Twice' }));
    expect(await fields(sloBody(w.serviceA.id, { name: 'twice' }), 409)).toEqual(['name']);
    // The harness allows 127.0.0.1, as an admin's OPERABLE_OUTBOUND_ALLOW would.
    await w.admin.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'Local Prometheus', source: { ...prom, url: 'http://127.0.0.1:9090' } }));
  });

  it('lists per service and per team', async () => {
    const all = await w.viewer.call('GET', `/api/slos?serviceId=${w.serviceA.id}`);
    expect(all.items.length).toBeGreaterThan(3);
    expect(all.items.every((s: { serviceId: string }) => s.serviceId === w.serviceA.id)).toBe(true);
    expect((await w.viewer.call('GET', `/api/slos?teamId=${w.teamB.id}`)).items).toEqual([]);
  });

  it('sums windows in SQL exactly as the pure countsOver does', async () => {
    const slo = await w.admin.call('POST', '/api/slos', sloBody(w.serviceA.id, { name: 'SQL sums' }));
    const db = h.operable.deps.database.db;
    const now = h.clock.now();
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ back: fc.integer({ min: 0, max: 4 * 24 * 60 }), total: fc.integer({ min: 0, max: 500 }), bad: fc.integer({ min: 0, max: 500 }) }), { selector: (r) => r.back, maxLength: 60 }),
        async (rows) => {
          await db.deleteFrom('slo_buckets').where('slo_id', '=', slo.id).execute();
          const base = Math.floor(now.getTime() / MINUTE) * MINUTE;
          const buckets = rows.map((r) => ({ start: base - r.back * MINUTE, total: r.total, good: Math.max(0, r.total - r.bad) }));
          await upsertBuckets(db, slo.id, buckets);
          const want = countsOver(buckets, now.getTime(), lookbacks(30));
          const got = await windowSums(db, slo.id, now, lookbacks(30));
          for (const ms of lookbacks(30)) expect(got.get(ms), `${ms / DAY} days`).toEqual(want.get(ms));
        },
      ),
      { numRuns: 15 },
    );
  });
});
