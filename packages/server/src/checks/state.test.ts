import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyResult, bucketStart, firstRunAt, nextRunAt, percentile, pushRecent, RECENT_POINTS, RETRY_INTERVAL_MS, uptimeOf, type CheckState } from './state.js';

const run = (results: boolean[], retries: number, maintenance: (i: number) => boolean = () => false) => {
  let s: CheckState = { state: 'pending', failures: 0 };
  const transitions: string[] = [];
  results.forEach((ok, i) => {
    const next = applyResult(s, ok, retries, maintenance(i));
    if (next.transition) transitions.push(next.transition);
    s = { state: next.state, failures: next.failures };
  });
  return { s, transitions };
};

describe('a check’s state after each probe', () => {
  it('goes down after more than `retries` failures in a row, and back up on the next success', () => {
    expect(run([false], 0).transitions).toEqual(['down']);
    expect(run([false, false], 2).s).toEqual({ state: 'pending', failures: 2 });
    expect(run([true, false, false, false], 2).transitions).toEqual(['down']);
    expect(run([true, false, false, true, false, false], 2).transitions).toEqual([]);
    expect(run([false, false, false, true], 2).transitions).toEqual(['down', 'recovered']);
  });

  it('never declares down during maintenance, and does at the first failure after it', () => {
    const during = (i: number) => i < 5;
    expect(run([false, false, false, false, false], 1, during)).toEqual({ s: { state: 'pending', failures: 5 }, transitions: [] });
    expect(run([false, false, false, false, false, false], 1, during).transitions).toEqual(['down']);
  });

  it('property: down and recovered alternate, starting with down', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), fc.integer({ min: 0, max: 10 }), fc.array(fc.boolean(), { maxLength: 200 }), (results, retries, maint) => {
        const { transitions } = run(results, retries, (i) => maint[i] ?? false);
        transitions.forEach((t, i) => expect(t).toBe(i % 2 === 0 ? 'down' : 'recovered'));
      }),
    );
  });

  it('property: down exactly when the last run of failures outside maintenance exceeds retries', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 100 }), fc.integer({ min: 0, max: 5 }), (results, retries) => {
        const { s } = run(results, retries);
        const lastOk = results.lastIndexOf(true);
        const streak = results.length - 1 - lastOk;
        expect(s.failures).toBe(streak);
        expect(s.state === 'down').toBe(streak > retries);
        if (streak === 0) expect(s.state).toBe('up');
      }),
    );
  });
});

describe('scheduling', () => {
  const t0 = new Date('2026-03-03T10:00:00Z');

  it('keeps slots on the check’s grid and skips the ones missed', () => {
    expect(nextRunAt(t0, 60_000, new Date(t0.getTime() + 800), false).toISOString()).toBe('2026-03-03T10:01:00.000Z');
    expect(nextRunAt(t0, 60_000, new Date(t0.getTime() + 185_000), false).toISOString()).toBe('2026-03-03T10:04:00.000Z');
  });

  it('retries a failing check sooner, never later than its interval', () => {
    expect(nextRunAt(t0, 3_600_000, t0, true).getTime() - t0.getTime()).toBe(RETRY_INTERVAL_MS);
    expect(nextRunAt(t0, 20_000, t0, true).getTime() - t0.getTime()).toBe(20_000);
  });

  it('property: the next slot is in the future, within one interval, on the grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 86_400 }), fc.integer({ min: 0, max: 10 * 86_400_000 }), (seconds, late) => {
        const interval = seconds * 1000;
        const now = new Date(t0.getTime() + late);
        const next = nextRunAt(t0, interval, now, false).getTime();
        expect(next).toBeGreaterThan(now.getTime());
        expect(next - now.getTime()).toBeLessThanOrEqual(interval);
        expect((next - t0.getTime()) % interval).toBe(0);
      }),
    );
  });

  it('property: a first slot falls within the interval (at most a minute) from now', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 20, max: 86_400 }), (id, seconds) => {
        const d = firstRunAt(id, seconds * 1000, t0).getTime() - t0.getTime();
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(seconds * 1000, 60_000));
      }),
    );
  });
});

describe('rollup arithmetic', () => {
  it('uptime is null without probes, not 100 %', () => {
    expect(uptimeOf([])).toBeNull();
    expect(uptimeOf([{ total: 0, up: 0 }])).toBeNull();
    expect(uptimeOf([{ total: 3, up: 2 }, { total: 1, up: 1 }])).toBe(0.75);
  });

  it('property: uptime of buckets equals uptime of their union, and lies in [0, 1]', () => {
    const bucket = fc.integer({ min: 0, max: 1000 }).chain((total) => fc.record({ total: fc.constant(total), up: fc.integer({ min: 0, max: total }) }));
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 50 }), fc.array(bucket, { maxLength: 50 }), (a, b) => {
        const all = uptimeOf([...a, ...b]);
        const merged = uptimeOf([{ total: a.reduce((n, x) => n + x.total, 0) + b.reduce((n, x) => n + x.total, 0), up: a.reduce((n, x) => n + x.up, 0) + b.reduce((n, x) => n + x.up, 0) }]);
        expect(all).toBe(merged);
        if (all !== null) expect(all >= 0 && all <= 1).toBe(true);
      }),
    );
  });

  it('property: nearest-rank percentiles are values of the set, ordered p50 <= p95 <= max', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 300 }), (values) => {
        const p50 = percentile(values, 0.5)!;
        const p95 = percentile(values, 0.95)!;
        expect(values).toContain(p50);
        expect(values).toContain(p95);
        expect(p50).toBeLessThanOrEqual(p95);
        expect(p95).toBeLessThanOrEqual(Math.max(...values));
        expect(values.filter((v) => v <= p95).length / values.length).toBeGreaterThanOrEqual(0.95);
      }),
    );
  });

  it('property: a bucket starts at or before the instant, less than one bucket before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom('minute' as const, 'hour' as const, 'day' as const), (ms, res) => {
        const start = bucketStart(new Date(ms), res).getTime();
        expect(start).toBeLessThanOrEqual(ms);
        expect(ms - start).toBeLessThan({ minute: 60_000, hour: 3_600_000, day: 86_400_000 }[res]);
      }),
    );
  });

  it('the sparkline keeps the last points, -1 for failures', () => {
    let recent: number[] = [];
    for (let i = 0; i < RECENT_POINTS + 5; i++) recent = pushRecent(recent, i % 2 === 0, i);
    expect(recent).toHaveLength(RECENT_POINTS);
    expect(recent.at(-1)).toBe(RECENT_POINTS + 4);
    expect(recent.at(-2)).toBe(-1);
  });
});
