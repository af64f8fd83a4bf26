import type { IncidentRoleAssignment } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { followsByEmail, incidentNextAction, keyMomentChoices, nextUpdateText, pageState } from './incident-format';

const role = (r: IncidentRoleAssignment['role'], page: IncidentRoleAssignment['page'] = null): IncidentRoleAssignment => ({
  id: 'a',
  role: r,
  user: { id: 'u', name: 'Ana' },
  assignedAt: '2026-01-01T03:00:00.000Z',
  assignedBy: null,
  endedAt: null,
  handedTo: null,
  page,
});

describe('incident next action', () => {
  const base = { status: 'investigating' as const, updateOverdue: false, nextUpdateAt: null, roles: [role('commander')] };
  it('asks for an update first, then a communicator, then resolving once monitoring', () => {
    expect(incidentNextAction(base, 0)).toBe('post-update');
    expect(incidentNextAction({ ...base, updateOverdue: true, roles: [role('communicator')] }, 3)).toBe('post-update');
    expect(incidentNextAction(base, 1)).toBe('assign-communicator');
    expect(incidentNextAction({ ...base, roles: [role('communicator')], status: 'monitoring' }, 1)).toBe('resolve');
    expect(incidentNextAction({ ...base, status: 'resolved' }, 0)).toBe('none');
  });
});

describe('page state and next update', () => {
  const page = { alertId: 'x', alertNumber: 3, status: 'triggered' as const, pagedAt: '2026-01-01T03:00:00.000Z', notifiedAt: null, acknowledgedAt: null };
  it('says how far a page into a role got', () => {
    expect(pageState(role('scribe'))).toBeNull();
    expect(pageState(role('scribe', page))).toBe('paged, no delivery yet');
    expect(pageState(role('scribe', { ...page, notifiedAt: page.pagedAt }))).toBe('page delivered, not acknowledged yet');
    expect(pageState(role('scribe', { ...page, status: 'acknowledged', acknowledgedAt: page.pagedAt }))).toBe('acknowledged the page');
  });
  it('counts to the next update, and past it', () => {
    const now = Date.parse('2026-01-01T03:00:00.000Z');
    expect(nextUpdateText(null, now)).toBe('No next update planned');
    expect(nextUpdateText('2026-01-01T03:12:00.000Z', now)).toBe('Next update due in 12 min');
    expect(nextUpdateText('2026-01-01T02:56:00.000Z', now)).toBe('Update overdue by 4 min');
  });
});

describe('key moment choices', () => {
  const at = (m: number) => `2026-01-01T03:${String(m).padStart(2, '0')}:00.000Z`;
  const timeline = [
    { id: '1', at: at(1), keyMoment: 'detected' as const },
    { id: '2', at: at(5), keyMoment: null },
    { id: '3', at: at(9), keyMoment: 'mitigated' as const },
  ];
  const hhmm = (iso: string) => iso.slice(11, 16);
  it('offers the four moments in order, marking the one the entry holds', () => {
    const choices = keyMomentChoices(timeline, '3', hhmm);
    expect(choices.map((c) => c.moment)).toEqual(['detected', 'acknowledged', 'mitigated', 'resolved']);
    expect(choices.find((c) => c.current)?.moment).toBe('mitigated');
    expect(choices.find((c) => c.moment === 'mitigated')?.movesFrom).toBeNull();
  });
  it('says a moment held by another entry moves from that entry’s time', () => {
    const choices = keyMomentChoices(timeline, '2', hhmm);
    expect(choices.find((c) => c.moment === 'detected')?.movesFrom).toBe('03:01');
    expect(choices.find((c) => c.moment === 'acknowledged')?.movesFrom).toBeNull();
    expect(choices.some((c) => c.current)).toBe(false);
  });
});

describe('following by email', () => {
  it('matches the address whatever its case or spaces', () => {
    const subs = [{ channel: 'webhook' as const, address: 'ana@example.com' }, { channel: 'email' as const, address: ' Ana@Example.com' }];
    expect(followsByEmail(subs, 'ana@example.com')).toBe(true);
    expect(followsByEmail(subs.slice(0, 1), 'ana@example.com')).toBe(false);
    expect(followsByEmail(subs, 'bo@example.com')).toBe(false);
  });
});
