import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { scanForRecovery } from '../schedules/index.js';
import { createAdmin, createUser, unique, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox, type Mailbox } from '../test-support/mailbox.js';
import { createEngine, DEFAULT_MODULES } from './index.js';
import { recoveryModule } from './recovery.js';

const MIN = 60_000;
const ZONE = 'Europe/Berlin';
const berlin = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();

/**
 * Recovery time off end to end. Ana, Ben and Cai (Berlin) share a weekly rotation
 * from Tuesday 3 March 2026 10:00, so Ana is on call all week and Ben is next.
 * Pages go out by ntfy push to a local receiver (interrupting); notices by email.
 * The cases run in time order on one clock.
 */
describe.each(await databaseKinds())('recovery time off on %s', (kind) => {
  let h: Harness;
  let mailbox: Mailbox;
  let ntfy: Receiver;
  let admin: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  let cai: TestUser;
  let team: { id: string };
  let schedule: { id: string };
  let service: { id: string };
  let key: string;
  const run = () => h.operable.engine.runUntilIdle();

  beforeAll(async () => {
    ntfy = await startReceiver();
    mailbox = await startMailbox();
    h = await createHarness(kind, { OPERABLE_SMTP_URL: mailbox.url, OPERABLE_NTFY_BASE_URL: ntfy.url });
    admin = await createAdmin(h);
    const people: TestUser[] = [];
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const person = await createUser(admin, 'responder', { name });
      await admin.call('PATCH', `/api/users/${person.id}`, { timeZone: ZONE });
      // Contact methods arrive verified, as in the other engine scenarios.
      const db = h.operable.deps.database.db;
      const now = h.clock.now();
      const { id } = await db
        .insertInto('contact_methods')
        .values({ user_id: person.id, type: 'ntfy', address: `oncall-${name.toLowerCase()}`, label: 'phone', verified_at: now, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('notification_rules').values({ user_id: person.id, contact_method_id: id, delay_minutes: 0, urgency: 'any', created_at: now }).execute();
      people.push(person);
    }
    [ana, ben, cai] = people as [TestUser, TestUser, TestUser];
    team = await admin.call('POST', '/api/teams', { name: unique('night-team'), memberIds: people.map((p) => p.id) });
    schedule = await admin.call('POST', '/api/schedules', {
      name: unique('night-rota'),
      teamId: team.id,
      timeZone: ZONE,
      layers: [{ participantIds: people.map((p) => p.id), shiftUnit: 'week', startDate: '2026-03-03' }],
    });
    const policy = await admin.call('POST', '/api/escalation-policies', {
      name: unique('night-policy'),
      teamId: team.id,
      steps: [{ delayMinutes: 30, targets: [{ type: 'schedule_primary', scheduleId: schedule.id }] }],
    });
    service = await admin.call('POST', '/api/services', { name: unique('night-svc'), teamId: team.id, escalationPolicyId: policy.id });
    ({ key } = await admin.call('POST', `/api/services/${service.id}/integrations`, { name: 'pd', kind: 'pagerduty' }));
  });
  afterAll(async () => {
    await h?.close();
    await mailbox?.close();
    await ntfy?.close();
  });

  const trigger = async (dedup: string) => {
    const res = await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: key, event_action: 'trigger', dedup_key: dedup, payload: { summary: `Disk ${dedup}`, source: 'db-1', severity: 'critical' } } });
    expect(res.status).toBe(202);
    await run();
    const alerts = await admin.call('GET', `/api/alerts?serviceId=${service.id}&limit=500`);
    return alerts.items.find((a: { dedupKey: string }) => a.dedupKey === dedup).id as string;
  };
  const onCall = async (local: string) => {
    const list = await admin.call('GET', `/api/oncall?scheduleId=${schedule.id}&at=${berlin(local).toISOString()}`);
    return list.items.find((i: { role: string }) => i.role === 'primary')?.user.name as string;
  };
  const recoveryOf = async (person: TestUser) => (await admin.call('GET', `/api/recovery?userId=${person.id}`)).items;
  const inbox = async (person: TestUser, kind: string) => (await person.call('GET', '/api/inbox')).items.filter((i: { kind: string }) => i.kind === kind);

  it('a page at 14:00 on a weekday, however long, grants nothing', async () => {
    h.clock.set(berlin('2026-03-04T14:00'));
    const pushes = ntfy.requests.length;
    const alertId = await trigger('weekday');
    expect(ntfy.requests.length).toBe(pushes + 1);
    h.clock.advance(150 * MIN);
    await run();
    await ana.call('POST', `/api/alerts/${alertId}/resolve`, undefined, 200);
    await run();
    expect(await recoveryOf(ana)).toEqual([]);
  });

  it('a page at 02:30 grants that day off and puts the next person on call; declining gives the rest of the day back', async () => {
    h.clock.set(berlin('2026-03-05T02:30'));
    expect(await onCall('2026-03-05T12:00')).toBe('Ana');
    const pushes = ntfy.requests.length;
    const alertId = await trigger('night');
    expect(ntfy.requests.slice(pushes).map((r) => r.path)).toEqual(['/oncall-ana']);

    const [record] = await recoveryOf(ana);
    expect(record).toMatchObject({ day: '2026-03-05', reason: 'sleep_hours', status: 'granted', alertId, teamId: team.id, timeZone: ZONE, taken: false });
    expect(record.overrideIds).toHaveLength(1);
    // Ben, next in the rotation, holds the rest of Thursday; Ana is back at midnight.
    expect(await onCall('2026-03-05T02:31')).toBe('Ben');
    expect(await onCall('2026-03-05T12:00')).toBe('Ben');
    expect(await onCall('2026-03-06T01:00')).toBe('Ana');
    const overrides = await admin.call('GET', `/api/schedules/${schedule.id}/overrides?from=${berlin('2026-03-05T00:00').toISOString()}&to=${berlin('2026-03-06T00:00').toISOString()}`);
    expect(overrides.items).toEqual([
      expect.objectContaining({ id: record.overrideIds[0], source: 'recovery', user: { id: ben.id, name: 'Ben' }, start: berlin('2026-03-05T02:30').toISOString(), end: berlin('2026-03-06T00:00').toISOString() }),
    ]);

    // Both hear of it, in the app and by email; Ana learns how to decline.
    const [granted] = await inbox(ana, 'recovery_granted');
    expect(granted.body.text).toContain('sleep hours (22:00–08:00)');
    expect(granted.body.text).toContain(`/api/recovery/${record.id}/decline`);
    expect(await inbox(ben, 'recovery_cover')).toHaveLength(1);
    expect(mailbox.mails.filter((m) => /Recovery time off on/.test(m.raw))).toHaveLength(1);

    // Running the engine again, later, grants nothing twice.
    await ana.call('POST', `/api/alerts/${alertId}/acknowledge`, undefined, 200);
    h.clock.advance(30 * MIN);
    await run();
    expect(await recoveryOf(ana)).toHaveLength(1);

    // Only Ana may decline; then Ana is on call again from now, Ben's served half hour stays on record.
    const refused = await ben.request(`/api/recovery/${record.id}/decline`, { method: 'POST' });
    expect(refused.status).toBe(403);
    const declined = await ana.call('POST', `/api/recovery/${record.id}/decline`, undefined, 200);
    expect(declined).toMatchObject({ status: 'declined', decidedAt: h.clock.now().toISOString(), overrideIds: record.overrideIds });
    expect(await onCall('2026-03-05T02:45')).toBe('Ben');
    expect(await onCall('2026-03-05T12:00')).toBe('Ana');
    expect(await inbox(ben, 'recovery_cover_cancelled')).toHaveLength(1);
    expect((await ana.request(`/api/recovery/${record.id}/decline`, { method: 'POST' })).status).toBe(409);
    const audit = await admin.call('GET', '/api/audit?limit=20');
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['recovery.grant', 'recovery.decline']));

    await ana.call('POST', `/api/alerts/${alertId}/resolve`, undefined, 200);
    await run();
    expect(await recoveryOf(ana)).toHaveLength(1); // a declined day is not granted again
  });

  it('75 minutes of pages on a Saturday grant Sunday, with cover for all of it; taken once Sunday is over', async () => {
    h.clock.set(berlin('2026-03-07T10:00'));
    const alertId = await trigger('saturday');
    h.clock.advance(59 * MIN);
    await run();
    expect((await recoveryOf(ana)).filter((r: { day: string }) => r.day === '2026-03-08')).toEqual([]);
    h.clock.advance(16 * MIN);
    await ana.call('POST', `/api/alerts/${alertId}/acknowledge`, undefined, 200);
    await run();

    const [sunday] = (await recoveryOf(ana)).filter((r: { day: string }) => r.day === '2026-03-08');
    expect(sunday).toMatchObject({ reason: 'weekend', status: 'granted', alertId, taken: false });
    expect(await onCall('2026-03-08T00:00')).toBe('Ben');
    expect(await onCall('2026-03-08T23:59')).toBe('Ben');
    expect(await onCall('2026-03-09T00:00')).toBe('Ana');
    const [granted] = (await inbox(ana, 'recovery_granted')).filter((i: { body: { recovery: { id: string } } }) => i.body.recovery.id === sunday.id);
    expect(granted.body.text).toContain('75 minutes on pages');
    await ana.call('POST', `/api/alerts/${alertId}/resolve`, undefined, 200);

    // Reports: filtered by team and day range; taken once the day is over and Ana was off call all of it.
    const filter = `teamId=${team.id}&from=2026-03-08&to=2026-03-08`;
    expect((await admin.call('GET', `/api/recovery?${filter}`)).items.map((r: { id: string }) => r.id)).toEqual([sunday.id]);
    h.clock.set(berlin('2026-03-09T00:30'));
    expect((await admin.call('GET', `/api/recovery?${filter}`)).items[0]).toMatchObject({ taken: true });
    expect((await ana.request(`/api/recovery/${sunday.id}/decline`, { method: 'POST' })).status).toBe(409);
  });

  it('declining before the rest day begins removes its cover entirely', async () => {
    h.clock.set(berlin('2026-03-09T23:30'));
    const alertId = await trigger('late');
    const [tuesday] = (await recoveryOf(ana)).filter((r: { day: string }) => r.day === '2026-03-10');
    expect(tuesday).toMatchObject({ reason: 'sleep_hours', status: 'granted' });
    // Ana's week ends Tuesday 10:00; Ben covers the morning, then his own week begins anyway.
    expect(await onCall('2026-03-10T03:00')).toBe('Ben');
    expect(await onCall('2026-03-09T23:45')).toBe('Ana');
    h.clock.advance(15 * MIN);
    const declined = await ana.call('POST', `/api/recovery/${tuesday.id}/decline`, undefined, 200);
    expect(declined.overrideIds).toEqual([]);
    expect(await onCall('2026-03-10T03:00')).toBe('Ana');
    await ana.call('POST', `/api/alerts/${alertId}/resolve`, undefined, 200);
    // Cai was never involved.
    expect(await recoveryOf(cai)).toEqual([]);
    expect(await inbox(cai, 'recovery_cover')).toEqual([]);
  });

  it('follows the team’s own window, and without next-day overrides grants the day but leaves the rotation alone', async () => {
    const updated = await admin.call('PATCH', `/api/teams/${team.id}`, { sleepStart: '12:00', sleepEnd: '16:00', recoveryNextDayOverride: false, holidays: ['2026-12-25', '2026-12-24', '2026-12-25'] });
    expect(updated).toMatchObject({ sleepStart: '12:00', sleepEnd: '16:00', recoveryAfterMinutes: 60, recoveryNextDayOverride: false, holidays: ['2026-12-24', '2026-12-25'] });
    h.clock.set(berlin('2026-03-11T14:00')); // Ben's week now
    const alertId = await trigger('siesta');
    const [record] = await recoveryOf(ben);
    expect(record).toMatchObject({ day: '2026-03-11', reason: 'sleep_hours', overrideIds: [] });
    expect(await onCall('2026-03-11T15:00')).toBe('Ben');
    const [granted] = await inbox(ben, 'recovery_granted');
    expect(granted.body.text).toContain('does not change the rotation');
    await ben.call('POST', `/api/alerts/${alertId}/resolve`, undefined, 200);
    await run();
    expect(h.logs.filter((l) => l.event === 'ENGINE_MODULE_FAILED')).toEqual([]);
  });

  it('several engines scanning at once grant one record and one set of cover', async () => {
    await admin.call('PATCH', `/api/teams/${team.id}`, { sleepStart: '22:00', sleepEnd: '08:00', recoveryNextDayOverride: true });
    h.clock.set(berlin('2026-03-19T03:00')); // Cai's week; Ana follows Cai in the rotation
    const { database, settings, log, config } = h.operable.deps;
    const engine = (modules: typeof DEFAULT_MODULES) => createEngine({ database, clock: h.clock, log, settings, channels: config.channels, modules });
    // Page Cai with every module but recovery, then let three recovery engines race.
    await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: key, event_action: 'trigger', dedup_key: 'race', payload: { summary: 'Race', source: 'x', severity: 'critical' } } });
    await engine(DEFAULT_MODULES.filter((m) => m !== recoveryModule)).runUntilIdle();
    const granted = await Promise.all([1, 2, 3].map(() => engine([recoveryModule]).runOnce()));
    // Without the cursor claim, scans in separate transactions are still settled by unique (user_id, day).
    const scan = () => inTransaction(database.db, (db) => scanForRecovery({ ...h.operable.systemCtx(db), clock: h.clock }, { since: new Date(0), until: h.clock.now() }));
    const again = await Promise.all([scan(), scan()]);
    expect([granted.reduce((a, b) => a + b, 0), again]).toEqual([1, [0, 0]]);
    const records = await recoveryOf(cai);
    expect(records).toHaveLength(1);
    expect(records[0].overrideIds).toHaveLength(1);
    expect(await onCall('2026-03-19T12:00')).toBe('Ana');
    expect(await inbox(ana, 'recovery_cover')).toHaveLength(1);
  });
});
