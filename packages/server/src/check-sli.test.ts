import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRunBuckets } from './check-sli.js';
import { CheckRunner, type RunnerEnv } from './checks/index.js';
import { evaluateDueSlos } from './health/index.js';
import { createWorld, type World } from './test-support/actors.js';
import { startHttpTarget, type HttpTarget } from './test-support/check-servers.js';
import { databaseKinds } from './test-support/databases.js';
import { createHarness } from './test-support/harness.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-02T10:00:00Z');

describe('check runs as SLI buckets', () => {
  const runs = [
    { at: T0 + 5_000, ok: true, latencyMs: 80 },
    { at: T0 + 25_000, ok: true, latencyMs: 250 },
    { at: T0 + 45_000, ok: false, latencyMs: null },
    // nothing in the minute from T0 + 1 min: no data, not a good or bad minute
    { at: T0 + 2 * MINUTE + 1_000, ok: true, latencyMs: 200 },
  ];
  it('availability: a passing run is good, a failing one bad, per minute', () => {
    expect(checkRunBuckets(runs, { kind: 'availability', latencyThresholdMs: null })).toEqual([
      { start: T0, good: 2, total: 3 },
      { start: T0 + 2 * MINUTE, good: 1, total: 1 },
    ]);
  });
  it('latency: good only when it passed within the threshold (the threshold itself counts as fast)', () => {
    expect(checkRunBuckets(runs, { kind: 'latency', latencyThresholdMs: 200 })).toEqual([
      { start: T0, good: 1, total: 3 },
      { start: T0 + 2 * MINUTE, good: 1, total: 1 },
    ]);
  });
  it('no runs, no buckets', () => {
    expect(checkRunBuckets([], { kind: 'availability', latencyThresholdMs: null })).toEqual([]);
  });
});

/** A synthetic check feeds an SLO through the real runner and the SLO evaluation, on the injected clock. */
describe.each(await databaseKinds())('a synthetic check as an SLO source on %s', (kind) => {
  let w: World;
  let t: HttpTarget;
  let env: RunnerEnv;
  let runner: CheckRunner;
  const step = async (ms: number) => {
    w.h.clock.advance(ms);
    await runner.tick(env);
    await runner.idle();
    await evaluateDueSlos(env);
  };

  beforeAll(async () => {
    w = await createWorld(await createHarness(kind));
    t = await startHttpTarget();
    const sys = w.h.operable.systemCtx();
    env = { database: w.h.operable.deps.database, clock: w.h.clock, log: sys.log, settings: sys.settings };
    runner = new CheckRunner({ owner: 'slo-test' });
  });
  afterAll(async () => {
    await t.close();
    await w.h.close();
  });

  it('counts passing runs as good and failing runs as bad; a slow check fails its latency SLO', async () => {
    const check = await w.responder.call('POST', '/api/checks', { name: 'Checkout', serviceId: w.serviceA.id, kind: 'http', intervalSeconds: 20, retries: 5, http: { url: `${t.url}/health` } });
    const slow = await w.responder.call('POST', '/api/checks', { name: 'Slow page', serviceId: w.serviceA.id, kind: 'http', intervalSeconds: 20, retries: 5, http: { url: `${t.url}/slow?ms=300` } });
    const availability = await w.responder.call('POST', '/api/slos', { serviceId: w.serviceA.id, name: 'Checkout up', kind: 'availability', objective: 0.99, windowDays: 7, alerting: false, source: { type: 'check', checkId: check.id } }, 201);
    const latency = await w.responder.call('POST', '/api/slos', { serviceId: w.serviceA.id, name: 'Slow page fast', kind: 'latency', latencyThresholdMs: 100, objective: 0.9, windowDays: 7, alerting: false, source: { type: 'check', checkId: slow.id } }, 201);
    for (let i = 0; i < 9; i++) {
      if (i === 3) t.healthy = false;
      if (i === 5) t.healthy = true;
      await step(20_000);
    }
    await step(MINUTE);
    const checkResults = await w.viewer.call('GET', `/api/checks/${check.id}/results?limit=100`);
    const passed = checkResults.items.filter((r: { ok: boolean }) => r.ok).length;
    const a = await w.viewer.call('GET', `/api/slos/${availability.id}`);
    const l = await w.viewer.call('GET', `/api/slos/${latency.id}`);
    expect(checkResults.items.length).toBeGreaterThanOrEqual(8);
    expect(passed).toBeLessThan(checkResults.items.length);
    // Every run that ended before the last whole minute is counted, each once.
    const db = w.h.operable.deps.database.db;
    const buckets = await db.selectFrom('slo_buckets').select(['slo_id', 'good', 'total']).where('slo_id', 'in', [availability.id, latency.id]).execute();
    const sum = (id: string) => buckets.filter((b) => b.slo_id === id).reduce((s, b) => ({ good: s.good + Number(b.good), total: s.total + Number(b.total) }), { good: 0, total: 0 });
    const counted = checkResults.items.filter((r: { at: string }) => Date.parse(r.at) < Math.floor(w.h.clock.now().getTime() / MINUTE) * MINUTE);
    expect(sum(availability.id)).toEqual({ good: counted.filter((r: { ok: boolean }) => r.ok).length, total: counted.length });
    expect(sum(latency.id).good).toBe(0);
    expect(sum(latency.id).total).toBeGreaterThanOrEqual(6);
    // The views read the same buckets: the failing runs spent budget, the slow check has no good event.
    expect(a.status).toMatchObject({ good: sum(availability.id).good, total: sum(availability.id).total });
    expect(a.status.sli).toBeLessThan(1);
    expect(l.status).toMatchObject({ good: 0, sli: 0 });
  });

  it('refuses a check of another service, naming the field', async () => {
    const other = await w.admin.call('POST', '/api/checks', { name: 'Other', serviceId: w.serviceB.id, kind: 'tcp', paused: true, tcp: { host: '127.0.0.1', port: 1 } });
    const res = await w.admin.request('/api/slos', { method: 'POST', json: { serviceId: w.serviceA.id, name: 'Wrong', kind: 'availability', objective: 0.99, windowDays: 7, source: { type: 'check', checkId: other.id } } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('"field":"source.checkId"');
  });
});
