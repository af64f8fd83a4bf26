import { describe, expect, it } from 'vitest';
import {
  canDecline,
  describeRecoverySettings,
  formatDay,
  formatHours,
  formatShare,
  isLocalDate,
  loadBars,
  localDay,
  recoveryReasonText,
  recoveryState,
  shiftDay,
  tallyRecovery,
} from './oncall-format';

const hours = (total: number, rest: Partial<Record<'primary' | 'secondary' | 'weekday' | 'weekend' | 'holiday', number>> = {}) => ({
  primary: 0,
  secondary: 0,
  weekday: 0,
  weekend: 0,
  holiday: 0,
  ...rest,
  total,
});

describe('on-call load', () => {
  it('writes hours and shares compactly', () => {
    expect(formatHours(12)).toBe('12 h');
    expect(formatHours(12.25)).toBe('12.3 h');
    expect(formatHours(0.04)).toBe('0 h');
    expect(formatHours(167.96)).toBe('168 h');
    expect(formatShare(0.334)).toBe('33%');
    expect(formatShare(0)).toBe('0%');
  });

  it('scales bars to the busiest person, past and upcoming apart', () => {
    const bars = loadBars([
      { past: hours(84), ahead: hours(84), total: hours(168) },
      { past: hours(42), ahead: hours(0), total: hours(42) },
      { past: hours(0), ahead: hours(0), total: hours(0) },
    ]);
    expect(bars).toEqual([
      { past: 50, ahead: 50 },
      { past: 25, ahead: 0 },
      { past: 0, ahead: 0 },
    ]);
  });

  it('never overshoots the track when rounded parts add up to more than the total', () => {
    const [bar] = loadBars([{ past: hours(10.1), ahead: hours(10.1), total: hours(20) }]);
    expect(bar!.past + bar!.ahead).toBeLessThanOrEqual(100);
  });

  it('draws no bars when nobody has hours', () => {
    expect(loadBars([{ past: hours(0), ahead: hours(0), total: hours(0) }])).toEqual([{ past: 0, ahead: 0 }]);
    expect(loadBars([])).toEqual([]);
  });
});

describe('local days', () => {
  it('reads the day of an instant in a zone', () => {
    // 23:30 UTC on 10 March is already 11 March in Berlin and still 10 March in New York.
    const at = Date.parse('2025-03-10T23:30:00Z');
    expect(localDay(at, 'Europe/Berlin')).toBe('2025-03-11');
    expect(localDay(at, 'America/New_York')).toBe('2025-03-10');
  });

  it('moves by whole days across months and leap years', () => {
    expect(shiftDay('2025-03-01', -1)).toBe('2025-02-28');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2025-01-15', -84)).toBe('2024-10-23');
    expect(shiftDay('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('shows a calendar day the same in any zone', () => {
    expect(formatDay('2025-03-11', 'en-GB')).toBe('Tue, 11 Mar 2025');
    expect(formatDay('not a day')).toBe('not a day');
  });

  it('knows a real calendar date', () => {
    expect(isLocalDate('2025-12-25')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-13-01')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });
});

describe('recovery time off', () => {
  const day = (d: string, extra: Partial<{ status: 'granted' | 'declined'; taken: boolean; timeZone: string }> = {}) => ({
    day: d,
    timeZone: 'Asia/Tokyo',
    status: 'granted' as const,
    taken: false,
    ...extra,
  });
  // 16:00 UTC on 11 March is already 12 March, 01:00, in Tokyo.
  const now = Date.parse('2025-03-11T16:00:00Z');

  it('says why in plain words', () => {
    expect(recoveryReasonText('sleep_hours', true)).toBe('Paged during your sleep hours');
    expect(recoveryReasonText('sleep_hours', false)).toBe('Paged during sleep hours');
    expect(recoveryReasonText('weekend', true)).toBe('Long paging on a weekend day');
    expect(recoveryReasonText('holiday', false)).toBe('Long paging on a holiday');
    expect(recoveryReasonText('something new', true)).toBe('Granted after paging');
  });

  it('reads where a day stands in the person’s own zone', () => {
    expect(recoveryState(day('2025-03-13'), now)).toBe('upcoming');
    expect(recoveryState(day('2025-03-12'), now)).toBe('today');
    expect(recoveryState(day('2025-03-11', { taken: true }), now)).toBe('taken');
    expect(recoveryState(day('2025-03-11'), now)).toBe('not_taken');
    expect(recoveryState(day('2025-03-13', { status: 'declined' }), now)).toBe('declined');
    // In New York it is still 11 March: that day is today there, not over.
    expect(recoveryState(day('2025-03-11', { timeZone: 'America/New_York' }), now)).toBe('today');
  });

  it('can be declined only while granted and not over', () => {
    expect(canDecline(day('2025-03-13'), now)).toBe(true);
    expect(canDecline(day('2025-03-12'), now)).toBe(true);
    expect(canDecline(day('2025-03-11'), now)).toBe(false);
    expect(canDecline(day('2025-03-13', { status: 'declined' }), now)).toBe(false);
  });

  it('tallies per person, busiest first', () => {
    const rec = (user: string, d: string, extra: Partial<{ status: 'granted' | 'declined'; taken: boolean }> = {}) => ({
      ...day(d, extra),
      id: `${user}-${d}`,
      user: { id: user, name: user },
      teamId: null,
      teamName: null,
      reason: 'sleep_hours' as const,
      alertId: null,
      overrideIds: [],
      createdAt: '2025-03-01T00:00:00Z',
      decidedAt: null,
    });
    const tally = tallyRecovery(
      [
        rec('Bo', '2025-03-01', { taken: true }),
        rec('Ada', '2025-03-02', { taken: true }),
        rec('Ada', '2025-03-03'),
        rec('Ada', '2025-03-20'),
        rec('Ada', '2025-03-21', { status: 'declined' }),
      ],
      now,
    );
    expect(tally).toEqual([
      { user: { id: 'Ada', name: 'Ada' }, granted: 3, taken: 1, notTaken: 1, declined: 1, upcoming: 1 },
      { user: { id: 'Bo', name: 'Bo' }, granted: 1, taken: 1, notTaken: 0, declined: 0, upcoming: 0 },
    ]);
  });

  it('describes a team’s rules in one sentence', () => {
    const text = describeRecoverySettings({ sleepStart: '23:00', sleepEnd: '07:00', recoveryAfterMinutes: 60, recoveryNextDayOverride: true });
    expect(text).toContain('between 23:00 and 07:00');
    expect(text).toContain('at least 60 minutes');
    expect(text).toContain('the next person in the rotation covers');
    expect(describeRecoverySettings({ sleepStart: '22:00', sleepEnd: '06:00', recoveryAfterMinutes: 1, recoveryNextDayOverride: false })).toContain(
      'at least 1 minute of paging',
    );
  });
});
