import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { createWorld, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { resolvedIncident } from '../test-support/postmortem-world.js';
import { inbox, secondEngine } from '../test-support/schedule-world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A post-mortem from start to follow-up, on the fake clock with two engines: a
 * resolved SEV2 incident gets its draft without anyone asking; interview and meeting
 * deadlines remind the owner (inbox, and their low-urgency rule in working hours);
 * the meeting is held; an action item goes overdue and reminds its owner; 30 days
 * after the meeting the follow-up review is due, reminded, and completed. Every
 * reminder arrives exactly once.
 */
describe.each(await databaseKinds())('post-mortem scenario (%s)', (kind) => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(() => h?.close());

  const engines = () => [h.operable.engine, secondEngine(h)];
  const runEngines = async () => {
    for (const e of engines()) await e.runUntilIdle();
  };
  const reminders = async (who: TestUser) => (await inbox(who)).filter((i) => i.kind.startsWith('postmortem_')).map((i) => i.kind);
  const outboxFor = (address: string) =>
    inTransaction(h.operable.deps.database.db, (db) =>
      db.selectFrom('outbox').select(['channel', 'message', 'next_attempt_at']).where(sql<string>`target->>'address'`, '=', address).orderBy('created_at').execute(),
    );

  it('runs from a resolved SEV2 incident to a completed follow-up review', async () => {
    // The owner-to-be has a low-urgency rule to ntfy; reminders use it, in their working hours (Mon-Fri 09-17 UTC).
    await inTransaction(h.operable.deps.database.db, async (db) => {
      const now = h.clock.now();
      const { id } = await db
        .insertInto('contact_methods')
        .values({ user_id: w.responder.id, type: 'ntfy', address: 'rico-reminders', label: 'ntfy', secret: null, verified_at: now, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('notification_rules').values({ user_id: w.responder.id, contact_method_id: id, delay_minutes: 0, urgency: 'low', created_at: now }).execute();
    });

    // 1. Resolved Tuesday 2026-03-03 10:00 UTC; the engine drafts its post-mortem.
    const incident = await resolvedIncident(h, { serviceIds: [w.serviceA.id], commanderId: w.responder.id, severity: 2 });
    await runEngines();
    const [summary] = (await w.viewer.call('GET', '/api/postmortems')).items;
    expect(summary).toMatchObject({ incidentId: incident.id, automatic: true, state: 'draft', owner: { id: w.responder.id } });
    const pm = await w.viewer.call('GET', `/api/postmortems/${summary.id}`);
    expect(pm.timeline.map((e: { at: string; moment: string | null; gapBeforeMinutes: number | null }) => [e.at.slice(11, 16), e.moment, e.gapBeforeMinutes])).toEqual([
      ['08:38', 'detected', null],
      ['08:40', null, null],
      ['08:43', 'acknowledged', null],
      ['08:45', null, null],
      ['08:46', null, null],
      ['09:20', null, 34],
      ['09:21', null, null],
      ['09:24', 'mitigated', null],
      ['09:25', null, null],
      ['10:00', 'resolved', 35],
    ]);
    expect(pm.interviewsDueAt).toBe('2026-03-05T10:00:00.000Z');
    expect(pm.meetingDueAt).toBe('2026-03-10T10:00:00.000Z');
    expect(await reminders(w.responder)).toEqual([]);

    // 2. A day in: interviews due soon, once however many engines run.
    h.clock.advance(DAY);
    await runEngines();
    await runEngines();
    expect(await reminders(w.responder)).toEqual(['postmortem_interviews_near']);
    const [sent] = await outboxFor('rico-reminders');
    expect(sent).toMatchObject({ channel: 'ntfy' });
    expect(sent!.message).toMatchObject({ kind: 'notice', urgency: 'low', title: expect.stringContaining('Post-mortem interviews due soon') });

    // 3. Two days in: interviews overdue, and the list says so.
    h.clock.advance(DAY);
    await runEngines();
    expect(await reminders(w.responder)).toEqual(['postmortem_interviews_near', 'postmortem_interviews_passed']);
    const late = (await w.viewer.call('GET', '/api/postmortems?late=true')).items.find((p: { id: string }) => p.id === pm.id);
    expect(late.late.map((l: { what: string }) => l.what)).toEqual(['interviews']);

    // 4. Day four: the meeting, with a facilitator; action items come out of it.
    h.clock.advance(2 * DAY);
    await w.responder.call('PATCH', `/api/postmortems/${pm.id}`, { facilitatorId: w.admin.id, interviewsDone: true }, 200);
    const reviewed = await w.responder.call('POST', `/api/postmortems/${pm.id}/meeting`, {}, 200);
    expect(reviewed.state).toBe('reviewed');
    expect(reviewed.late).toEqual([]);
    const canary = await w.responder.call('POST', `/api/postmortems/${pm.id}/action-items`, { title: 'Canary step for checkout', type: 'prevent', priority: 'high', ownerId: w.responder.id, dueOn: '2026-03-12' });
    const markers = await w.responder.call('POST', `/api/postmortems/${pm.id}/action-items`, { title: 'Deploy markers on the dashboard', type: 'detect', ownerId: w.admin.id, dueOn: '2026-03-20', status: 'done' });
    await runEngines();
    expect(await reminders(w.responder)).toEqual(['postmortem_interviews_near', 'postmortem_interviews_passed']);

    // 5. The canary item goes overdue on 2026-03-13: its owner is reminded once, the team page lists it.
    h.clock.advance(new Date('2026-03-13T00:00:00Z').getTime() - h.clock.now().getTime());
    await runEngines();
    await runEngines();
    expect((await reminders(w.responder)).filter((k) => k === 'postmortem_action_item_overdue')).toHaveLength(1);
    const overdue = await w.viewer.call('GET', `/api/postmortem-action-items?teamId=${w.teamA.id}&overdue=true`);
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([canary.id]);
    expect((await w.viewer.call('GET', `/api/postmortems/${pm.id}`)).late.map((l: { what: string }) => l.what)).toEqual(['action_items']);

    // 6. Thirty days after the meeting: the follow-up review is due; owner and facilitator get the list of items.
    const followUp = reviewed.followUps[0];
    expect(followUp.dueAt).toBe('2026-04-06T10:00:00.000Z');
    h.clock.advance(new Date(followUp.dueAt).getTime() - h.clock.now().getTime());
    await runEngines();
    await runEngines();
    for (const who of [w.responder, w.admin]) {
      const got = (await inbox(who)).filter((i) => i.kind === 'postmortem_follow_up_due');
      expect(got).toHaveLength(1);
      expect(got[0]!.body.text).toContain('- Canary step for checkout (open, Rico Responder, due 2026-03-12)');
      expect(got[0]!.body.text).toContain('Deploy markers on the dashboard (done');
    }

    // 7. The review: re-plan the canary, close the markers; its outcome is recorded and nothing is late.
    const done = await w.admin.call('POST', `/api/postmortems/${pm.id}/follow-ups/${followUp.id}/complete`, {
      decisions: [
        { actionItemId: canary.id, decision: 'replan', dueOn: '2026-04-30', note: 'Waits for the pipeline upgrade' },
        { actionItemId: markers.id, decision: 'close' },
      ],
      notes: 'Canary still matters; markers shipped.',
    }, 200);
    expect(done.followUps[0].completedAt).not.toBeNull();
    expect(done.followUps[0].outcome.map((o: { decision: string }) => o.decision)).toEqual(['replan', 'close']);
    expect(done.actionItems.find((i: { id: string }) => i.id === canary.id)).toMatchObject({ dueOn: '2026-04-30', status: 'open', overdue: false });
    expect(done.actionItems.find((i: { id: string }) => i.id === markers.id).status).toBe('done');
    expect(done.late).toEqual([]);
    await w.admin.call('POST', `/api/postmortems/${pm.id}/follow-ups/${followUp.id}/complete`, { decisions: [] }, 409);
    const closed = await w.responder.call('POST', `/api/postmortems/${pm.id}/state`, { state: 'closed' }, 200);
    expect(closed.state).toBe('closed');
    const before = (await inbox(w.responder)).length;
    h.clock.advance(60 * DAY);
    await runEngines();
    expect((await inbox(w.responder)).length).toBe(before);
    const exported = await (await w.viewer.request(`/api/postmortems/${pm.id}/export`)).text();
    expect(exported).toContain('- **Re-plan:** Canary step for checkout: Waits for the pipeline upgrade');
  });
});
