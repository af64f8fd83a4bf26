import type { HandoffReport, InboxItem } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { findsUnreachable, handoffCounts, handoffReportOf, incidentRefOf, kindLabel, newestFirst, scheduleIdOf, shiftReminderOf, swapRequestOf, textOf, unreadCount, wellbeingEntries } from './inbox-format';

const item = (kind: string, body: Record<string, unknown>, extra: Partial<InboxItem> = {}): InboxItem => ({
  id: 'i1',
  kind,
  title: 'Title',
  body,
  createdAt: '2025-03-11T10:00:00.000Z',
  readAt: null,
  ...extra,
});

const alert = (n: number) => ({
  id: `a${n}`,
  number: n,
  summary: `Alert ${n}`,
  service: { id: 's', name: 'Payments API' },
  status: 'triggered' as const,
  createdAt: '2025-03-11T08:00:00.000Z',
});

const report: HandoffReport = {
  scheduleId: 'sch',
  scheduleName: 'Payments on call',
  timeZone: 'Europe/Berlin',
  role: 'primary',
  changeoverAt: '2025-03-11T09:00:00.000Z',
  shiftStart: '2025-03-04T09:00:00.000Z',
  outgoing: { id: 'u1', name: 'Ada' },
  incoming: { id: 'u2', name: 'Bo' },
  gap: null,
  late: false,
  pages: [{ ...alert(1), pagedAt: '2025-03-11T08:01:00.000Z', messages: 2 }],
  open: [alert(1), alert(2)],
  openTotal: 2,
  alertsInShift: 2,
  noisiest: { services: [{ id: 's', name: 'Payments API', alerts: 2, occurrences: 5 }], keys: [] },
  notes: [],
};

describe('inbox items', () => {
  it('names kinds, unknown ones plainly', () => {
    expect(kindLabel('handoff_report')).toBe('Handoff report');
    expect(kindLabel('swap_request')).toBe('Swap request');
    expect(kindLabel('recovery_granted')).toBe('Recovery time off');
    expect(kindLabel('something_new')).toBe('Notice');
  });

  it('counts unread items and puts the newest first', () => {
    const items = [
      item('a', {}, { id: '1', createdAt: '2025-03-10T10:00:00.000Z' }),
      item('b', {}, { id: '2', createdAt: '2025-03-12T10:00:00.000Z', readAt: '2025-03-12T11:00:00.000Z' }),
      item('c', {}, { id: '3', createdAt: '2025-03-11T10:00:00.000Z' }),
    ];
    expect(unreadCount(items)).toBe(2);
    expect(newestFirst(items).map((i) => i.id)).toEqual(['2', '3', '1']);
  });

  it('reads the text, or nothing when there is none', () => {
    expect(textOf(item('x', { text: 'Hello' }))).toBe('Hello');
    expect(textOf(item('x', { text: 42 }))).toBe('');
  });

  it('reads a handoff report only when it has the expected shape', () => {
    expect(handoffReportOf(item('handoff_report', { text: 't', report }))).toEqual(report);
    expect(handoffReportOf(item('handoff_report', { text: 't' }))).toBeNull();
    expect(handoffReportOf(item('handoff_report', { report: { ...report, pages: 'none' } }))).toBeNull();
    expect(handoffReportOf(item('handoff_report', { report: { ...report, noisiest: {} } }))).toBeNull();
  });

  it('sums a report up for its collapsed line', () => {
    expect(handoffCounts(report)).toBe('1 page, 2 still open');
    expect(handoffCounts({ ...report, pages: [], open: [], openTotal: 0, notes: [{ shiftStart: 'x', body: 'b', updatedAt: 'y' }] })).toBe(
      'no pages, nothing open, a note',
    );
  });

  it('reads swap requests and shift reminders', () => {
    const swap = { id: 'sw', scheduleId: 'sch', scheduleName: 'P', role: 'primary', requester: { id: 'u1', name: 'Ada' }, responder: { id: 'u2', name: 'Bo' }, start: 's', end: 'e' };
    expect(swapRequestOf(item('swap_request', { swapRequest: swap }))?.id).toBe('sw');
    expect(swapRequestOf(item('swap_request', { swapRequest: { ...swap, role: 'tertiary' } }))).toBeNull();
    expect(shiftReminderOf(item('shift_reminder', { scheduleId: 'sch', scheduleName: 'P', role: 'secondary', start: 's', end: null, takingOverFrom: { id: 'u1', name: 'Ada' } }))).toEqual({
      scheduleId: 'sch',
      scheduleName: 'P',
      role: 'secondary',
      start: 's',
      end: null,
      takingOverFrom: { id: 'u1', name: 'Ada' },
    });
    expect(shiftReminderOf(item('shift_reminder', { scheduleId: 'sch' }))).toBeNull();
    expect(scheduleIdOf(item('preflight', { scheduleId: 'sch', findings: [] }))).toBe('sch');
    expect(scheduleIdOf(item('other', {}))).toBeNull();
  });

  it('tells whether a pre-flight check found this person unreachable', () => {
    const check = item('preflight', { scheduleId: 'sch', findings: [{ kind: 'gap', role: 'primary' }, { kind: 'unreachable', userId: 'u1', role: 'primary' }] });
    expect(findsUnreachable(check, 'u1')).toBe(true);
    expect(findsUnreachable(check, 'u2')).toBe(false);
    expect(findsUnreachable(item('preflight', { findings: 'none' }), 'u1')).toBe(false);
  });
});

