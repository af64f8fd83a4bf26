import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorld, unique, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const HOUR = 3_600_000;

/** Schedules through the API: layers, overrides, swaps, shadows, handoff notes, who is on call. Clock: Tue 2026-03-03 10:00 UTC. */
describe.each(await databaseKinds())('schedules on %s', (kind) => {
  let h: Harness;
  let w: World;
  let ana: TestUser;
  let ben: TestUser;
  let cai: TestUser;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    [ana, ben, cai] = await Promise.all(['Ana', 'Ben', 'Cai'].map((name) => createUser(w.admin, 'responder', { name })));
    await w.admin.call('PUT', `/api/teams/${w.teamA.id}/members/${ana!.id}`, undefined, 204);
  });
  afterAll(async () => {
    await h?.close();
  });

  const at = (hours: number) => new Date(h.clock.now().getTime() + hours * HOUR).toISOString();
  const weekly = (name = unique('weekly')) => ({
    name,
    teamId: w.teamA.id,
    timeZone: 'Europe/London',
    layers: [{ participantIds: [ana.id, ben.id, cai.id], startDate: '2026-02-24' }],
  });

  it('creates a weekly Tuesday 10:00 rotation by default and shows it back', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    expect(s.layers[0]).toMatchObject({ name: 'Layer 1', role: 'primary', shiftUnit: 'week', shiftLength: 1, handoffWeekday: 2, handoffTime: '10:00', restriction: null });
    expect(s.layers[0].participants.map((p: { name: string }) => p.name)).toEqual(['Ana', 'Ben', 'Cai']);
    expect(s).toMatchObject({ primaryAckMinutes: 5, secondaryAckMinutes: 30, teamName: w.teamA.name });
    // 24 Feb 10:00 was Ana's; 3 Mar 10:00 (now) is Ben's.
    const now = await w.admin.call('GET', `/api/oncall?scheduleId=${s.id}`);
    expect(now.items.map((i: { user: { name: string }; start: string; end: string }) => [i.user.name, i.start, i.end])).toEqual([
      ['Ben', '2026-03-03T10:00:00.000Z', '2026-03-10T10:00:00.000Z'],
    ]);
  });

  it('lists every shift over the next weeks, and the shifts view tiles the range', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const weeks = await w.admin.call('GET', `/api/oncall?scheduleId=${s.id}&weeks=3`);
    expect(weeks.items.map((i: { user: { name: string } }) => i.user.name)).toEqual(['Ben', 'Cai', 'Ana']);
    // London springs forward on 29 March: the handoff on the 31st is 10:00 BST, 09:00 UTC.
    const shifts = await w.admin.call('GET', `/api/schedules/${s.id}/shifts?from=2026-03-20T00:00:00Z&to=2026-04-08T00:00:00Z`);
    expect(shifts.final.primary.map((x: { start: string }) => x.start)).toEqual(['2026-03-20T00:00:00.000Z', '2026-03-24T10:00:00.000Z', '2026-03-31T09:00:00.000Z', '2026-04-07T09:00:00.000Z']);
    expect(shifts.gaps).toEqual([]);
  });

  it('finds the schedules a service pages through its policy', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const policy = await w.admin.call('POST', '/api/escalation-policies', { name: unique('p'), teamId: w.teamA.id, steps: [{ delayMinutes: 5, targets: [{ type: 'schedule', scheduleId: s.id }] }] });
    const service = await w.admin.call('POST', '/api/services', { name: unique('svc'), teamId: w.teamA.id, escalationPolicyId: policy.id });
    const byService = await w.viewer.call('GET', `/api/oncall?serviceId=${service.id}`);
    expect(byService.items.map((i: { schedule: { id: string }; user: { name: string } }) => [i.schedule.id, i.user.name])).toEqual([[s.id, 'Ben']]);
    const byPolicy = await w.viewer.call('GET', `/api/oncall?policyId=${policy.id}`);
    expect(byPolicy.items).toEqual(byService.items);
  });

  it('an override replaces exactly its span and can be removed', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const o = await w.responder.call('POST', `/api/schedules/${s.id}/overrides`, { userId: cai.id, start: at(1), end: at(3), reason: 'Dentist' });
    const shifts = await w.viewer.call('GET', `/api/schedules/${s.id}/shifts?from=${at(0)}&to=${at(4)}`);
    expect(shifts.final.primary.map((x: { user: { name: string }; start: string }) => [x.user.name, x.start])).toEqual([
      ['Ben', at(0)],
      ['Cai', at(1)],
      ['Ben', at(3)],
    ]);
    expect(shifts.overrides.map((x: { reason: string }) => x.reason)).toEqual(['Dentist']);
    await w.responder.call('DELETE', `/api/schedules/${s.id}/overrides/${o.id}`, undefined, 204);
    const after = await w.viewer.call('GET', `/api/schedules/${s.id}/shifts?from=${at(0)}&to=${at(4)}`);
    expect(after.final.primary.map((x: { user: { name: string } }) => x.user.name)).toEqual(['Ben']);
  });

  it('refuses an override that ends before it starts or is already over, naming the field', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    for (const [start, end] of [[at(2), at(1)], [at(-3), at(-1)]]) {
      const res = await h.request(`/api/schedules/${s.id}/overrides`, { method: 'POST', headers: await w.admin.headers('key'), json: { userId: ana.id, start, end } });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details.fields[0].field).toBe('end');
    }
  });

  it('swap: the person on call asks, the other accepts, the override appears and both hear of it', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const request = await ben.call('POST', `/api/schedules/${s.id}/swap-requests`, { responderId: ana.id, start: at(24), end: at(48), message: 'Wedding' });
    expect(request).toMatchObject({ status: 'pending', requester: { name: 'Ben' }, responder: { name: 'Ana' } });
    expect((await ana.call('GET', '/api/inbox')).items[0]).toMatchObject({ kind: 'swap_request', title: expect.stringContaining('Ben asks you to cover') });
    // Only the person asked may answer.
    const refused = await h.request(`/api/swap-requests/${request.id}/accept`, { method: 'POST', headers: await cai.headers('key') });
    expect(refused.status).toBe(403);
    const accepted = await ana.call('POST', `/api/swap-requests/${request.id}/accept`, undefined, 200);
    expect(accepted.status).toBe('accepted');
    const later = await w.viewer.call('GET', `/api/oncall?scheduleId=${s.id}&at=${at(30)}`);
    expect(later.items[0].user.name).toBe('Ana');
    expect((await ben.call('GET', '/api/inbox')).items[0]).toMatchObject({ kind: 'swap_decided', title: expect.stringContaining('Ana accepted') });
    // Answered once: a second answer conflicts.
    const again = await h.request(`/api/swap-requests/${request.id}/decline`, { method: 'POST', headers: await ana.headers('key') });
    expect(again.status).toBe(409);
    expect((await ben.call('GET', '/api/swap-requests')).items.map((r: { id: string }) => r.id)).toContain(request.id);
  });

  it('swap: asking to be covered for time you are not on call is refused', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const res = await h.request(`/api/schedules/${s.id}/swap-requests`, { method: 'POST', headers: await ana.headers('key'), json: { responderId: cai.id, start: at(1), end: at(2) } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields[0]).toMatchObject({ field: 'start' });
  });

  it('handoff notes belong to the current shift of the person on call', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const note = await ben.call('PUT', `/api/schedules/${s.id}/handoff-note`, { body: 'db-2 disk fills at night' }, 200);
    expect(note).toMatchObject({ shiftStart: '2026-03-03T10:00:00.000Z', shiftEnd: '2026-03-10T10:00:00.000Z', body: 'db-2 disk fills at night' });
    expect((await ben.call('GET', `/api/schedules/${s.id}/handoff-note`)).body).toBe('db-2 disk fills at night');
    const notOnCall = await h.request(`/api/schedules/${s.id}/handoff-note`, { headers: await ana.headers('key') });
    expect(notOnCall.status).toBe(409);
  });

  it('shadows are listed and removed; a self-shadow is refused', async () => {
    const s = await w.admin.call('POST', '/api/schedules', weekly());
    const shadow = await w.admin.call('POST', `/api/schedules/${s.id}/shadows`, { userId: cai.id, shadowedUserId: ben.id, start: at(0) });
    expect((await w.viewer.call('GET', `/api/schedules/${s.id}/shadows`)).items).toEqual([shadow]);
    const self = await h.request(`/api/schedules/${s.id}/shadows`, { method: 'POST', headers: await w.admin.headers('key'), json: { userId: cai.id, shadowedUserId: cai.id, start: at(0) } });
    expect(self.status).toBe(400);
    await w.admin.call('DELETE', `/api/schedules/${s.id}/shadows/${shadow.id}`, undefined, 204);
    expect((await w.viewer.call('GET', `/api/schedules/${s.id}/shadows`)).items).toEqual([]);
  });

  it('higher layers win, restrictions leave gaps the view reports, and names are unique', async () => {
    const s = await w.admin.call('POST', '/api/schedules', {
      ...weekly(),
      layers: [
        { participantIds: [ana.id], startDate: '2026-02-24', restriction: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] },
        { participantIds: [cai.id], shiftUnit: 'day', handoffTime: '00:00', startDate: '2026-02-24', restriction: [{ days: [3], start: '12:00', end: '13:00' }] },
      ],
    });
    const shifts = await w.viewer.call('GET', `/api/schedules/${s.id}/shifts?from=2026-03-04T08:00:00Z&to=2026-03-04T18:00:00Z`);
    expect(shifts.final.primary.map((x: { user: { name: string }; start: string; end: string }) => [x.user.name, x.start.slice(11, 16), x.end.slice(11, 16)])).toEqual([
      ['Ana', '09:00', '12:00'],
      ['Cai', '12:00', '13:00'],
      ['Ana', '13:00', '17:00'],
    ]);
    expect(shifts.gaps.map((g: { start: string; end: string }) => [g.start.slice(11, 16), g.end.slice(11, 16)])).toEqual([
      ['08:00', '09:00'],
      ['17:00', '18:00'],
    ]);
    const dup = await h.request('/api/schedules', { method: 'POST', headers: await w.admin.headers('key'), json: { ...weekly(s.name.toUpperCase()) } });
    expect(dup.status).toBe(409);
  });

  it('responders edit only their own teams’ schedules; every change is audited', async () => {
    const mine = await w.responder.call('POST', '/api/schedules', weekly());
    await w.responder.call('PATCH', `/api/schedules/${mine.id}`, { layers: [{ participantIds: [cai.id], startDate: '2026-03-01', shiftUnit: 'day' }] }, 200);
    const theirs = await w.admin.call('POST', '/api/schedules', { ...weekly(), teamId: w.teamB.id });
    const res = await h.request(`/api/schedules/${theirs.id}`, { method: 'PATCH', headers: await w.responder.headers('key'), json: { name: 'Mine now' } });
    expect(res.status).toBe(403);
    const audit = await w.admin.call('GET', '/api/audit?limit=5');
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('schedule.update');
  });
});
