import type { MaintenanceWindow } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import {
  canEditWindow,
  canPlanMaintenance,
  describeDays,
  describeRecurring,
  formatMinutes,
  groupWindows,
  inEffectUntil,
  nextOccurrence,
  recurrenceOf,
  scopeText,
  selectableServices,
  serviceMaintenance,
  windowState,
} from './maintenance-format';

const at = (iso: string) => Date.parse(iso);
const now = at('2025-03-12T14:00:00Z');

function once(name: string, startsAt: string, endsAt: string, extra: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  const active = at(startsAt) <= now && now < at(endsAt);
  return {
    id: name,
    name,
    kind: 'once',
    serviceIds: ['s1'],
    services: [{ id: 's1', name: 'Checkout' }],
    startsAt,
    endsAt,
    timeZone: null,
    days: null,
    start: null,
    durationMinutes: null,
    activeUntil: active ? endsAt : null,
    next: at(endsAt) > now ? [{ startsAt, endsAt }] : [],
    createdAt: '2025-03-01T00:00:00Z',
    createdBy: 'Ada',
    ...extra,
  };
}

function recurring(name: string, next: [string, string][], extra: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return {
    ...once(name, '2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z'),
    kind: 'recurring',
    startsAt: null,
    endsAt: null,
    timeZone: 'Europe/Berlin',
    days: [1, 2, 3, 4, 5],
    start: '02:00',
    durationMinutes: 30,
    activeUntil: null,
    next: next.map(([startsAt, endsAt]) => ({ startsAt, endsAt })),
    ...extra,
  };
}

