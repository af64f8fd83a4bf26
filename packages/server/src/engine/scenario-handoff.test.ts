import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { useMailboxHarness } from '../test-support/mailbox.js';
import { inbox, pagerDuty, scheduleWorld, secondEngine } from '../test-support/schedule-world.js';

const MIN = 60_000;

/**
 * The done-criterion of issue 4, end to end with a fake clock and a real SMTP
 * server: a weekly rotation handing over on Tuesdays at 10:00 in Berlin; an alert
 * pages the outgoing person during the shift; she writes handoff notes; the day
 * before the changeover the incoming person is reminded; at the changeover both
 * get the handoff report by email and in the inbox, exactly once however many
 * engines run and however often.
 */
describe.each(await databaseKinds())('handoff reports on %s', (kind) => {
  const t = useMailboxHarness(kind);

  it('reminds the day before, reports at the changeover to both people, once', async () => {
    const { h, mailbox } = t;
    const db = h.operable.deps.database.db;
    // 2026-03-03 is a Tuesday; 10:00 UTC is 11:00 in Berlin, so Ana's first week began an hour ago.
    expect(h.clock.now().toISOString()).toBe('2026-03-03T10:00:00.000Z');
    const w = await scheduleWorld(h, { people: [{ name: 'Ana' }, { name: 'Ben' }, { name: 'Cai' }], timeZone: 'Europe/Berlin' });
    const [ana, ben, cai] = w.people as [(typeof w.people)[0], (typeof w.people)[0], (typeof w.people)[0]];
    const handoffMails = (who: typeof ana) => mailbox.to(who.user.email).filter((m) => m.text.includes(`Handoff: ${w.schedule.name} primary`));
    const reports = async (who: typeof ana) => (await inbox(who)).filter((i) => i.kind === 'handoff_report');

    // A new schedule's past is not reported, and nothing is wrong with it: no notices at all.
    await t.run();
    for (const p of w.people) expect(await inbox(p)).toEqual([]);

    // During Ana's shift: a 5xx alert stays open; disk-full fires, repeats, resolves, fires again and resolves.
    h.clock.advance(3 * 60 * MIN);
    await pagerDuty(h, w.key, 'trigger', 'checkout-5xx', 'High 5xx rate on checkout');
    await pagerDuty(h, w.key, 'trigger', 'disk-full', 'Disk full on db-2');
    await pagerDuty(h, w.key, 'trigger', 'disk-full', 'Disk full on db-2');
    const page = async () => {
      await t.run();
      h.clock.advance(MIN); // a page right after another is bundled and waits 30 s
      await t.run();
    };
    await page();
    await pagerDuty(h, w.key, 'resolve', 'disk-full');
    h.clock.advance(10 * MIN);
    await pagerDuty(h, w.key, 'trigger', 'disk-full', 'Disk full on db-2 again');
    await page();
    await pagerDuty(h, w.key, 'resolve', 'disk-full');
    expect(mailbox.to(ana.user.email).some((m) => m.text.includes('High 5xx rate on checkout'))).toBe(true);

    const note = await ana.call('PUT', `/api/schedules/${w.schedule.id}/handoff-note`, { body: 'db-2 disk fills up at night; the runbook has the clean-up.' });
    expect(note.shiftStart).toBe('2026-03-03T09:00:00.000Z');

    // Monday 09:30 UTC: a day before Ben's shift, Ben alone is reminded, once.
    h.clock.set('2026-03-09T09:30:00Z');
    await t.run();
    await t.run();
    const reminders = (await inbox(ben)).filter((i) => i.kind === 'shift_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toMatchObject({ role: 'primary', start: '2026-03-10T09:00:00.000Z', end: '2026-03-17T09:00:00.000Z', takingOverFrom: { id: ana.id, name: 'Ana' } });
    expect(mailbox.to(ben.user.email).filter((m) => m.text.includes('Reminder: you are on call for'))).toHaveLength(1);
    expect((await inbox(ana)).filter((i) => i.kind === 'shift_reminder')).toEqual([]);
    expect(await inbox(cai)).toEqual([]);

    // Past the changeover (Tuesday 10:00 Berlin = 09:00 UTC): both get the report.
    h.clock.set('2026-03-10T09:05:00Z');
    await t.run();
    for (const who of [ana, ben]) {
      expect(handoffMails(who)).toHaveLength(1);
      const text = handoffMails(who)[0]!.text;
      expect(text).toContain(`Ana hands primary on call for ${w.schedule.name} to Ben at Tue 10 Mar 2026 10:00 (Europe/Berlin).`);
      expect(text).toContain('Pages during the shift (3):');
      expect(text).toContain('High 5xx rate on checkout (triggered), first paged Tue 3 Mar 2026 14:00');
      expect(text).toContain('Still open (1):');
      expect(text).toContain(`/ disk-full (Disk full on db-2 again): 2 alerts, 3 events`);
      expect(text).toContain('db-2 disk fills up at night; the runbook has the clean-up.');
      const [item] = await reports(who);
      expect(item!.body.report).toMatchObject({
        scheduleId: w.schedule.id,
        role: 'primary',
        changeoverAt: '2026-03-10T09:00:00.000Z',
        shiftStart: '2026-03-03T09:00:00.000Z',
        outgoing: { id: ana.id, name: 'Ana' },
        incoming: { id: ben.id, name: 'Ben' },
        late: false,
        openTotal: 1,
        alertsInShift: 3,
        notes: [{ body: 'db-2 disk fills up at night; the runbook has the clean-up.' }],
      });
      expect(item!.body.report.pages.map((p: { summary: string }) => p.summary).sort()).toEqual(['Disk full on db-2', 'Disk full on db-2 again', 'High 5xx rate on checkout']);
      expect(item!.body.report.open.map((a: { summary: string; status: string }) => [a.summary, a.status])).toEqual([['High 5xx rate on checkout', 'triggered']]);
      expect(item!.body.report.noisiest.keys[0]).toMatchObject({ dedupKey: 'disk-full', alerts: 2, occurrences: 3 });
      expect(item!.body.report.noisiest.services).toEqual([{ id: w.service.id, name: w.service.name, alerts: 3, occurrences: 4 }]);
    }
    expect(await reports(cai)).toEqual([]);
    const listed = await ana.call('GET', `/api/schedules/${w.schedule.id}/handoffs`);
    expect(listed.items.map((r: { changeoverAt: string; role: string }) => [r.changeoverAt, r.role])).toEqual([['2026-03-10T09:00:00.000Z', 'primary']]);

    // Again, and again with a second engine, and even with the cursor wound back: nothing new.
    const outbox = async () => (await db.selectFrom('outbox').select('id').execute()).length;
    const before = await outbox();
    await t.run();
    await secondEngine(h).runUntilIdle();
    await db.updateTable('schedule_cursors').set({ checked_until: new Date('2026-03-10T08:00:00Z') }).where('schedule_id', '=', w.schedule.id).where('kind', '=', 'handoff').execute();
    await t.run();
    expect(await outbox()).toBe(before);
    for (const who of [ana, ben]) expect(await reports(who)).toHaveLength(1);

    // The next changeover with two engines racing: one report each, one email each.
    h.clock.set('2026-03-17T09:01:00Z');
    await Promise.all([t.run(), secondEngine(h).runUntilIdle()]);
    await t.run();
    expect(handoffMails(cai)).toHaveLength(1);
    expect(handoffMails(ben)).toHaveLength(2);
    expect(handoffMails(ana)).toHaveLength(1);
    const rows = await db.selectFrom('handoff_reports').select(['changeover_at', 'outgoing_user_id', 'incoming_user_id']).where('schedule_id', '=', w.schedule.id).orderBy('changeover_at').execute();
    expect(rows.map((r) => [r.changeover_at.toISOString(), r.outgoing_user_id, r.incoming_user_id])).toEqual([
      ['2026-03-10T09:00:00.000Z', ana.id, ben.id],
      ['2026-03-17T09:00:00.000Z', ben.id, cai.id],
    ]);

    // Engines down for two weeks: a changeover more than a day old is skipped (and logged), a recent one comes late.
    h.logs.length = 0;
    h.clock.set('2026-03-31T14:00:00Z'); // the 24 March changeover is a week old; 31 March's (10:00 CEST = 08:00 UTC) six hours
    await t.run();
    expect(h.logs.some((l) => l.event === 'HANDOFF_REPORTS_SKIPPED')).toBe(true);
    const late = await db.selectFrom('handoff_reports').select(['changeover_at', 'report']).where('schedule_id', '=', w.schedule.id).where('changeover_at', '>', new Date('2026-03-18T00:00:00Z')).execute();
    expect(late.map((r) => [r.changeover_at.toISOString(), (r.report as { late: boolean }).late])).toEqual([['2026-03-31T08:00:00.000Z', true]]);
    expect(handoffMails(ben).at(-1)!.text).toContain('This report is late');
  });
});

describe.each(await databaseKinds())('handoffs with a deleted account on %s', (kind) => {
  const t = useMailboxHarness(kind);

  it('a deleted account left in the rotation gets nothing and holds nothing up', async () => {
    const { h } = t;
    const w = await scheduleWorld(h, { people: [{ name: 'Ana' }, { name: 'Ben' }], timeZone: 'Europe/Berlin' });
    const [ana, ben] = w.people as [(typeof w.people)[0], (typeof w.people)[0]];
    await t.run();
    await w.admin.call('DELETE', `/api/users/${ben.id}`, undefined, 204);

    h.clock.set('2026-03-09T10:00:00Z'); // the day before Ben's (deleted) shift: no reminder to send
    await t.run();
    h.clock.set('2026-03-10T09:05:00Z');
    await t.run();
    const [row] = await h.operable.deps.database.db.selectFrom('handoff_reports').select(['outgoing_user_id', 'incoming_user_id', 'report']).where('schedule_id', '=', w.schedule.id).execute();
    expect(row).toMatchObject({ outgoing_user_id: ana.id, incoming_user_id: null, report: { incoming: { id: ben.id, name: 'Deleted user' } } });
    expect((await inbox(ana)).filter((i) => i.kind === 'handoff_report')).toHaveLength(1);
    // The team still hears that someone on call cannot be paged.
    expect((await inbox(ana)).some((i) => i.kind === 'preflight' && String(i.body.text).includes('Deleted user is on call'))).toBe(true);
    expect(h.logs.filter((l) => l.event === 'SCHEDULE_WORK_FAILED' || l.event === 'ENGINE_MODULE_FAILED')).toEqual([]);
  });
});
