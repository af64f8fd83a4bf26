import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, createUser, unique, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

/** The team action list, the toil log and the risk backlog through the API. */
describe.each(await databaseKinds())('health lists on %s', (kind) => {
  let h: Harness;
  let admin: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  let team: { id: string };
  let service: { id: string; name: string };

  beforeAll(async () => {
    h = await createHarness(kind);
    h.clock.set(new Date('2026-11-04T12:00:00Z')); // Wednesday
    admin = await createAdmin(h);
    ana = await createUser(admin, 'responder', { name: 'Ana' });
    ben = await createUser(admin, 'responder', { name: 'Ben' });
    team = await admin.call('POST', '/api/teams', { name: unique('lists-team'), memberIds: [ana.id, ben.id] });
    service = await admin.call('POST', '/api/services', { name: unique('api'), teamId: team.id });
  });
  afterAll(async () => h?.close());

  it('turns a noisy source into one top-priority action item, however many clicks', async () => {
    const first = await h.request(`/api/health/teams/${team.id}/actions`, { method: 'POST', json: { serviceId: service.id, alertKey: 'disk-full' }, headers: await ana.headers('key') });
    expect(first.status).toBe(201);
    const item = await first.json();
    expect(item).toMatchObject({ priority: 'top', status: 'open', serviceId: service.id, serviceName: service.name, alertKey: 'disk-full', createdBy: expect.any(String) });
    expect(item.title).toContain(service.name);
    const again = await h.request(`/api/health/teams/${team.id}/actions`, { method: 'POST', json: { serviceId: service.id, alertKey: 'disk-full' }, headers: await ben.headers('key') });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(item.id);
    // A plain item, and the list puts the top one first.
    await ana.call('POST', `/api/health/teams/${team.id}/actions`, { title: 'Write the runbook for failovers' }, 201);
    const list = await admin.call('GET', `/api/health/teams/${team.id}/actions`);
    expect(list.items.map((i: { priority: string }) => i.priority)).toEqual(['top', 'normal']);
    // Done; a new click opens a fresh item; reopening the old one would duplicate the source.
    await ana.call('PATCH', `/api/health/actions/${item.id}`, { status: 'done', ownerId: ana.id }, 200);
    const fresh = await ana.call('POST', `/api/health/teams/${team.id}/actions`, { serviceId: service.id, alertKey: 'disk-full' }, 201);
    expect(fresh.id).not.toBe(item.id);
    const reopen = await ana.call('PATCH', `/api/health/actions/${item.id}`, { status: 'open' }, 400);
    expect(reopen.error.details.fields[0].field).toBe('status');
    const audit = await admin.call('GET', `/api/audit?entityId=${item.id}`);
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['health_action.create', 'health_action.update']);
  });

  it('logs toil and shows the team share against working hours with the 25 % line', async () => {
    const entry = await ana.call('POST', '/api/health/toil', { what: 'rotated certs by hand', minutes: 45, serviceId: service.id, category: 'manual_ops' }, 201);
    expect(entry).toMatchObject({ teamId: team.id, minutes: 45, doneOn: '2026-11-04', serviceName: service.name, user: { name: 'Ana' } });
    // Ana is on one team: no service or team needed.
    await ana.call('POST', '/api/health/toil', { what: 'Rotated certs by hand', minutes: 15 }, 201);
    await ben.call('POST', '/api/health/toil', { what: 'restarted the queue', minutes: 600, doneOn: '2026-11-02' }, 201);
    const future = await ben.call('POST', '/api/health/toil', { what: 'x', minutes: 5, doneOn: '2026-11-05' }, 400);
    expect(future.error.details.fields[0].field).toBe('doneOn');
    const toil = await admin.call('GET', `/api/health/teams/${team.id}/toil?weeks=1`);
    // 11 h over 2 people × 40 h
    expect(toil).toMatchObject({ people: 2, toilHours: 11, workingHours: 80, share: 0.138, target: 0.25, overTarget: false, from: '2026-11-02', to: '2026-11-08' });
    expect(toil.topRecurring).toEqual([
      { what: 'restarted the queue', times: 1, hours: 10 },
      { what: 'Rotated certs by hand', times: 2, hours: 1 }, // named as last written
    ]);
    expect(toil.weekly).toEqual([{ weekStart: '2026-11-02', toilHours: 11, share: 0.138 }]);
    expect(toil.workingHoursFrom).toEqual({ settings: 2, fallback: 0 }); // everyone has the default Mon–Fri 09–17 setting
    // Ben works Mon–Wed 09:00–15:00 (18 h); Ana's setting has no days, so she counts at 40 h: 11 h of 58 h.
    await admin.call('PATCH', `/api/users/${ben.id}`, { workingHours: { days: [1, 2, 3], start: '09:00', end: '15:00' } });
    await admin.call('PATCH', `/api/users/${ana.id}`, { workingHours: { days: [], start: '09:00', end: '17:00' } });
    const partTime = await admin.call('GET', `/api/health/teams/${team.id}/toil?weeks=1`);
    expect(partTime).toMatchObject({ workingHours: 58, share: 0.19, workingHoursFrom: { settings: 1, fallback: 1 } });
    // Each person's own: Ben 10 h of his 18 h; Ana 1 h of the 40-hour fallback.
    expect(await ana.call('GET', `/api/health/people/${ben.id}/toil?weeks=1`)).toMatchObject({ from: '2026-11-02', to: '2026-11-08', toilHours: 10, workingHours: 18, workingHoursSource: 'working_hours', share: 0.556, overTarget: true });
    const anas = await ana.call('GET', `/api/health/people/${ana.id}/toil?weeks=2`);
    expect(anas).toMatchObject({ from: '2026-10-26', toilHours: 1, workingHours: 80, workingHoursSource: 'default', share: 0.013, overTarget: false });
    expect(anas.weekly).toEqual([{ weekStart: '2026-10-26', toilHours: 0, share: 0 }, { weekStart: '2026-11-02', toilHours: 1, share: 0.025 }]);
    // Ben may not remove Ana's entry unless he edits the team (he does: same team); an outsider may not.
    const outsider = await createUser(admin, 'responder', { name: 'Out' });
    await outsider.call('DELETE', `/api/health/toil/${entry.id}`, undefined, 403);
    await ana.call('DELETE', `/api/health/toil/${entry.id}`, undefined, 204);
    await outsider.call('POST', '/api/health/toil', { what: 'x', minutes: 5, serviceId: service.id }, 403);
    const none = await outsider.call('POST', '/api/health/toil', { what: 'x', minutes: 5 }, 400);
    expect(none.error.details.fields[0].field).toBe('teamId');
  });

  it('shows toil just logged on the team page and the person\'s, when the person\'s day has turned and the team\'s has not', async () => {
    const was = h.clock.now();
    try {
      // Sunday 23:30 on UTC, the team's zone; already Monday 00:30 in Berlin, where Cleo is.
      h.clock.set(new Date('2026-11-08T23:30:00Z'));
      const cleo = await createUser(admin, 'responder', { name: 'Cleo' });
      await admin.call('PATCH', `/api/users/${cleo.id}`, { timeZone: 'Europe/Berlin' });
      const late = await admin.call('POST', '/api/teams', { name: unique('late-team'), memberIds: [cleo.id] });
      const entry = await cleo.call('POST', '/api/health/toil', { what: 'Drained a node by hand', minutes: 30 }, 201);
      expect(entry.doneOn).toBe('2026-11-08');
      const teamWeek = await admin.call('GET', `/api/health/teams/${late.id}/toil?weeks=1`);
      expect(teamWeek.to).toBe('2026-11-08');
      expect(teamWeek.entries.map((e: { what: string }) => e.what)).toEqual(['Drained a node by hand']);
      const own = await cleo.call('GET', `/api/health/people/${cleo.id}/toil?weeks=4`);
      expect(own).toMatchObject({ toilHours: 0.5, topRecurring: [{ what: 'Drained a node by hand', times: 1, hours: 0.5 }] });
    } finally {
      h.clock.set(was);
    }
  });

  it('keeps a risk backlog scored impact × likelihood, top 10 by score then effort', async () => {
    const mk = (title: string, impact: number, likelihood: number, effort: string, status?: string) =>
      ana.call('POST', `/api/health/teams/${team.id}/risks`, { title, impact, likelihood, effort, ...(status ? { status } : {}) }, 201);
    const a = await mk('Single database, no replica', 5, 4, 'L');
    const b = await mk('Expiring TLS certs rotated by hand', 4, 5, 'S');
    const c = await mk('Backups never restored', 5, 3, '3d');
    await mk('Closed one', 5, 5, 'S', 'closed');
    for (let i = 0; i < 9; i++) await mk(`Minor ${i}`, 1, 1 + (i % 3), 'M');
    expect(a.score).toBe(20);
    const risks = await admin.call('GET', `/api/health/teams/${team.id}/risks`);
    expect(risks.items).toHaveLength(13);
    expect(risks.top).toHaveLength(10);
    // 20 (S) before 20 (L): equal score, the cheaper fix first; then 15; closed risks never.
    expect(risks.top.slice(0, 3).map((r: { id: string }) => r.id)).toEqual([b.id, a.id, c.id]);
    const updated = await ana.call('PATCH', `/api/health/risks/${c.id}`, { likelihood: 1, ownerId: ben.id, serviceIds: [service.id] }, 200);
    expect(updated).toMatchObject({ score: 5, owner: { name: 'Ben' }, serviceIds: [service.id] });
    const bad = await ana.call('PATCH', `/api/health/risks/${c.id}`, { actionItemIds: [crypto.randomUUID()] }, 400);
    expect(bad.error.details.fields[0].field).toBe('actionItemIds.0');
    const outsider = await createUser(admin, 'responder', { name: 'Out2' });
    await outsider.call('PATCH', `/api/health/risks/${c.id}`, { impact: 1 }, 403);
  });
});