describe('maintenance wording', () => {
  it('names days as ranges and lists', () => {
    expect(describeDays([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(describeDays([7, 6])).toBe('Sat, Sun');
    expect(describeDays([1, 2, 3, 5])).toBe('Mon–Wed, Fri');
    expect(describeDays([1, 3, 5])).toBe('Mon, Wed, Fri');
    expect(describeDays([1, 2, 3, 4, 5, 6, 7])).toBe('Every day');
    expect(describeDays([3, 3])).toBe('Wed');
  });

  it('writes durations compactly', () => {
    expect(formatMinutes(30)).toBe('30 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(1440)).toBe('1 day');
    expect(formatMinutes(1500)).toBe('1 day 1 h');
    expect(formatMinutes(10080)).toBe('7 days');
    expect(formatMinutes(0)).toBe('0 min');
  });

  it('summarizes a recurring window in one line', () => {
    expect(describeRecurring({ days: [1, 2, 3, 4, 5], start: '02:00', durationMinutes: 30, timeZone: 'Europe/Berlin' })).toBe(
      'Mon–Fri 02:00 for 30 min, Europe/Berlin',
    );
    expect(describeRecurring({ days: [6], start: '23:30', durationMinutes: 120, timeZone: 'America/New_York' })).toBe(
      'Sat 23:30 for 2 h, America/New York',
    );
    expect(recurrenceOf(recurring('Nightly', []))).toBe('Mon–Fri 02:00 for 30 min, Europe/Berlin');
    expect(recurrenceOf(once('Deploy', '2025-03-12T13:00:00Z', '2025-03-12T15:00:00Z'))).toBeNull();
  });

  it('names the services, or all of them', () => {
    expect(scopeText(once('a', '2025-03-12T13:00:00Z', '2025-03-12T15:00:00Z'))).toBe('Checkout');
    expect(scopeText({ serviceIds: null, services: [] })).toBe('All services');
    expect(scopeText({ serviceIds: ['x', 'y'], services: [{ id: 'x', name: 'A' }, { id: 'y', name: 'B' }] })).toBe('A, B');
  });
});

describe('where a window stands', () => {
  it('is in effect while an occurrence covers now', () => {
    const deploy = once('Deploy', '2025-03-12T13:30:00Z', '2025-03-12T14:30:00Z');
    expect(inEffectUntil(deploy, now)).toBe(at('2025-03-12T14:30:00Z'));
    expect(windowState(deploy, now)).toBe('active');
    const nightly = recurring('Nightly', [['2025-03-12T13:45:00Z', '2025-03-12T14:15:00Z'], ['2025-03-13T13:45:00Z', '2025-03-13T14:15:00Z']]);
    expect(inEffectUntil(nightly, now)).toBe(at('2025-03-12T14:15:00Z'));
    expect(nextOccurrence(nightly, now)).toEqual({ startsAt: '2025-03-13T13:45:00Z', endsAt: '2025-03-13T14:15:00Z' });
  });

  it('reads the times again rather than trusting a list fetched earlier', () => {
    // Fetched before it started: the server said not in effect; it is now.
    const started = once('Deploy', '2025-03-12T13:59:00Z', '2025-03-12T15:00:00Z', { activeUntil: null });
    expect(windowState(started, now)).toBe('active');
    // Fetched while in effect; it has ended since.
    const over = once('Old', '2025-03-12T12:00:00Z', '2025-03-12T13:00:00Z', { activeUntil: '2025-03-12T13:00:00Z' });
    expect(windowState(over, now)).toBe('ended');
    expect(inEffectUntil(over, now)).toBeNull();
    expect(windowState(recurring('Stale', [['2025-03-11T02:00:00Z', '2025-03-11T02:30:00Z']]), now)).toBe('recurring');
  });

  it('takes the server’s later end when occurrences overlap', () => {
    const w = recurring('Long', [['2025-03-12T13:00:00Z', '2025-03-12T14:30:00Z']], { activeUntil: '2025-03-12T16:00:00Z' });
    expect(inEffectUntil(w, now)).toBe(at('2025-03-12T16:00:00Z'));
  });

  it('groups windows, each group in the order people look for', () => {
    const items = [
      once('Later deploy', '2025-03-14T10:00:00Z', '2025-03-14T11:00:00Z'),
      once('Ended long ago', '2025-03-01T10:00:00Z', '2025-03-01T11:00:00Z'),
      recurring('Weekly', [['2025-03-15T02:00:00Z', '2025-03-15T03:00:00Z']]),
      once('Ends soon', '2025-03-12T13:00:00Z', '2025-03-12T14:10:00Z'),
      once('Soon deploy', '2025-03-12T16:00:00Z', '2025-03-12T17:00:00Z'),
      once('Ended', '2025-03-11T10:00:00Z', '2025-03-11T11:00:00Z'),
      recurring('Nightly', [['2025-03-13T01:00:00Z', '2025-03-13T01:30:00Z']]),
      once('Ends later', '2025-03-12T12:00:00Z', '2025-03-12T18:00:00Z'),
    ];
    const g = groupWindows(items, now);
    const names = (ws: MaintenanceWindow[]) => ws.map((w) => w.name);
    expect(names(g.active)).toEqual(['Ends soon', 'Ends later']);
    expect(names(g.upcoming)).toEqual(['Soon deploy', 'Later deploy']);
    expect(names(g.recurring)).toEqual(['Nightly', 'Weekly']);
    expect(names(g.ended)).toEqual(['Ended', 'Ended long ago']);
  });

  it('says until when a service is in maintenance, the latest end of the windows in effect', () => {
    expect(serviceMaintenance([once('Later', '2025-03-13T10:00:00Z', '2025-03-13T11:00:00Z')], now)).toBeNull();
    expect(
      serviceMaintenance(
        [
          once('Deploy', '2025-03-12T13:00:00Z', '2025-03-12T14:30:00Z'),
          once('Everything', '2025-03-12T13:00:00Z', '2025-03-12T15:00:00Z', { serviceIds: null, services: [] }),
          once('Later', '2025-03-13T10:00:00Z', '2025-03-13T11:00:00Z'),
        ],
        now,
      ),
    ).toEqual({ until: at('2025-03-12T15:00:00Z'), names: ['Deploy', 'Everything'] });
  });
});

describe('who may plan maintenance', () => {
  const teams: Record<string, string> = { s1: 'team-a', s2: 'team-b' };
  const teamOf = (id: string) => teams[id];
  const admin = { role: 'admin' as const, teamIds: [] };
  const responder = { role: 'responder' as const, teamIds: ['team-a'] };
  const viewer = { role: 'viewer' as const, teamIds: ['team-a'] };

  it('lets admins and responders in a team plan', () => {
    expect(canPlanMaintenance(admin)).toBe(true);
    expect(canPlanMaintenance(responder)).toBe(true);
    expect(canPlanMaintenance({ role: 'responder', teamIds: [] })).toBe(false);
    expect(canPlanMaintenance(viewer)).toBe(false);
  });

  it('lets responders change windows whose services are all their teams’', () => {
    expect(canEditWindow(admin, { serviceIds: null }, teamOf)).toBe(true);
    expect(canEditWindow(responder, { serviceIds: ['s1'] }, teamOf)).toBe(true);
    expect(canEditWindow(responder, { serviceIds: ['s1', 's2'] }, teamOf)).toBe(false);
    expect(canEditWindow(responder, { serviceIds: null }, teamOf)).toBe(false);
    expect(canEditWindow(responder, { serviceIds: ['unknown'] }, teamOf)).toBe(false);
    expect(canEditWindow(viewer, { serviceIds: ['s1'] }, teamOf)).toBe(false);
  });

  it('offers responders their teams’ services, and keeps ones already chosen', () => {
    const services = [
      { id: 's1', teamId: 'team-a' },
      { id: 's2', teamId: 'team-b' },
      { id: 's3', teamId: 'team-b' },
    ];
    expect(selectableServices(admin, services, []).map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(selectableServices(responder, services, []).map((s) => s.id)).toEqual(['s1']);
    expect(selectableServices(responder, services, ['s3']).map((s) => s.id)).toEqual(['s1', 's3']);
  });
});