describe('wellbeing on the home page', () => {
  const checkin = (id: string, incidentNumber: number, requestedAt: string, answeredAt: string | null = null) => ({
    id,
    incidentId: `inc${incidentNumber}`,
    incidentNumber,
    incidentTitle: `Incident ${incidentNumber}`,
    requestedAt,
    answeredAt,
    stress: null,
    sleepLostMinutes: null,
    comment: null,
    anonymous: false,
  });
  const at = (h: number) => `2025-03-11T${String(h).padStart(2, '0')}:00:00.000Z`;

  it('lists unanswered check-ins and unread nudges, newest first', () => {
    const entries = wellbeingEntries(
      [checkin('c1', 7, at(4)), checkin('c2', 8, at(6), at(7))],
      [
        item('wellbeing_nudge', { incidentId: 'inc9' }, { id: 'n1', createdAt: at(5) }),
        item('wellbeing_nudge', { incidentId: 'inc9' }, { id: 'n2', createdAt: at(6), readAt: at(6) }),
        item('handoff_report', {}, { id: 'h1', createdAt: at(8) }),
      ],
    );
    expect(entries.map((e) => e.key)).toEqual(['nudge:n1', 'checkin:c1']);
  });

  it('pairs a check-in with its unread inbox notice, by incident id or number', () => {
    const [byId] = wellbeingEntries([checkin('c1', 7, at(4))], [item('wellbeing_checkin', { incidentId: 'inc7', incidentNumber: 7 }, { id: 'w1' })]);
    expect(byId).toMatchObject({ kind: 'checkin', inboxItemId: 'w1' });
    const [byNumber] = wellbeingEntries([checkin('c1', 7, at(4))], [item('wellbeing_checkin', { incidentNumber: 7 }, { id: 'w2' })]);
    expect(byNumber).toMatchObject({ inboxItemId: 'w2' });
    const [read] = wellbeingEntries([checkin('c1', 7, at(4))], [item('wellbeing_checkin', { incidentId: 'inc7' }, { id: 'w3', readAt: at(5) })]);
    expect(read).toMatchObject({ inboxItemId: null });
    const [other] = wellbeingEntries([checkin('c1', 7, at(4))], [item('wellbeing_checkin', { incidentId: 'inc8', incidentNumber: 8 }, { id: 'w4' })]);
    expect(other).toMatchObject({ inboxItemId: null });
  });

  it('links a notice to its incident by number when it has one, else by id', () => {
    expect(incidentRefOf(item('wellbeing_checkin', { incidentId: 'inc7', incidentNumber: 7 }))).toBe('7');
    expect(incidentRefOf(item('wellbeing_nudge', { incidentId: 'inc9', userId: 'u' }))).toBe('inc9');
    expect(incidentRefOf(item('wellbeing_nudge', { incidentNumber: 'seven' }))).toBeNull();
    expect(kindLabel('wellbeing_nudge')).toBe('Check on a teammate');
  });
});
