import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatTime, KEY_MOMENTS, markTimeline, momentOf, momentTimes, spansDays, type SourceEntry } from './timeline.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 3, 10, 0) + minute * 60_000);
const entry = (minute: number, kind: string, extra: Partial<SourceEntry> = {}): SourceEntry => ({ at: at(minute), kind, actor: null, text: kind, ...extra });

describe('momentOf', () => {
  it.each([
    ['declared', null, 'detected'],
    ['alert_triggered', null, 'detected'],
    ['acknowledged', null, 'acknowledged'],
    ['alert_acknowledged', null, 'acknowledged'],
    ['compensating_action', null, 'mitigated'],
    ['mitigated', null, 'mitigated'],
    ['status_changed', 'monitoring', 'mitigated'],
    ['status_changed', 'identified', null],
    ['status_changed', 'resolved', 'resolved'],
    ['resolved', null, 'resolved'],
    ['note', null, null],
    ['command', null, null],
  ] as const)('%s (%s) → %s', (kind, status, moment) => {
    expect(momentOf(entry(0, kind, { status }))).toBe(moment);
  });

  it('lets the source say which moment an entry is', () => {
    expect(momentOf(entry(0, 'note', { moment: 'mitigated' }))).toBe('mitigated');
  });

  it('reads acknowledgements mirrored from an alert log and compensating action runs', () => {
    expect(momentOf(entry(0, 'alert_event', { status: 'acknowledged' }))).toBe('acknowledged');
    expect(momentOf(entry(0, 'alert_event', { status: 'notified' }))).toBeNull();
    expect(momentOf(entry(0, 'action_run'))).toBe('mitigated');
  });
});

describe('markTimeline', () => {
  it('marks only the first entry of each moment and sorts by time', () => {
    const marked = markTimeline([entry(5, 'acknowledged'), entry(0, 'alert_triggered'), entry(1, 'alert_triggered'), entry(6, 'acknowledged')], 15);
    expect(marked.map((e) => [e.at.getTime() - at(0).getTime(), e.moment])).toEqual([
      [0, 'detected'],
      [60_000, null],
      [300_000, 'acknowledged'],
      [360_000, null],
    ]);
  });

  it('prefers a moment marked by hand over an earlier guess from an entry’s kind', () => {
    const marked = markTimeline([entry(0, 'declared'), entry(5, 'action_run'), entry(9, 'note', { moment: 'mitigated' })], 15);
    expect(marked.map((e) => e.moment)).toEqual(['detected', null, 'mitigated']);
  });

  it('keeps the given order for entries at the same time', () => {
    const marked = markTimeline([entry(0, 'note', { text: 'a' }), entry(0, 'note', { text: 'b' }), entry(0, 'note', { text: 'c' })], 15);
    expect(marked.map((e) => e.text)).toEqual(['a', 'b', 'c']);
  });

  it('makes the first thing anyone saw the detection when no alert came first', () => {
    const marked = markTimeline([entry(0, 'acknowledged'), entry(3, 'status_changed', { status: 'resolved' })], 15);
    expect(marked.map((e) => e.moment)).toEqual(['detected', 'resolved']);
  });

  it('highlights gaps longer than the threshold, not equal to it', () => {
    const marked = markTimeline([entry(0, 'note'), entry(15, 'note'), entry(31, 'note'), entry(32, 'note')], 15);
    expect(marked.map((e) => e.gapBeforeMinutes)).toEqual([null, null, 16, null]);
  });

  it('returns nothing for nothing', () => {
    expect(markTimeline([], 15)).toEqual([]);
    expect(momentTimes([])).toEqual({ detected: null, acknowledged: null, mitigated: null, resolved: null });
  });

  const kinds = fc.constantFrom('alert_triggered', 'declared', 'acknowledged', 'note', 'command', 'compensating_action', 'status_changed', 'resolved');
  const entries = fc.array(
    fc.record({ minute: fc.integer({ min: 0, max: 600 }), kind: kinds, status: fc.constantFrom(null, 'identified', 'monitoring', 'resolved') }),
    { maxLength: 30 },
  );

  it('marks each moment at most once, never a later moment before detection, keeps every entry (property)', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 120 }), (raw, gap) => {
        const marked = markTimeline(
          raw.map((r) => entry(r.minute, r.kind, { status: r.status })),
          gap,
        );
        expect(marked).toHaveLength(raw.length);
        for (const m of KEY_MOMENTS) expect(marked.filter((e) => e.moment === m).length).toBeLessThanOrEqual(1);
        const firstMarked = marked.findIndex((e) => e.moment !== null);
        if (firstMarked >= 0) expect(marked[firstMarked]!.moment).toBe('detected');
        for (let i = 1; i < marked.length; i++) {
          expect(marked[i]!.at.getTime()).toBeGreaterThanOrEqual(marked[i - 1]!.at.getTime());
          const minutes = (marked[i]!.at.getTime() - marked[i - 1]!.at.getTime()) / 60_000;
          expect(marked[i]!.gapBeforeMinutes).toBe(minutes > gap ? minutes : null);
        }
      }),
    );
  });
});

describe('formatting', () => {
  it.each([
    [0, '0 min'],
    [29_999, '0 min'],
    [30_000, '1 min'],
    [59 * 60_000, '59 min'],
    [60 * 60_000, '1 h'],
    [82 * 60_000, '1 h 22 min'],
    [24 * 3_600_000, '1 d'],
    [27 * 3_600_000 + 5 * 60_000, '1 d 3 h'],
    [-5, '0 min'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('writes times in the zone, with the date when asked', () => {
    const d = new Date('2026-03-03T23:30:00Z');
    expect(formatTime(d, 'UTC', false)).toBe('23:30');
    expect(formatTime(d, 'Europe/Berlin', true)).toBe('2026-03-04 00:30');
    expect(formatTime(d, 'Asia/Kolkata', false)).toBe('05:00');
  });

  it('knows when times span days in a zone', () => {
    const a = new Date('2026-03-03T22:30:00Z');
    const b = new Date('2026-03-03T23:30:00Z');
    expect(spansDays([a, b], 'UTC')).toBe(false);
    expect(spansDays([a, b], 'Europe/Berlin')).toBe(true);
  });
});
