import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { LayerSpec, ScheduleSpec } from './oncall.js';
import { dueReminders, REMINDER_LEAD, reminderText } from './reminders.js';
import { layerSpec } from '../test-support/schedule-specs.js';

const HOUR = 3_600_000;
const ZONE = 'America/New_York';
const at = (text: string) => DateTime.fromISO(text, { zone: ZONE }).toMillis();

const layer = (o: Partial<LayerSpec> = {}): LayerSpec => layerSpec({ participantIds: ['ana', 'ben'], ...o });
const spec = (layers: LayerSpec[], overrides: ScheduleSpec['overrides'] = []): ScheduleSpec => ({ timeZone: ZONE, layers, overrides });

describe('dueReminders', () => {
  const weekly = spec([layer()]);

  it('defaults to a day ahead: the day before, at the time the shift starts', () => {
    expect(REMINDER_LEAD).toBe(24 * HOUR);
    expect(dueReminders(weekly, at('2026-01-12T10:00') - 1)).toEqual([]);
    const [r] = dueReminders(weekly, at('2026-01-12T10:00'));
    expect(r!.handoff).toMatchObject({ role: 'primary', incoming: 'ben', outgoing: 'ana', at: at('2026-01-13T10:00'), incomingUntil: at('2026-01-20T10:00') });
    expect(r!.key).toBe(`primary:ben:${new Date(at('2026-01-13T10:00')).toISOString()}`);
  });

  it('is still due later in the day before (the key keeps it to once); a shift already begun is not reminded', () => {
    expect(dueReminders(weekly, at('2026-01-13T09:59')).map((r) => r.key)).toEqual(dueReminders(weekly, at('2026-01-12T10:00')).map((r) => r.key));
    expect(dueReminders(weekly, at('2026-01-13T10:00'))).toEqual([]);
  });

  it('only when the person changes: a rotation of one, or the same person back after a night off, is not reminded', () => {
    expect(dueReminders(spec([layer({ participantIds: ['ana'] })]), at('2026-01-12T12:00'))).toEqual([]);
    const daily = spec([layer({ shiftUnit: 'day', participantIds: ['ana'], restriction: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] })]);
    expect(dueReminders(daily, at('2026-01-12T18:00'))).toEqual([]);
  });

  it('an override made a few hours ahead is reminded at once, and so is the person it hands back to', () => {
    const s = spec([layer()], [{ id: 'o1', role: 'primary', userId: 'cai', start: at('2026-01-08T14:00'), end: at('2026-01-08T16:00'), createdAt: 0 }]);
    expect(dueReminders(s, at('2026-01-08T11:00')).map((r) => [r.handoff.incoming, r.handoff.at])).toEqual([
      ['cai', at('2026-01-08T14:00')],
      ['ana', at('2026-01-08T16:00')],
    ]);
  });

  it('takes a custom lead', () => {
    expect(dueReminders(weekly, at('2026-01-13T07:00'), 2 * HOUR)).toEqual([]);
    expect(dueReminders(weekly, at('2026-01-13T08:00'), 2 * HOUR)).toHaveLength(1);
  });
});

describe('reminderText', () => {
  it('says role, schedule, start and end in the schedule zone, and whom they take over from', () => {
    const [r] = dueReminders(spec([layer()]), at('2026-01-12T10:00'));
    const { title, text } = reminderText({ id: 's1', name: 'Payments', timeZone: ZONE }, r!.handoff, new Map([['ana', 'Ana']]), 'https://o.test/');
    expect(title).toBe('Reminder: you are on call for Payments (primary) from Tue 13 Jan 2026 10:00');
    expect(text).toContain('You are on call as primary for Payments from Tue 13 Jan 2026 10:00 until Tue 20 Jan 2026 10:00 (America/New_York).');
    expect(text).toContain('You take over from Ana');
    expect(text).toContain('https://o.test/schedules/s1');
  });
});
