import { describe, expect, it } from 'vitest';
import { createAdmin, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { useMailboxHarness } from '../test-support/mailbox.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const MIN = 60_000;

/**
 * Escalation through a schedule: each step asks the on-call calculator who is on
 * call at the moment it fires, across a DST change, with an override and a shadow.
 * The harness clock starts Tuesday 2026-03-03 10:00 UTC (05:00 in New York).
 */
describe.each(await databaseKinds())('escalation to a schedule on %s', (kind) => {
  const t = useMailboxHarness(kind);

  it('pages the person the calculator says, at the moment each step fires', async () => {
    const { h, mailbox } = t;
    const names = ['Ana', 'Ben', 'Cai', 'Dee'];
    const w = await pipelineWorld(h, {
      people: names.map((n) => ({ name: n, email: `${n.toLowerCase()}.${kind}@example.com`, contacts: [{ type: 'email', address: `${n.toLowerCase()}.${kind}@example.com`, delayMinutes: 0 }] })),
      steps: [{ delayMinutes: 5, people: [0] }],
    });
    const [ana, ben, cai, dee] = w.users.map((u) => u.id) as [string, string, string, string];
    const admin: TestUser = await createAdmin(h);
    // Weekly, Tuesday 10:00 New York time; the secondary is last week's primary.
    const schedule = await admin.call('POST', '/api/schedules', {
      name: `Checkout on-call ${kind}`,
      teamId: w.team.id,
      timeZone: 'America/New_York',
      layers: [
        { name: 'Primary', participantIds: [ana, ben, cai], startDate: '2026-02-01' },
        { name: 'Secondary', role: 'secondary', participantIds: [cai, ana, ben], startDate: '2026-02-01' },
      ],
    });
    await admin.call('POST', `/api/schedules/${schedule.id}/shadows`, { userId: dee, start: h.clock.now().toISOString() });
    await admin.call('PATCH', `/api/escalation-policies/${w.policyId}`, {
      steps: [
        { delayMinutes: 5, targets: [{ type: 'schedule_primary', scheduleId: schedule.id }] },
        { delayMinutes: 5, targets: [{ type: 'schedule_secondary', scheduleId: schedule.id }] },
      ],
    });
    const policy = await admin.call('GET', `/api/escalation-policies/${w.policyId}`);
    expect(policy.steps[0].targets[0]).toMatchObject({ type: 'schedule_primary', name: schedule.name, ackTargetMinutes: 5 });

    const pagedSince = (from: number) =>
      mailbox.mails
        .slice(from)
        // Pages only: handoff reports and reminders mention alerts too.
        .filter((m) => /^Subject: \[HIGH\] .*Alert /m.test(m.raw))
        .flatMap((m) => m.to)
        .sort();
    const email = (id: string) => `${names[w.users.findIndex((u) => u.id === id)]!.toLowerCase()}.${kind}@example.com`;
    const onCall = async (role: 'primary' | 'secondary') => {
      const list = await admin.call('GET', `/api/oncall?scheduleId=${schedule.id}&at=${h.clock.now().toISOString()}`);
      return list.items.find((i: { role: string }) => i.role === role)?.user.id as string;
    };
    const trigger = (dedup: string) =>
      h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', dedup_key: dedup, payload: { summary: `Alert ${dedup}`, source: 'x', severity: 'critical' } } });
    const resolveAll = async () => {
      for (const a of await alertsOf(h, w.service.id)) {
        if (a.status !== 'resolved') await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'resolve', dedup_key: a.dedup_key } });
      }
      await t.run();
    };

    // Fourth shift since 3 Feb (Ana, Ben, Cai, Ana): Ana primary, Cai secondary; Dee shadows.
    expect([await onCall('primary'), await onCall('secondary')]).toEqual([ana, cai]);
    let seen = mailbox.mails.length;
    await trigger('first');
    await t.run();
    expect(pagedSince(seen)).toEqual([email(ana), email(dee)].sort());
    seen = mailbox.mails.length;
    h.clock.advance(5 * MIN);
    await t.run();
    // The shadow gets a copy of every page the schedule sends.
    expect(pagedSince(seen)).toEqual([email(cai), email(dee)].sort());
    await resolveAll();

    // New York springs forward on 8 March; the 10 March handoff is still at 10:00 local (14:00 UTC).
    h.clock.set(new Date('2026-03-10T13:59:00Z'));
    expect(await onCall('primary')).toBe(ben);
    seen = mailbox.mails.length;
    await trigger('before-handoff');
    await t.run();
    expect(pagedSince(seen)).toEqual([email(ben), email(dee)].sort());
    await resolveAll();

    h.clock.set(new Date('2026-03-10T14:01:00Z'));
    expect(await onCall('primary')).toBe(cai);
    seen = mailbox.mails.length;
    await trigger('after-handoff');
    await t.run();
    expect(pagedSince(seen)).toEqual([email(cai), email(dee)].sort());
    await resolveAll();

    // An override for the next hour: Ana covers, and the step pages her instead. (Later,
    // so per-person bundling does not hold back the shadow's copy.)
    h.clock.advance(30 * MIN);
    const now = h.clock.now().getTime();
    await admin.call('POST', `/api/schedules/${schedule.id}/overrides`, { userId: ana, start: new Date(now).toISOString(), end: new Date(now + 60 * MIN).toISOString() });
    expect(await onCall('primary')).toBe(ana);
    seen = mailbox.mails.length;
    await trigger('overridden');
    await t.run();
    expect(pagedSince(seen)).toEqual([email(ana), email(dee)].sort());
    const log = await admin.call('GET', `/api/alerts/${(await alertsOf(h, w.service.id)).at(-1)!.id}`);
    expect(JSON.stringify(log)).toContain('ackTargetMinutes');
  });

  it('a schedule an escalation policy pages cannot be deleted', async () => {
    const { h } = t;
    const admin = await createAdmin(h);
    const w = await pipelineWorld(h, { people: [{ name: 'Eve', email: `eve.${kind}@example.com`, contacts: [] }], steps: [{ delayMinutes: 5, people: [0] }] });
    const schedule = await admin.call('POST', '/api/schedules', { name: `Used ${kind}`, timeZone: 'UTC', layers: [{ participantIds: [w.users[0]!.id], startDate: '2026-01-01' }] });
    await admin.call('PATCH', `/api/escalation-policies/${w.policyId}`, { steps: [{ delayMinutes: 5, targets: [{ type: 'schedule', scheduleId: schedule.id }] }] });
    const res = await h.request(`/api/schedules/${schedule.id}`, { method: 'DELETE', headers: await admin.headers('key') });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Escalation policies still page this schedule');
  });
});
