import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionItemOverdueAt, DEFAULT_DEADLINES, deadlinesFor, dueReminders, followUpDueAt, lateness, nearAt, type ReminderFacts } from './deadlines.js';

const HOUR = 3_600_000;
const resolved = new Date('2026-03-03T11:20:00Z');
const plus = (h: number) => new Date(resolved.getTime() + h * HOUR);

function facts(over: Partial<ReminderFacts> = {}): ReminderFacts {
  const d = deadlinesFor(resolved, 'SEV2');
  return { createdAt: resolved, state: 'draft', ...d, interviewsDoneAt: null, meetingHeldAt: null, actionItems: [], followUp: null, ...over };
}

describe('deadlinesFor', () => {
  it('gives interviews 2 days and the meeting 7 for SEV2-4, a SEV1 sooner', () => {
    expect(deadlinesFor(resolved, 'SEV2')).toEqual({ interviewsDueAt: plus(48), meetingDueAt: plus(168) });
    expect(deadlinesFor(resolved, 'SEV4')).toEqual({ interviewsDueAt: plus(48), meetingDueAt: plus(168) });
    const sev1 = deadlinesFor(resolved, 'SEV1');
    expect(sev1.interviewsDueAt < plus(48)).toBe(true);
    expect(sev1.meetingDueAt < plus(168)).toBe(true);
  });

  it('uses the policies an admin set', () => {
    const policies = { ...DEFAULT_DEADLINES, SEV3: { interviewsHours: 72, meetingHours: 240 } };
    expect(deadlinesFor(resolved, 'SEV3', policies)).toEqual({ interviewsDueAt: plus(72), meetingDueAt: plus(240) });
  });

  it('schedules the follow-up 30 days after the meeting', () => {
    expect(followUpDueAt(new Date('2026-03-09T10:00:00Z')).toISOString()).toBe('2026-04-08T10:00:00.000Z');
  });
});

describe('nearAt', () => {
  it('is a day before a deadline, or halfway for a short span', () => {
    expect(nearAt(resolved, plus(48))).toEqual(plus(24));
    expect(nearAt(resolved, plus(168))).toEqual(plus(144));
    expect(nearAt(resolved, plus(24))).toEqual(plus(12));
    expect(nearAt(resolved, plus(0))).toEqual(plus(0));
  });

  it('is never before the start nor after the deadline (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), (hours) => {
        const n = nearAt(resolved, plus(hours));
        expect(n >= resolved && n <= plus(hours)).toBe(true);
      }),
    );
  });
});

describe('dueReminders', () => {
  const kinds = (f: ReminderFacts, h: number) => dueReminders(f, plus(h)).map((r) => r.kind);

  it('reminds of interviews and the meeting as they near and pass', () => {
    expect(kinds(facts(), 23)).toEqual([]);
    expect(kinds(facts(), 24)).toEqual(['interviews_near']);
    expect(kinds(facts(), 48)).toEqual(['interviews_passed']);
    expect(kinds(facts(), 144)).toEqual(['interviews_passed', 'meeting_near']);
    expect(kinds(facts(), 168)).toEqual(['interviews_passed', 'meeting_passed']);
  });

  it('stops reminding of steps that are done', () => {
    expect(kinds(facts({ interviewsDoneAt: plus(30) }), 200)).toEqual(['meeting_passed']);
    // A meeting held covers the interviews too: the people told their story there.
    expect(kinds(facts({ meetingHeldAt: plus(30) }), 200)).toEqual([]);
    expect(kinds(facts({ state: 'closed' }), 200)).toEqual([]);
  });

  it('reminds of each open action item once it is past its due day, keyed by item and due date', () => {
    const f = facts({
      meetingHeldAt: plus(1),
      actionItems: [
        { id: 'a', dueOn: '2026-03-10', status: 'open' },
        { id: 'b', dueOn: '2026-03-10', status: 'done' },
        { id: 'c', dueOn: null, status: 'open' },
        { id: 'd', dueOn: '2026-03-20', status: 'in_progress' },
      ],
    });
    expect(dueReminders(f, new Date('2026-03-10T23:59:59Z'))).toEqual([]);
    expect(dueReminders(f, new Date('2026-03-11T00:00:00Z'))).toEqual([
      { key: 'action_item_overdue:a:2026-03-10', kind: 'action_item_overdue', at: new Date('2026-03-11T00:00:00Z'), actionItemId: 'a' },
    ]);
    expect(dueReminders(f, new Date('2026-03-21T00:00:00Z')).map((r) => r.actionItemId)).toEqual(['a', 'd']);
  });

  it('reminds of the follow-up review when it is due and not completed', () => {
    const followUp = { id: 'f1', dueAt: plus(720), completedAt: null };
    expect(kinds(facts({ meetingHeldAt: plus(1), followUp }), 719)).toEqual([]);
    expect(kinds(facts({ meetingHeldAt: plus(1), followUp }), 720)).toEqual(['follow_up_due']);
    expect(kinds(facts({ meetingHeldAt: plus(1), followUp: { ...followUp, completedAt: plus(721) } }), 800)).toEqual([]);
  });

  it('gives keys that change when a deadline moves, so a moved deadline reminds again', () => {
    const a = dueReminders(facts(), plus(48))[0]!.key;
    const b = dueReminders(facts({ interviewsDueAt: plus(47) }), plus(48))[0]!.key;
    expect(a).not.toBe(b);
  });

  it('is monotonic: a reminder due now is still due later while its step stays undone (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (h1, extra) => {
        const early = dueReminders(facts(), plus(h1)).map((r) => r.key.replace('_near', '_passed').split(':')[0]);
        const late = new Set(dueReminders(facts(), plus(h1 + extra)).map((r) => r.key.replace('_near', '_passed').split(':')[0]));
        for (const k of early) expect(late.has(k)).toBe(true);
      }),
    );
  });
});

describe('lateness', () => {
  it('lists what is late for the post-mortem list', () => {
    const f = facts({ actionItems: [{ id: 'a', dueOn: '2026-03-04', status: 'open' }, { id: 'b', dueOn: '2026-03-05', status: 'open' }] });
    expect(lateness(f, plus(47))).toEqual([{ what: 'action_items', since: actionItemOverdueAt('2026-03-04'), count: 1 }]);
    expect(lateness(f, plus(170)).map((l) => l.what)).toEqual(['interviews', 'meeting', 'action_items']);
    expect(lateness({ ...f, state: 'closed' }, plus(170))).toEqual([]);
  });
});
