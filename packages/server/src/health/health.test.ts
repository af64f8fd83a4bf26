import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { createAdmin, createUser, unique, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const MIN = 60_000;

/**
 * The health numbers end to end: pages go out through the real pipeline (ntfy push
 * to a local receiver), the engine's health scan copies them into the facts, and the
 * API answers with the numbers worked out by hand below. Ana lives in Cairo, which
 * leaves summer time at midnight on Thursday 29 October 2026; Ben in UTC is the
 * second level; Cy is never paged.
 */
describe.each(await databaseKinds())('health numbers on %s', (kind) => {
  let h: Harness;
  let ntfy: Receiver;
  let admin: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  let cy: TestUser;
  let team: { id: string };
  let service: { id: string };
  let key: string;
  const run = () => h.operable.engine.runUntilIdle();

  beforeAll(async () => {
    ntfy = await startReceiver();
    h = await createHarness(kind, { OPERABLE_NTFY_BASE_URL: ntfy.url });
    admin = await createAdmin(h);
    const people: TestUser[] = [];
    for (const [name, zone] of [['Ana', 'Africa/Cairo'], ['Ben', 'UTC'], ['Cy', 'Europe/Berlin']] as const) {
      const person = await createUser(admin, 'responder', { name });
      await admin.call('PATCH', `/api/users/${person.id}`, { timeZone: zone });
      const db = h.operable.deps.database.db;
      const now = h.clock.now();
      for (const type of ['ntfy', 'email'] as const) {
        const { id } = await db
          .insertInto('contact_methods')
          .values({ user_id: person.id, type, address: type === 'ntfy' ? `oncall-${name.toLowerCase()}` : `${name.toLowerCase()}@example.com`, label: type, verified_at: now, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('notification_rules').values({ user_id: person.id, contact_method_id: id, delay_minutes: 0, urgency: 'any', created_at: now }).execute();
      }
      people.push(person);
    }
    [ana, ben, cy] = people as [TestUser, TestUser, TestUser];
    team = await admin.call('POST', '/api/teams', { name: unique('health-team'), memberIds: people.map((p) => p.id) });
    const policy = await admin.call('POST', '/api/escalation-policies', {
      name: unique('health-policy'),
      teamId: team.id,
      steps: [
        { delayMinutes: 10, targets: [{ type: 'user', userId: ana.id }] },
        { delayMinutes: 10, targets: [{ type: 'user', userId: ben.id }] },
      ],
    });
    service = await admin.call('POST', '/api/services', { name: unique('health-svc'), teamId: team.id, escalationPolicyId: policy.id });
    ({ key } = await admin.call('POST', `/api/services/${service.id}/integrations`, { name: 'pd', kind: 'pagerduty' }));
    await admin.call('PATCH', `/api/health/teams/${team.id}/settings`, { timeZone: 'Africa/Cairo' });
  });
  afterAll(async () => {
    await h?.close();
    await ntfy?.close();
  });

  const trigger = async (dedup: string, drill = false) => {
    const res = await h.request('/v2/enqueue', {
      method: 'POST',
      json: { routing_key: key, event_action: 'trigger', dedup_key: dedup, payload: { summary: `Disk ${dedup}`, source: 'db-1', severity: 'critical', ...(drill ? { custom_details: { drill: true } } : {}) } },
    });
    expect(res.status).toBe(202);
    await run();
    const alerts = await admin.call('GET', `/api/alerts?serviceId=${service.id}&limit=500`);
    return alerts.items.find((a: { dedupKey: string }) => a.dedupKey === dedup).id as string;
  };
  const act = async (who: TestUser, alertId: string, action: 'acknowledge' | 'resolve') => {
    await who.call('POST', `/api/alerts/${alertId}/${action}`, undefined, 200);
    await run();
  };

  it('counts a hand-worked week: buckets in each person’s zone, levels, fairness, drills apart', async () => {
    // Tue 27 Oct, 21:59:30 in Cairo (UTC+3): off-hours for Ana; acknowledged after 2 min.
    h.clock.set(new Date('2026-10-27T18:59:30Z'));
    const a1 = await trigger('disk-full');
    h.clock.advance(2 * MIN);
    await act(ana, a1, 'acknowledge');
    await act(ana, a1, 'resolve');
    // Fri 30 Oct, 22:00:30 in Cairo (UTC+2 now): sleep for Ana. Nobody answers for 10
    // minutes, so Ben (level 2, UTC 20:10: off-hours) is paged; he acknowledges 5 min later.
    h.clock.set(new Date('2026-10-30T20:00:30Z'));
    const a2 = await trigger('replication-lag');
    h.clock.advance(10 * MIN);
    await run();
    h.clock.advance(5 * MIN);
    await act(ben, a2, 'acknowledge');
    h.clock.advance(40 * MIN);
    await act(ben, a2, 'resolve');
    // A drill on Saturday: reported apart, never counted.
    h.clock.set(new Date('2026-10-31T10:00:00Z'));
    const d = await trigger('game-day', true);
    await act(ana, d, 'resolve');
    // The next Monday: the health scan has copied the week.
    h.clock.set(new Date('2026-11-02T09:00:00Z'));
    await run();

    const week = await admin.call('GET', `/api/health/teams/${team.id}?from=${encodeURIComponent('2026-10-26T00:00:00+02:00')}&to=${encodeURIComponent('2026-11-02T00:00:00+02:00')}`);
    expect(week.scope).toMatchObject({ kind: 'team', id: team.id, timeZone: 'Africa/Cairo' });
    expect(week.pageEvents).toBe(2);
    expect(week.band).toBe('edge');
    expect(week.drills).toEqual({ pageEvents: 1, interruptions: 1 });
    expect(week.interruptions).toEqual({ business: 0, off_hours: 2, sleep: 1 });
    const byName = Object.fromEntries(week.people.map((p: { user: { name: string } }) => [p.user.name, p]));
    expect(byName.Ana).toMatchObject({ interruptions: { business: 0, off_hours: 1, sleep: 1 }, weighted: 3.5, disruptedHours: 2 });
    expect(byName.Ben).toMatchObject({ interruptions: { business: 0, off_hours: 1, sleep: 0 }, weighted: 1.5, disruptedHours: 1 });
    expect(byName.Cy).toMatchObject({ total: 0, weighted: 0 });
    // Ana's heat map: Tuesday 21:00 and Friday 22:00 on her own clock.
    expect(byName.Ana.heatMap[1][21]).toBe(1);
    expect(byName.Ana.heatMap[4][22]).toBe(1);
    // Gini of [0, 1.5, 3.5] = (−2·0 + 0·1.5 + 2·3.5) / (3 · 5) = 7/15
    expect(week.fairness.gini).toBeCloseTo(7 / 15, 10);
    expect(week.fairness.uneven).toBe(true);
    // MTTA: 120 s and 900 s; MTTR: 2 min and 55 min (nearest rank)
    expect(week.mtta).toEqual({ count: 2, p50Seconds: 120, p90Seconds: 900 });
    expect(week.mttr).toEqual({ count: 2, p50Seconds: 120, p90Seconds: 3300 });
    expect(week.ackSla).toEqual([
      { level: 1, targetMinutes: 5, pages: 2, withinTarget: 1, share: 0.5 },
      { level: 2, targetMinutes: 30, pages: 1, withinTarget: 1, share: 1 },
    ]);
    expect(week.noisiest.alertKeys.bySleepInterruptions).toEqual([
      { serviceId: service.id, serviceName: expect.any(String), alertKey: 'replication-lag', pageEvents: 1, sleepInterruptions: 1 },
    ]);
    const lastWeek = week.pagerLoad.at(-1);
    // Monday 26 October 00:00 in Cairo is still summer time (UTC+3): the clocks go back on Thursday.
    expect(lastWeek).toEqual({ weekStart: '2026-10-25T21:00:00.000Z', pageEvents: 2, band: 'edge' });
    expect(week.pagerLoad).toHaveLength(12);
    expect(week.pagerLoad.reduce((n: number, w: { pageEvents: number }) => n + w.pageEvents, 0)).toBe(2); // the drill is not counted
    expect(week.recovery.granted).toBeGreaterThanOrEqual(1);
  });

  it('answers a person in their own zone, a service, and the org with the same counts', async () => {
    const range = `from=${encodeURIComponent('2026-10-26T00:00:00+02:00')}&to=${encodeURIComponent('2026-11-02T00:00:00+02:00')}`;
    const mine = await ana.call('GET', `/api/health/people/${ana.id}?${range}`);
    expect(mine.scope).toMatchObject({ kind: 'person', timeZone: 'Africa/Cairo' });
    expect(mine.interruptions).toEqual({ business: 0, off_hours: 1, sleep: 1 });
    expect(mine.people.map((p: { user: { name: string } }) => p.user.name)).toEqual(['Ana']);
    const svc = await admin.call('GET', `/api/health/services/${service.id}?${range}`);
    expect([svc.pageEvents, svc.interruptionsTotal]).toEqual([2, 3]);
    const org = await cy.call('GET', `/api/health/org?${range}`);
    expect(org.pageEvents).toBeGreaterThanOrEqual(2);
  });

  it('defaults to this week in the team’s zone and refuses bad periods naming the field', async () => {
    const now = await admin.call('GET', `/api/health/teams/${team.id}`);
    expect(now.from).toBe('2026-11-01T22:00:00.000Z'); // Monday 00:00 in Cairo
    expect(now.to).toBe('2026-11-02T09:00:00.000Z');
    const backwards = await admin.call('GET', `/api/health/teams/${team.id}?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z`, undefined, 400);
    expect(backwards.error.details.fields[0].field).toBe('query.to');
    const long = await admin.call('GET', `/api/health/teams/${team.id}?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`, undefined, 400);
    expect(long.error.details.fields[0].field).toBe('query.from');
    await admin.call('GET', `/api/health/teams/${crypto.randomUUID()}`, undefined, 404);
  });

  it('leaves out the pages of a drill incident: its linked alerts, and alerts linked or flagged after they paged', async () => {
    // Week of Mon 9 Nov 2026 (Cairo). Tue 10 Nov 11:00 Cairo: a real alert pages Ana, then
    // a game day is declared on it as a drill.
    h.clock.set(new Date('2026-11-10T09:00:00Z'));
    const chaos = await trigger('chaos-monkey');
    await act(ana, chaos, 'acknowledge');
    const drill = await ana.call('POST', '/api/incidents', { title: 'Game day: kill the primary', severity: 3, alertIds: [chaos], drill: true }, 201);
    // Wed 11 Nov: a real page whose incident is declared real, then marked a drill later.
    h.clock.set(new Date('2026-11-11T09:00:00Z'));
    const late = await trigger('late-drill');
    await act(ana, late, 'acknowledge');
    const incident = await ana.call('POST', '/api/incidents', { title: 'Looked real', severity: 3, alertIds: [late] }, 201);
    h.clock.advance(30 * MIN);
    await run();
    const range = `from=${encodeURIComponent('2026-11-09T00:00:00+02:00')}&to=${encodeURIComponent('2026-11-16T00:00:00+02:00')}`;
    const before = await admin.call('GET', `/api/health/teams/${team.id}?${range}`);
    expect(before.pageEvents).toBe(1); // only the one whose incident is real
    expect(before.interruptionsTotal).toBe(1);
    expect(before.drills.pageEvents).toBeGreaterThanOrEqual(1);
    await ana.call('PATCH', `/api/incidents/${incident.id}`, { drill: true });
    h.clock.advance(30 * MIN);
    await run();
    const after = await admin.call('GET', `/api/health/teams/${team.id}?${range}`);
    expect(after.pageEvents).toBe(0);
    expect(after.interruptionsTotal).toBe(0);
    // The late one is reported with the drills now (the incident's own reminder pages may join it).
    expect(after.drills.pageEvents).toBeGreaterThan(before.drills.pageEvents);
    expect(after.pagerLoad.at(-1).pageEvents).toBe(0);
    const mine = await ana.call('GET', `/api/health/people/${ana.id}?${range}`);
    expect(mine.interruptions).toEqual({ business: 0, off_hours: 0, sleep: 0 });
    await act(ana, chaos, 'resolve');
    await act(ana, late, 'resolve');
    expect(drill.drill).toBe(true);
  });

  it('lets only team editors change settings, with an audit row', async () => {
    const outsider = await createUser(admin, 'responder', { name: 'Outsider' });
    await outsider.call('PATCH', `/api/health/teams/${team.id}/settings`, { reportTime: '10:00' }, 403);
    const updated = await ana.call('PATCH', `/api/health/teams/${team.id}/settings`, { reportTime: '10:00', reportWeekday: 1 });
    expect(updated).toMatchObject({ timeZone: 'Africa/Cairo', reportTime: '10:00', reportWeekday: 1, ackPrimaryMinutes: 5 });
    const audit = await admin.call('GET', `/api/audit?entityId=${team.id}`);
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('health_settings.update');
  });
});
