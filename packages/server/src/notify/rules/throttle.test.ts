import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import { DEFAULT_LIMITS, type ThrottleLimit, throttleDecision } from './throttle.js';

const MINUTE = 60_000;
const NOW = new Date('2026-03-03T03:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);
const VOICE = DEFAULT_LIMITS.voice;

describe('throttle defaults', () => {
  it('keep interrupting channels tight and chat loose', () => {
    expect(DEFAULT_LIMITS).toEqual({
      voice: { max: 3, perMinutes: 15 },
      sms: { max: 6, perMinutes: 15 },
      push: { max: 10, perMinutes: 15 },
      ntfy: { max: 10, perMinutes: 15 },
      email: { max: 20, perMinutes: 15 },
      slack: { max: 60, perMinutes: 15 },
      teams: { max: 60, perMinutes: 15 },
      webhook: { max: 60, perMinutes: 15 },
    });
  });
});

describe('throttleDecision', () => {
  it('allows the first call', () => {
    expect(throttleDecision([], NOW, VOICE)).toEqual({ allowed: true });
  });

  it('allows up to the limit within the window', () => {
    expect(throttleDecision([ago(10), ago(5)], NOW, VOICE)).toEqual({ allowed: true });
  });

  it('refuses the fourth call in 15 minutes until the oldest leaves the window', () => {
    expect(throttleDecision([ago(10), ago(5), ago(1)], NOW, VOICE)).toEqual({ allowed: false, retryAt: ago(-5) });
  });

  it('forgets a send exactly one window old', () => {
    expect(throttleDecision([ago(15), ago(5), ago(1)], NOW, VOICE)).toEqual({ allowed: true });
    expect(throttleDecision([ago(14.999), ago(5), ago(1)], NOW, VOICE)).toEqual({ allowed: false, retryAt: new Date(NOW.getTime() + 60) });
  });

  it('ignores older history and accepts it in any order', () => {
    expect(throttleDecision([ago(1), ago(200), ago(10), ago(40), ago(5)], NOW, VOICE)).toEqual({ allowed: false, retryAt: ago(-5) });
  });

  it('waits for enough sends to leave when history already exceeds the limit (e.g. after lowering it)', () => {
    const sent = [ago(14), ago(12), ago(10), ago(8), ago(2)];
    expect(throttleDecision(sent, NOW, VOICE)).toEqual({ allowed: false, retryAt: ago(-5) }); // 10 min ago + 15
  });

  it('counts sends stamped ahead of now (clock skew between processes)', () => {
    expect(throttleDecision([ago(-1), ago(5), ago(1)], NOW, VOICE)).toEqual({ allowed: false, retryAt: ago(-10) });
  });

  it('applies per-method limits', () => {
    const sixSms = [1, 2, 3, 4, 5, 6].map(ago);
    expect(throttleDecision(sixSms, NOW, DEFAULT_LIMITS.sms).allowed).toBe(false);
    expect(throttleDecision(sixSms, NOW, DEFAULT_LIMITS.email).allowed).toBe(true);
  });

  it('rejects a nonsensical limit, naming the field', () => {
    for (const [limit, field] of [
      [{ max: 0, perMinutes: 15 }, 'max'],
      [{ max: 1.5, perMinutes: 15 }, 'max'],
      [{ max: 3, perMinutes: 0 }, 'perMinutes'],
      [{ max: 3, perMinutes: Number.POSITIVE_INFINITY }, 'perMinutes'],
    ] as const) {
      expect(() => throttleDecision([], NOW, limit)).toThrow(DomainError);
      expect(() => throttleDecision([], NOW, limit)).toThrow(expect.objectContaining({ details: { fields: [expect.objectContaining({ field })] } }));
    }
  });
});

describe('throttle properties', () => {
  const arbLimit: fc.Arbitrary<ThrottleLimit> = fc.record({ max: fc.integer({ min: 1, max: 6 }), perMinutes: fc.integer({ min: 1, max: 30 }) });
  /** Request times: increasing, sometimes simultaneous, gaps up to an hour. */
  const arbRequests = fc
    .array(fc.integer({ min: 0, max: 60 * MINUTE }).chain((g) => fc.constantFrom(0, g % 1000, g)), { maxLength: 80 })
    .map((gaps) => gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? NOW.getTime()) + g], []));

  const inWindow = (sent: number[], now: number, windowMs: number) => sent.filter((s) => s > now - windowMs && s <= now).length;

  it('sending only when allowed never puts more than max sends in any window', () => {
    fc.assert(
      fc.property(arbLimit, arbRequests, (limit, requests) => {
        const windowMs = limit.perMinutes * MINUTE;
        const sent: number[] = [];
        for (const t of requests) {
          if (throttleDecision(sent.map((s) => new Date(s)), new Date(t), limit).allowed) sent.push(t);
        }
        // The fullest window can always be slid to begin at a send.
        for (const s of sent) expect(sent.filter((x) => x >= s && x < s + windowMs).length).toBeLessThanOrEqual(limit.max);
      }),
    );
  });

  it('allows exactly when the window has room, so an allowed request is never delayed', () => {
    fc.assert(
      fc.property(arbLimit, fc.array(fc.integer({ min: -40 * MINUTE, max: 0 }), { maxLength: 12 }), (limit, offsets) => {
        const now = NOW.getTime();
        const sent = offsets.map((o) => now + o);
        const decision = throttleDecision(sent.map((s) => new Date(s)), NOW, limit);
        expect(decision.allowed).toBe(inWindow(sent, now, limit.perMinutes * MINUTE) < limit.max);
      }),
    );
  });

  it('retryAt is the earliest moment the request would be allowed', () => {
    fc.assert(
      fc.property(arbLimit, fc.array(fc.integer({ min: -40 * MINUTE, max: 0 }), { maxLength: 12 }), (limit, offsets) => {
        const sent = offsets.map((o) => new Date(NOW.getTime() + o));
        const decision = throttleDecision(sent, NOW, limit);
        if (decision.allowed) return;
        expect(decision.retryAt.getTime()).toBeGreaterThan(NOW.getTime());
        expect(throttleDecision(sent, decision.retryAt, limit)).toEqual({ allowed: true });
        expect(throttleDecision(sent, new Date(decision.retryAt.getTime() - 1), limit).allowed).toBe(false);
      }),
    );
  });
});
