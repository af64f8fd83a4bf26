import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness } from '../test-support/harness.js';
import { checkSeries, dailyUptime, rollUpChecks, uptimeBetween } from './index.js';
import { percentile } from './state.js';

const HOUR = 3_600_000;

/** Rollups agree with the raw results they replace, survive the raw results' pruning, and are idempotent. */
describe.each(await databaseKinds())('check rollups on %s', (kind) => {
  let w: World;
  let checkId: string;
  const db = () => w.h.operable.deps.database.db;
  const log = () => w.h.operable.deps.log;
  const probes: { at: Date; ok: boolean; latency: number; maintenance: boolean }[] = [];
  const rollAll = async () => {
    for (let i = 0; i < 40; i++) if ((await rollUpChecks(db(), w.h.clock.now(), log())) === 0) break;
  };

  beforeAll(async () => {
    w = await createWorld(await createHarness(kind));
    checkId = (await w.admin.call('POST', '/api/checks', { name: 'Rolled', serviceId: w.serviceA.id, kind: 'tcp', paused: true, tcp: { host: '127.0.0.1', port: 1 } })).id;
    // 36 hours of a probe a minute, some failing, some in maintenance, latencies all over.
    const end = w.h.clock.now().getTime();
    for (let i = 0; i < 36 * 60; i++) {
      probes.push({ at: new Date(end - 36 * HOUR + i * 60_000 + 7_000), ok: i % 7 !== 0, latency: (i * 37) % 500, maintenance: i % 100 < 5 });
    }
    for (let i = 0; i < probes.length; i += 500) {
      await db()
        .insertInto('check_results')
        .values(probes.slice(i, i + 500).map((p) => ({ check_id: checkId, at: p.at, ok: p.ok, latency_ms: p.latency, message: p.ok ? 'ok' : 'refused', maintenance: p.maintenance, start_delay_ms: 0 })))
        .execute();
    }
  });
  afterAll(() => w.h.close());

  const expected = (from: number, to: number) => {
    const inside = probes.filter((p) => p.at.getTime() >= from && p.at.getTime() < to);
    const counted = inside.filter((p) => !p.maintenance);
    const passing = inside.filter((p) => p.ok).map((p) => p.latency);
    return { total: counted.length, up: counted.filter((p) => p.ok).length, p50: percentile(passing, 0.5), p95: percentile(passing, 0.95), max: passing.length ? Math.max(...passing) : null };
  };

  it('a series reads the same before and after rollup, and matches the probes bucket by bucket', async () => {
    const now = w.h.clock.now();
    const from = new Date(now.getTime() - 40 * HOUR);
    const before = (await checkSeries(db(), [checkId], 'hour', from, now)).get(checkId)!;
    await rollAll();
    const after = (await checkSeries(db(), [checkId], 'hour', from, now)).get(checkId)!;
    expect(after).toEqual(before);
    expect(after.length).toBeGreaterThanOrEqual(36);
    for (const p of after) {
      const t = new Date(p.at).getTime();
      expect({ total: p.total, up: p.up, p50: p.p50, p95: p.p95, max: p.max }).toEqual(expected(t, t + HOUR));
    }
    const minutes = (await checkSeries(db(), [checkId], 'minute', new Date(now.getTime() - HOUR), now)).get(checkId)!;
    expect(minutes).toHaveLength(60);
  });

  it('rolling up again changes nothing', async () => {
    const now = w.h.clock.now();
    const read = async () => (await checkSeries(db(), [checkId], 'day', new Date(now.getTime() - 3 * 24 * HOUR), now)).get(checkId)!;
    const once = await read();
    await rollAll();
    expect(await read()).toEqual(once);
  });

  it('raw results are pruned after 48 hours; hourly and daily rollups keep the uptime', async () => {
    const now = w.h.clock.now();
    const uptimeBefore = await uptimeBetween(db(), checkId, new Date(now.getTime() - 36 * HOUR), now);
    const daysBefore = (await dailyUptime(db(), [checkId], 90, now)).get(checkId)!;
    w.h.clock.advance(3 * 24 * HOUR);
    await rollAll();
    const left = await db().selectFrom('check_results').select((eb) => eb.fn.countAll<number>().as('n')).where('check_id', '=', checkId).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    expect(await uptimeBetween(db(), checkId, new Date(now.getTime() - 36 * HOUR), now)).toBe(uptimeBefore);
    const all = expected(0, now.getTime());
    expect(uptimeBefore).toBeCloseTo(all.up / all.total, 9);
    const days = (await dailyUptime(db(), [checkId], 90, w.h.clock.now())).get(checkId)!;
    expect(days).toHaveLength(90);
    expect(days.at(-1)!.total).toBe(0);
    // The same days, three days later, read from rollups alone.
    const byDay = new Map(days.map((d) => [d.day, d]));
    for (const d of daysBefore.filter((x) => x.total > 0)) expect(byDay.get(d.day)).toEqual(d);
  });
});
