import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetRemaining,
  budgetSeries,
  burnRate,
  burnTiers,
  countsOver,
  DAY,
  errorRatio,
  evaluateTiers,
  HOUR,
  lookbacks,
  MINUTE,
  reaches,
  severityState,
  type Bucket,
  type Counts,
} from './burn.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** The reference model: one array slot per minute, windows summed slot by slot. */
function perMinute(buckets: Bucket[], origin: number, minutes: number): Counts[] {
  const slots: Counts[] = Array.from({ length: minutes }, () => ({ good: 0, total: 0 }));
  for (const b of buckets) {
    const i = (b.start - origin) / MINUTE;
    slots[i]!.good += b.good;
    slots[i]!.total += b.total;
  }
  return slots;
}
function bruteSum(slots: Counts[], origin: number, from: number, to: number): Counts {
  const sum = { good: 0, total: 0 };
  slots.forEach((s, i) => {
    const at = origin + i * MINUTE;
    if (at >= from && at < to) {
      sum.good += s.good;
      sum.total += s.total;
    }
  });
  return sum;
}

/** Integer counts keep the reference and the prefix sums exactly equal. */
const bucketsArb = (minutes: number) =>
  fc
    .uniqueArray(
      fc.record({ minute: fc.integer({ min: 0, max: minutes - 1 }), total: fc.integer({ min: 0, max: 1000 }), badShare: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { selector: (r) => r.minute, maxLength: 300 },
    )
    .map((rows) => rows.map((r): Bucket => ({ start: T0 + r.minute * MINUTE, total: r.total, good: r.total - Math.round(r.total * r.badShare) })));
const objectiveArb = fc.constantFrom(0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999);

describe('hand-worked examples', () => {
  it('scales the 30-day factors 14.4, 6 and 1 to other windows by budget% × W×24 / long hours', () => {
    const f = (w: number) => burnTiers(w).map((t) => Number(t.factor.toFixed(6)));
    expect(f(30)).toEqual([14.4, 6, 1]);
    expect(f(28)).toEqual([13.44, 5.6, 0.933333]);
    expect(f(7)).toEqual([3.36, 1.4, 0.233333]);
    expect(burnTiers(30).map((t) => [t.severity, t.longMs / MINUTE, t.shortMs / MINUTE])).toEqual([
      ['page', 60, 5],
      ['page', 360, 30],
      ['ticket', 4320, 360],
    ]);
  });

  it('each tier spends its share of the budget (2 %, 5 %, 10 %) in its long window at its factor', () => {
    for (const w of [7, 28, 30]) {
      for (const t of burnTiers(w)) expect((t.factor * t.longMs) / (w * DAY)).toBeCloseTo(t.budgetShare, 12);
    }
  });

  it('99.9 %: 2 bad in 1,000 burns at 2× and leaves −1 of the budget; 1 bad in 1,000 is exactly the budget', () => {
    expect(errorRatio({ good: 998, total: 1000 })).toBeCloseTo(0.002, 12);
    expect(burnRate({ good: 998, total: 1000 }, 0.999)).toBeCloseTo(2, 9);
    expect(budgetRemaining({ good: 998, total: 1000 }, 0.999)).toBeCloseTo(-1, 9);
    expect(budgetRemaining({ good: 999, total: 1000 }, 0.999)).toBeCloseTo(0, 9);
    expect(budgetRemaining({ good: 1000, total: 1000 }, 0.999)).toBe(1);
    // 1× measured in floating point is a hair under 1, and still reaches a factor of 1.
    expect(burnRate({ good: 999, total: 1000 }, 0.999)).toBeLessThan(1);
    expect(reaches(burnRate({ good: 999, total: 1000 }, 0.999)!, 1)).toBe(true);
    expect(reaches(0.99, 1)).toBe(false);
  });

  it('no traffic is no data: never zero errors, never NaN', () => {
    expect(errorRatio({ good: 0, total: 0 })).toBeNull();
    expect(burnRate({ good: 0, total: 0 }, 0.99)).toBeNull();
    expect(budgetRemaining({ good: 0, total: 0 }, 0.99)).toBeNull();
    const results = evaluateTiers(() => ({ good: 0, total: 0 }), 0.999, 30);
    expect(results.map((r) => r.state)).toEqual(['no_data', 'no_data', 'no_data']);
    expect(severityState(results, 'page')).toBe('no_data');
  });

  it('a short window without traffic keeps the tier at no data even when the long window burns', () => {
    const counts = (ms: number) => (ms <= 5 * MINUTE ? { good: 0, total: 0 } : { good: 0, total: 100 });
    const [fast] = evaluateTiers(counts, 0.999, 30);
    expect(fast).toMatchObject({ state: 'no_data', shortRate: null });
    expect(fast!.longRate).toBeCloseTo(1000, 6);
  });

  it('a 20× burn fires both page tiers and the ticket tier; 1× fires only the ticket tier', () => {
    const at = (rate: number) => () => ({ good: 1000 - rate, total: 1000 });
    expect(evaluateTiers(at(20), 0.999, 30).map((r) => r.state)).toEqual(['firing', 'firing', 'firing']);
    const slow = evaluateTiers(at(1), 0.999, 30);
    expect(slow.map((r) => r.state)).toEqual(['ok', 'ok', 'firing']);
    expect(severityState(slow, 'page')).toBe('ok');
    expect(severityState(slow, 'ticket')).toBe('firing');
  });

  it('needs both windows: a burst that has passed (long high, short calm) does not fire', () => {
    const counts = (ms: number) => (ms === HOUR ? { good: 800, total: 1000 } : { good: 1000, total: 1000 });
    expect(evaluateTiers(counts, 0.999, 30)[0]!.state).toBe('ok');
  });

  it('counts buckets in [now − L, now): the bucket starting at now is not yet in, the one at now − 5 min is', () => {
    const buckets = [0, 1, 5, 6].map((m) => ({ start: T0 + m * MINUTE, good: 1, total: 1 }));
    const sums = countsOver(buckets, T0 + 6 * MINUTE, [5 * MINUTE]);
    expect(sums.get(5 * MINUTE)).toEqual({ good: 2, total: 2 });
  });

  it('lists every look-back once, shortest first', () => {
    expect(lookbacks(30).map((ms) => ms / MINUTE)).toEqual([5, 30, 60, 360, 4320, 43200]);
    expect(lookbacks(7).at(-1)).toBe(7 * DAY);
  });

  it('draws the budget remaining over the rolling window, null before the first traffic', () => {
    const buckets = [
      { start: T0 + 2 * HOUR, good: 99, total: 100 },
      { start: T0 + 3 * HOUR, good: 100, total: 100 },
    ];
    const points = budgetSeries(buckets, 0.99, 2 * HOUR, T0, T0 + 6 * HOUR, HOUR);
    expect(points.map((p) => p.remaining === null ? null : Number(p.remaining.toFixed(9)))).toEqual([null, null, null, 0, 0.5, 1, null]);
  });
});

describe('properties against the per-minute reference model', () => {
  const MINUTES = 3 * 24 * 60;

  it('sums every look-back exactly as the minute-by-minute reference does', () => {
    fc.assert(
      fc.property(bucketsArb(MINUTES), fc.integer({ min: 0, max: MINUTES + 10 }), (buckets, nowMinute) => {
        const now = T0 + nowMinute * MINUTE + 17_000; // mid-minute, as the engine's clock usually is
        const slots = perMinute(buckets, T0, MINUTES);
        const sums = countsOver(buckets, now, lookbacks(30));
        for (const ms of lookbacks(30)) expect(sums.get(ms)).toEqual(bruteSum(slots, T0, now - ms, now));
      }),
      { numRuns: 150 },
    );
  });

  it('a tier fires exactly when both reference windows burn at least its factor, and no window without traffic ever fires', () => {
    fc.assert(
      fc.property(bucketsArb(MINUTES), objectiveArb, fc.constantFrom(7, 28, 30), (buckets, objective, windowDays) => {
        const now = T0 + MINUTES * MINUTE;
        const slots = perMinute(buckets, T0, MINUTES);
        const sums = countsOver(buckets, now, lookbacks(windowDays));
        const results = evaluateTiers((ms) => sums.get(ms)!, objective, windowDays);
        for (const r of results) {
          const long = bruteSum(slots, T0, now - r.longMs, now);
          const short = bruteSum(slots, T0, now - r.shortMs, now);
          if (long.total === 0 || short.total === 0) {
            expect(r.state).toBe('no_data');
            continue;
          }
          // Reference rule in counts, not ratios: bad ≥ factor × (1 − objective) × total.
          const burns = (c: Counts) => c.total - c.good >= r.factor * (1 - objective) * c.total * (1 - 1e-9);
          expect(r.state).toBe(burns(long) && burns(short) ? 'firing' : 'ok');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('scaling every count by the same factor changes no state and no rate', () => {
    fc.assert(
      fc.property(bucketsArb(MINUTES), objectiveArb, fc.integer({ min: 2, max: 50 }), (buckets, objective, k) => {
        const now = T0 + MINUTES * MINUTE;
        const eval_ = (bs: Bucket[]) => {
          const sums = countsOver(bs, now, lookbacks(30));
          return evaluateTiers((ms) => sums.get(ms)!, objective, 30);
        };
        const a = eval_(buckets);
        const b = eval_(buckets.map((x) => ({ ...x, good: x.good * k, total: x.total * k })));
        expect(b.map((r) => r.state)).toEqual(a.map((r) => r.state));
        b.forEach((r, i) => {
          if (a[i]!.longRate === null) expect(r.longRate).toBeNull();
          else expect(r.longRate!).toBeCloseTo(a[i]!.longRate!, 6);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('more bad events never calm a firing tier; more good events never make a calm one fire', () => {
    fc.assert(
      fc.property(bucketsArb(MINUTES), objectiveArb, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 4 }), (buckets, objective, extra, minutesBack) => {
        const now = T0 + MINUTES * MINUTE;
        const states = (bs: Bucket[]) => {
          const sums = countsOver(bs, now, lookbacks(30));
          return evaluateTiers((ms) => sums.get(ms)!, objective, 30).map((r) => r.state);
        };
        const start = now - (minutesBack + 1) * MINUTE;
        const before = states(buckets);
        const worse = states([...buckets.filter((b) => b.start !== start), { start, good: 0, total: extra + (buckets.find((b) => b.start === start)?.total ?? 0) }]);
        const better = states([...buckets, { start: start + 1, good: extra, total: extra }]);
        before.forEach((s, i) => {
          if (s === 'firing') expect(worse[i]).toBe('firing');
          if (s === 'ok') expect(better[i]).toBe('ok');
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a steady burn at rate r fires exactly the tiers whose factor r reaches', () => {
    fc.assert(
      fc.property(objectiveArb, fc.constantFrom(7, 28, 30), fc.integer({ min: 0, max: 3000 }), (objective, windowDays, permille) => {
        const rate = permille / 100; // 0× … 30×
        const total = 1e6;
        // No burn can pass 1 / (1 − objective): everything failing.
        const effective = Math.min(rate, 1 / (1 - objective));
        const bad = effective * (1 - objective) * total;
        const results = evaluateTiers(() => ({ good: total - bad, total }), objective, windowDays);
        for (const r of results) {
          expect(r.state).toBe(reaches(effective, r.factor) ? 'firing' : 'ok');
        }
      }),
    );
  });

  it('the budget series matches the window summed minute by minute at every point', () => {
    fc.assert(
      fc.property(bucketsArb(MINUTES), objectiveArb, fc.integer({ min: 1, max: 48 }), (buckets, objective, windowHours) => {
        const slots = perMinute(buckets, T0, MINUTES);
        const points = budgetSeries(buckets, objective, windowHours * HOUR, T0, T0 + MINUTES * MINUTE, 6 * HOUR);
        for (const p of points) {
          const c = bruteSum(slots, T0, p.at - windowHours * HOUR, p.at);
          if (c.total === 0) expect(p.remaining).toBeNull();
          else expect(p.remaining!).toBeCloseTo(1 - (c.total - c.good) / c.total / (1 - objective), 6);
        }
      }),
      { numRuns: 100 },
    );
  });
});
