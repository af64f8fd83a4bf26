import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import { DEFAULT_STORM_POLICY, type StormGroup, type StormPolicy, stormDecision, stormSummary } from './storm.js';

const NOW = new Date('2026-03-03T10:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const group = (leaderId: string, startedSecondsAgo: number, extra: Partial<StormGroup> = {}): StormGroup => ({
  leaderId,
  startedAt: ago(startedSecondsAgo),
  lastAlertAt: ago(Math.max(0, startedSecondsAgo - 10)),
  size: 1,
  resolved: false,
  ...extra,
});

describe('storm grouping', () => {
  it('starts a new group on a quiet service', () => {
    expect(stormDecision(NOW, [])).toEqual({ kind: 'new' });
  });

  it('joins an open group that started inside the window', () => {
    expect(stormDecision(NOW, [group('a', 120)])).toEqual({ kind: 'join', leaderId: 'a' });
  });

  it('uses a five-minute window by default, half-open at its end', () => {
    expect(DEFAULT_STORM_POLICY).toEqual({ windowSeconds: 300 });
    expect(stormDecision(NOW, [group('a', 299.999)])).toEqual({ kind: 'join', leaderId: 'a' });
    expect(stormDecision(NOW, [group('a', 300)])).toEqual({ kind: 'new' });
  });

  it('measures the window from the start of the group, not its latest alert', () => {
    expect(stormDecision(NOW, [group('a', 400, { lastAlertAt: ago(1) })])).toEqual({ kind: 'new' });
  });

  it('never joins a resolved group', () => {
    expect(stormDecision(NOW, [group('a', 10, { resolved: true })])).toEqual({ kind: 'new' });
    expect(stormDecision(NOW, [group('a', 10, { resolved: true }), group('b', 200)])).toEqual({ kind: 'join', leaderId: 'b' });
  });

  it('joins the most recently started of several open groups', () => {
    expect(stormDecision(NOW, [group('old', 250), group('new', 30), group('mid', 100)])).toEqual({ kind: 'join', leaderId: 'new' });
  });

  it('breaks start-time ties by latest alert, then leader id', () => {
    const z = group('z', 60, { lastAlertAt: ago(5) });
    const b = group('b', 60, { lastAlertAt: ago(1) });
    expect(stormDecision(NOW, [z, b])).toEqual({ kind: 'join', leaderId: 'b' });
    expect(stormDecision(NOW, [b, z])).toEqual({ kind: 'join', leaderId: 'b' });
    const c = group('c', 60, { lastAlertAt: ago(1) });
    expect(stormDecision(NOW, [c, b])).toEqual({ kind: 'join', leaderId: 'c' });
    expect(stormDecision(NOW, [b, c])).toEqual({ kind: 'join', leaderId: 'c' });
  });

  it('skips full groups when a maximum size is set', () => {
    const policy: StormPolicy = { windowSeconds: 300, maxGroupSize: 10 };
    expect(stormDecision(NOW, [group('a', 10, { size: 10 })], policy)).toEqual({ kind: 'new' });
    expect(stormDecision(NOW, [group('a', 10, { size: 9 })], policy)).toEqual({ kind: 'join', leaderId: 'a' });
    expect(stormDecision(NOW, [group('full', 10, { size: 10 }), group('roomy', 100, { size: 3 })], policy)).toEqual({
      kind: 'join',
      leaderId: 'roomy',
    });
  });

  it('lets a late-delivered alert join the storm that began just after it triggered', () => {
    expect(stormDecision(NOW, [group('later', -20)])).toEqual({ kind: 'join', leaderId: 'later' });
    expect(stormDecision(NOW, [group('much-later', -300)])).toEqual({ kind: 'new' });
  });

  it('honours a custom window', () => {
    expect(stormDecision(NOW, [group('a', 45)], { windowSeconds: 60 })).toEqual({ kind: 'join', leaderId: 'a' });
    expect(stormDecision(NOW, [group('a', 61)], { windowSeconds: 60 })).toEqual({ kind: 'new' });
  });

  it('rejects a nonsensical policy, naming the field', () => {
    for (const [policy, field] of [
      [{ windowSeconds: 0 }, 'windowSeconds'],
      [{ windowSeconds: Number.NaN }, 'windowSeconds'],
      [{ windowSeconds: 60, maxGroupSize: 0 }, 'maxGroupSize'],
      [{ windowSeconds: 60, maxGroupSize: 2.5 }, 'maxGroupSize'],
    ] as const) {
      expect(() => stormDecision(NOW, [], policy)).toThrow(DomainError);
      expect(() => stormDecision(NOW, [], policy)).toThrow(expect.objectContaining({ details: { fields: [expect.objectContaining({ field })] } }));
    }
  });

  it('turns 10,000 alerts in one window into one page', () => {
    const groups: StormGroup[] = [];
    let pages = 0;
    for (let i = 0; i < 10_000; i++) {
      const at = new Date(NOW.getTime() + i * 29); // 290 s in all
      const decision = stormDecision(at, groups);
      if (decision.kind === 'new') {
        pages++;
        groups.push({ leaderId: `alert-${i}`, startedAt: at, lastAlertAt: at, size: 1, resolved: false });
      } else {
        const g = groups.find((x) => x.leaderId === decision.leaderId)!;
        g.size++;
        g.lastAlertAt = at;
      }
    }
    expect(pages).toBe(1);
    expect(groups[0]!.size).toBe(10_000);
    expect(stormSummary(groups[0]!.size)).toBe('and 9999 more alerts');
  });
});

