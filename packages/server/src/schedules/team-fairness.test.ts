import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorld, unique, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

/**
 * The fairness view over HTTP. Clock: Tue 2026-03-03 10:00 UTC; two weeks back and
 * two ahead. Team A's schedules: a weekly Tuesday 10:00 rotation Ana/Bo (Ana from
 * 17 February) with Cy as secondary all along, and Ana's weekday 09–17 daytime
 * cover, which overlaps her own weeks. Bo lives on Kiritimati (UTC+14).
 */
describe.each(await databaseKinds())('team fairness on %s', (kind) => {
  let h: Harness;
  let w: World;
  let ana: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let dee: TestUser;

  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
    [ana, bo, cy, dee] = (await Promise.all(['Ana', 'Bo', 'Cy', 'Dee'].map((name) => createUser(w.admin, 'responder', { name })))) as [TestUser, TestUser, TestUser, TestUser];
    for (const u of [ana, bo, dee]) await w.admin.call('PUT', `/api/teams/${w.teamA.id}/members/${u.id}`, undefined, 204);
    await w.admin.call('PATCH', `/api/users/${bo.id}`, { timeZone: 'Pacific/Kiritimati' });
    const layer = { startDate: '2026-02-03' };
    await w.admin.call('POST', '/api/schedules', {
      name: unique('rotation'),
      teamId: w.teamA.id,
      timeZone: 'UTC',
      layers: [
        { ...layer, participantIds: [ana.id, bo.id] },
        { ...layer, role: 'secondary', participantIds: [cy.id] },
      ],
    });
    await w.admin.call('POST', '/api/schedules', {
      name: unique('daytime'),
      teamId: w.teamA.id,
      timeZone: 'UTC',
      layers: [{ ...layer, participantIds: [ana.id], shiftUnit: 'day', restriction: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] }],
    });
    // Another team's schedule does not count here.
    await w.admin.call('POST', '/api/schedules', { name: unique('elsewhere'), teamId: w.teamB.id, timeZone: 'UTC', layers: [{ ...layer, participantIds: [ana.id] }] });
    // Team holidays have no API of their own yet; they are local dates of each person.
    await h.operable.deps.database.db.updateTable('teams').set({ holidays: JSON.stringify(['2026-02-19', '2026-02-26']) }).where('id', '=', w.teamA.id).execute();
  });
  afterAll(async () => {
    await h?.close();
  });

  const hours = (primary: number, secondary: number, weekday: number, weekend: number, holiday: number) => ({
    primary,
    secondary,
    weekday,
    weekend,
    holiday,
    total: weekday + weekend + holiday,
  });

  it('counts hours per person, past apart from ahead, overlaps once, weekends and holidays in each person’s zone', async () => {
    const view = await w.viewer.call('GET', `/api/teams/${w.teamA.id}/fairness?weeksBack=2&weeksAhead=2`);
    expect(view).toMatchObject({ teamId: w.teamA.id, from: '2026-02-17T10:00:00.000Z', now: '2026-03-03T10:00:00.000Z', to: '2026-03-17T10:00:00.000Z', holidays: ['2026-02-19', '2026-02-26'] });
    expect(view.schedules).toHaveLength(2);
    const row = (u: TestUser) => view.people.find((p: { user: { id: string } }) => p.user.id === u.id);

    // Ana: her week (Thursday 19th a holiday) plus 40 daytime hours in Bo's week (Thursday 26th a holiday).
    expect(row(ana)).toMatchObject({ member: true, past: hours(208, 0, 128, 48, 32), ahead: hours(208, 0, 160, 48, 0), total: hours(416, 0, 288, 96, 32) });
    // Bo's week is Wednesday 00:00 to Wednesday 00:00 on Kiritimati, the 26th a holiday there.
    expect(row(bo)).toMatchObject({ user: { timeZone: 'Pacific/Kiritimati' }, past: hours(168, 0, 96, 48, 24), ahead: hours(168, 0, 120, 48, 0) });
    // Cy is on call for the team without being in it.
    expect(row(cy)).toMatchObject({ member: false, past: hours(0, 336, 192, 96, 48), ahead: hours(0, 336, 240, 96, 0) });
    // Dee is in the team and carries nothing: shown, as a zero.
    expect(row(dee)).toMatchObject({ member: true, total: hours(0, 0, 0, 0, 0), share: 0 });

    expect(view.people.map((p: { user: { name: string } }) => p.user.name)).toEqual(['Cy', 'Ana', 'Bo', 'Dee', 'Rico Responder']);
    expect(row(ana).share).toBeCloseTo(416 / 1424, 3);
    expect(view.people.reduce((s: number, p: { share: number }) => s + p.share, 0)).toBeCloseTo(1, 2);
  });

  it('accepts an empty range and the defaults (4 and 4 weeks)', async () => {
    const empty = await w.viewer.call('GET', `/api/teams/${w.teamA.id}/fairness?weeksBack=0&weeksAhead=0`);
    expect(empty.from).toBe(empty.to);
    expect(empty.people.every((p: { total: { total: number } }) => p.total.total === 0)).toBe(true);
    const defaults = await w.viewer.call('GET', `/api/teams/${w.teamA.id}/fairness`);
    expect([defaults.from, defaults.to]).toEqual(['2026-02-03T10:00:00.000Z', '2026-03-31T10:00:00.000Z']);
  });

  it('answers 404 for an unknown team and 400 beyond 26 weeks', async () => {
    const missing = await w.viewer.request(`/api/teams/${crypto.randomUUID()}/fairness`);
    expect(missing.status).toBe(404);
    const far = await w.viewer.request(`/api/teams/${w.teamA.id}/fairness?weeksAhead=27`);
    expect(far.status).toBe(400);
  });
});
