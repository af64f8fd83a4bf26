import { MAX_MAINTENANCE_MINUTES as CONTRACT_MAX, MaintenanceWindowInput, type MaintenanceWindow } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { draftFromWindow, draftSpan, MAX_MAINTENANCE_MINUTES, newDraft, presetSpan, readDraft, type MaintenanceDraft } from './maintenance-draft';

const at = (iso: string) => Date.parse(iso);
// 14:05:37 in Berlin (UTC+1 in March).
const now = at('2025-03-12T13:05:37Z');
const zone = 'Europe/Berlin';

function read(d: MaintenanceDraft) {
  const r = readDraft(d, zone);
  if (!r.ok) throw new Error(r.problem);
  // Whatever the form sends, the contract accepts.
  expect(MaintenanceWindowInput.safeParse(r.input).success).toBe(true);
  return r.input;
}

const problem = (d: MaintenanceDraft) => {
  const r = readDraft(d, zone);
  return r.ok ? null : r.problem;
};

describe('one-off windows', () => {
  it('starts now for the chosen minutes, to the second', () => {
    const span = presetSpan(now, 30, zone);
    expect(span).toMatchObject({ startsAt: '2025-03-12T14:05', endsAt: '2025-03-12T14:35' });
    const input = read({ ...newDraft(now, zone, ['3548c7cd-2584-45dc-b740-4dcd8f7598b3']), name: ' Deploy ', ...span });
    expect(input).toEqual({
      kind: 'once',
      name: 'Deploy',
      serviceIds: ['3548c7cd-2584-45dc-b740-4dcd8f7598b3'],
      startsAt: '2025-03-12T13:05:37.000Z',
      endsAt: '2025-03-12T13:35:37.000Z',
    });
  });

  it('reads an edited time in the viewer’s zone', () => {
    const d = { ...newDraft(now, zone, ['3548c7cd-2584-45dc-b740-4dcd8f7598b3']), name: 'Deploy', endsAt: '2025-03-12T18:00' };
    expect(read(d)).toMatchObject({ startsAt: '2025-03-12T13:05:37.000Z', endsAt: '2025-03-12T17:00:00.000Z' });
    expect(draftSpan(d, zone)).toEqual({ start: at('2025-03-12T13:05:37Z'), end: at('2025-03-12T17:00:00Z'), minutes: 234 });
  });

  it('keeps the occurrence of a repeated hour it was saved with', () => {
    // Berlin goes back from 03:00 to 02:00 on 26 October 2025: 02:30 happens twice; this is the later one.
    const saved = window1({ startsAt: '2025-10-26T01:30:00Z', endsAt: '2025-10-26T02:30:00Z' });
    const d = draftFromWindow(saved, zone, now);
    expect(d.startsAt).toBe('2025-10-26T02:30');
    expect(read(d)).toMatchObject({ startsAt: '2025-10-26T01:30:00.000Z', endsAt: '2025-10-26T02:30:00.000Z' });
  });

  it('asks for a span that is complete, forwards and at most a week', () => {
    const base = { ...newDraft(now, zone, ['3548c7cd-2584-45dc-b740-4dcd8f7598b3']), name: 'Deploy' };
    expect(problem({ ...base, endsAt: '' })).toBe('Fill in both the start and the end.');
    expect(problem({ ...base, endsAt: '2025-03-12T14:00' })).toBe('The end must be after the start.');
    expect(draftSpan({ ...base, endsAt: '2025-03-12T14:00' }, zone)).toBeNull();
    expect(problem({ ...base, endsAt: '2025-03-19T15:00' })).toBe('A maintenance window lasts at most a week.');
  });
});

describe('recurring windows and scope', () => {
  const base = (): MaintenanceDraft => ({ ...newDraft(now, zone, ['3548c7cd-2584-45dc-b740-4dcd8f7598b3']), name: 'Nightly', kind: 'recurring' });

  it('sends days in order, the start time and whole minutes', () => {
    expect(read({ ...base(), days: [5, 1, 3, 1], start: '02:00', durationMinutes: '45', timeZone: 'America/New_York' })).toEqual({
      kind: 'recurring',
      name: 'Nightly',
      serviceIds: ['3548c7cd-2584-45dc-b740-4dcd8f7598b3'],
      timeZone: 'America/New_York',
      days: [1, 3, 5],
      start: '02:00',
      durationMinutes: 45,
    });
  });

  it('asks for days, a start time and a duration within a week', () => {
    expect(problem({ ...base(), days: [] })).toBe('Choose at least one day.');
    expect(problem({ ...base(), start: '' })).toBe('Choose a start time.');
    for (const bad of ['', '0', '1.5', '10081', 'soon']) {
      expect(problem({ ...base(), durationMinutes: bad })).toMatch(/^The duration must be a whole number of minutes from 1 to 10080/);
    }
    expect(problem({ ...base(), durationMinutes: '10080' })).toBeNull();
  });

  it('allows the contract’s longest window', () => {
    expect(MAX_MAINTENANCE_MINUTES).toBe(CONTRACT_MAX);
  });

  it('covers every service when asked, and asks for a name and services', () => {
    expect(read({ ...base(), allServices: true })).toMatchObject({ serviceIds: null });
    expect(problem({ ...base(), serviceIds: [] })).toBe('Choose at least one service.');
    expect(problem({ ...base(), name: '  ' })).toBe('Give the maintenance window a name.');
  });

  it('fills the form from a saved window', () => {
    const saved: MaintenanceWindow = {
      ...window1({}),
      kind: 'recurring',
      serviceIds: null,
      startsAt: null,
      endsAt: null,
      timeZone: 'Asia/Tokyo',
      days: [6, 7],
      start: '23:00',
      durationMinutes: 90,
    };
    expect(draftFromWindow(saved, zone, now)).toMatchObject({
      name: 'Release',
      allServices: true,
      kind: 'recurring',
      timeZone: 'Asia/Tokyo',
      days: [6, 7],
      start: '23:00',
      durationMinutes: '90',
      // Ready should the kind change to one-off.
      startsAt: '2025-03-12T14:05',
    });
  });
});

function window1(extra: Partial<MaintenanceWindow>): MaintenanceWindow {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Release',
    kind: 'once',
    serviceIds: ['3548c7cd-2584-45dc-b740-4dcd8f7598b3'],
    services: [{ id: '3548c7cd-2584-45dc-b740-4dcd8f7598b3', name: 'Checkout' }],
    startsAt: '2025-03-12T13:00:00Z',
    endsAt: '2025-03-12T14:00:00Z',
    timeZone: null,
    days: null,
    start: null,
    durationMinutes: null,
    activeUntil: null,
    next: [],
    createdAt: '2025-03-01T00:00:00Z',
    createdBy: null,
    ...extra,
  };
}
