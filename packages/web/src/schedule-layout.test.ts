import { describe, expect, it } from 'vitest';
import { barLabel, covering, formatSpan, mergeShifts, neighbour, offsetOf, place, windowAt } from './schedule-layout';

const at = (iso: string) => Date.parse(iso);
const shift = (name: string, start: string, end: string, overrideId: string | null = null) => ({
  user: { id: name, name },
  start,
  end,
  overrideId,
});

describe('timeline windows', () => {
  it('covers Monday to Sunday around the instant, in the viewer zone', () => {
    // Wednesday 12 March 2025, 01:00 in Berlin (still Tuesday in UTC).
    const win = windowAt('week', at('2025-03-12T00:00:00Z'), 'Europe/Berlin', 'en-GB');
    expect(win.from).toBe(at('2025-03-09T23:00:00Z'));
    expect(win.to).toBe(at('2025-03-16T23:00:00Z'));
    expect(win.days.map((d) => d.label)).toEqual(['Mon 10', 'Tue 11', 'Wed 12', 'Thu 13', 'Fri 14', 'Sat 15', 'Sun 16']);
    expect(win.days.filter((d) => d.weekend)).toHaveLength(2);
    expect(win.title).toMatch(/10.+16 Mar 2025/);
  });

  it('has a 23-hour day in a week with the clocks going forward', () => {
    const win = windowAt('week', at('2025-03-27T12:00:00Z'), 'Europe/Berlin', 'en-GB');
    const sunday = win.days[6]!;
    expect(sunday.end - sunday.start).toBe(23 * 3_600_000);
    expect(win.to - win.from).toBe(7 * 24 * 3_600_000 - 3_600_000);
  });

  it('covers the whole month and steps to its neighbours', () => {
    const win = windowAt('month', at('2024-02-10T12:00:00Z'), 'UTC', 'en-GB');
    expect(win.days).toHaveLength(29);
    expect(win.from).toBe(at('2024-02-01T00:00:00Z'));
    expect(win.to).toBe(at('2024-03-01T00:00:00Z'));
    expect(win.title).toBe('February 2024');
    expect(windowAt('month', neighbour(win, 1), 'UTC').from).toBe(at('2024-03-01T00:00:00Z'));
    expect(windowAt('month', neighbour(win, -1), 'UTC').from).toBe(at('2024-01-01T00:00:00Z'));
  });
});

describe('placing shifts', () => {
  const win = windowAt('week', at('2025-03-12T12:00:00Z'), 'UTC');

  it('clips spans to the window and gives their position in percent', () => {
    const placed = place(
      [
        shift('Grace', '2025-03-11T10:00:00Z', '2025-03-18T10:00:00Z'),
        shift('Ada', '2025-03-04T10:00:00Z', '2025-03-11T10:00:00Z'),
        shift('Old', '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z'),
      ],
      win,
    );
    expect(placed.map((p) => p.item.user.name)).toEqual(['Ada', 'Grace']);
    const [ada, grace] = placed;
    expect(ada).toMatchObject({ left: 0, clippedStart: true, clippedEnd: false, start: win.from });
    expect(ada!.width).toBeCloseTo((34 / 168) * 100, 2);
    expect(grace).toMatchObject({ clippedStart: false, clippedEnd: true, end: win.to });
    expect(grace!.left + grace!.width).toBeCloseTo(100, 2);
  });

  it('puts now on the window, or nowhere outside it', () => {
    expect(offsetOf(at('2025-03-13T12:00:00Z'), win)).toBeCloseTo(50, 5);
    expect(offsetOf(at('2025-03-20T12:00:00Z'), win)).toBeNull();
  });
});

describe('shift words and merging', () => {
  it('labels a bar with the person and the span in the viewer zone', () => {
    expect(barLabel('Ada', '2025-03-11T09:00:00Z', '2025-03-18T09:00:00Z', 'Europe/Berlin', 'en-GB')).toBe('Ada, Tue 11 Mar, 10:00 – Tue 18 Mar, 10:00');
    expect(formatSpan('2025-03-11T09:00:00Z', '2025-03-11T16:00:00Z', 'Europe/Berlin', 'en-GB')).toBe('Tue 11 Mar, 10:00 – 17:00');
  });

  it('joins back-to-back pieces of one person, but not across an override', () => {
    const merged = mergeShifts([
      shift('Ada', '2025-03-12T00:00:00Z', '2025-03-13T00:00:00Z'),
      shift('Ada', '2025-03-11T00:00:00Z', '2025-03-12T00:00:00Z'),
      shift('Ada', '2025-03-13T00:00:00Z', '2025-03-14T00:00:00Z', 'o1'),
      shift('Grace', '2025-03-14T00:00:00Z', '2025-03-15T00:00:00Z'),
    ]);
    expect(merged.map((s) => [s.user.name, s.start, s.end])).toEqual([
      ['Ada', '2025-03-11T00:00:00Z', '2025-03-13T00:00:00Z'],
      ['Ada', '2025-03-13T00:00:00Z', '2025-03-14T00:00:00Z'],
      ['Grace', '2025-03-14T00:00:00Z', '2025-03-15T00:00:00Z'],
    ]);
    expect(covering(merged, at('2025-03-13T05:00:00Z'))?.overrideId).toBe('o1');
    expect(covering(merged, at('2025-03-16T05:00:00Z'))).toBeUndefined();
  });
});