describe('storm summary', () => {
  it.each([
    [1, ''],
    [0, ''],
    [2, 'and 1 more alert'],
    [5, 'and 4 more alerts'],
  ])('size %i → "%s"', (size, text) => expect(stormSummary(size)).toBe(text));
});

describe('storm grouping properties', () => {
  const WINDOW_MS = 300_000;
  const arbGroup = fc.record({
    leaderId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    // Coarse times, so ties in start and last-alert time (and the tie-breaks) come up often.
    startedAt: fc.integer({ min: -12, max: 12 }).map((d) => new Date(NOW.getTime() - d * 30_000)),
    lastAlertAt: fc.integer({ min: -1, max: 1 }).map((d) => new Date(NOW.getTime() - d * 30_000)),
    size: fc.integer({ min: 1, max: 12 }),
    resolved: fc.boolean(),
  });
  const arbPolicy = fc.record({ windowSeconds: fc.constant(300), maxGroupSize: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) });

  it('10,000 alerts arriving in any order within one window page exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: WINDOW_MS - 1 }), { minLength: 10_000, maxLength: 10_000 }), (offsets) => {
        const groups: StormGroup[] = [];
        for (const [i, offset] of offsets.entries()) {
          const at = new Date(NOW.getTime() + offset);
          const decision = stormDecision(at, groups);
          if (decision.kind === 'new') groups.push({ leaderId: `a${i}`, startedAt: at, lastAlertAt: at, size: 1, resolved: false });
          else groups[0]!.size++;
        }
        expect(groups).toHaveLength(1);
        expect(groups[0]!.size).toBe(10_000);
      }),
      { numRuns: 20 },
    );
  });

  it('joins only an open group inside the window with room, and always joins one if there is one', () => {
    fc.assert(
      fc.property(fc.array(arbGroup, { maxLength: 8 }), arbPolicy, (groups, policy) => {
        const eligible = (g: StormGroup) =>
          !g.resolved && Math.abs(NOW.getTime() - g.startedAt.getTime()) < WINDOW_MS && (policy.maxGroupSize === undefined || g.size < policy.maxGroupSize);
        const decision = stormDecision(NOW, groups, policy);
        if (decision.kind === 'join') {
          const chosen = groups.filter((g) => g.leaderId === decision.leaderId);
          expect(chosen.some(eligible)).toBe(true);
          const latest = Math.max(...groups.filter(eligible).map((g) => g.startedAt.getTime()));
          expect(chosen.some((g) => eligible(g) && g.startedAt.getTime() === latest)).toBe(true);
        } else {
          expect(groups.filter(eligible)).toEqual([]);
        }
      }),
    );
  });

  it('does not depend on the order of the groups', () => {
    fc.assert(
      fc.property(
        fc.array(arbGroup, { maxLength: 8 }).chain((groups) =>
          fc.tuple(fc.constant(groups), fc.shuffledSubarray(groups, { minLength: groups.length, maxLength: groups.length })),
        ),
        arbPolicy,
        ([groups, shuffled], policy) => {
          expect(stormDecision(NOW, shuffled, policy)).toEqual(stormDecision(NOW, groups, policy));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
