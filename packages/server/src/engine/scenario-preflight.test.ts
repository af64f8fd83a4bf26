import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { useMailboxHarness } from '../test-support/mailbox.js';
import { addVerifiedEmail, inbox, scheduleWorld } from '../test-support/schedule-world.js';

const DAY = 86_400_000;

/**
 * The pre-flight check looks 14 days ahead once a day per schedule: someone on call
 * whom a high-urgency page could not reach is told, and so is the team; a stretch
 * with nobody on call is told to the team. The same warning is not repeated while
 * nothing changes. The harness clock starts on Tuesday 2026-03-03 at 10:00 UTC.
 */
describe.each(await databaseKinds())('pre-flight checks on %s', (kind) => {
  const t = useMailboxHarness(kind);

  it('warns an upcoming on-call person with no verified contact method, and the team, once while it lasts', async () => {
    const { h, mailbox } = t;
    const w = await scheduleWorld(h, { people: [{ name: 'Ana' }, { name: 'Dee', reachable: false }], timeZone: 'Europe/Berlin' });
    const [ana, dee] = w.people as [(typeof w.people)[0], (typeof w.people)[0]];
    const preflight = async (who: typeof ana) => (await inbox(who)).filter((i) => i.kind === 'preflight');

    await t.run();
    const own = (await preflight(dee)).find((i) => i.title.includes('would not reach you'));
    expect(own!.body.text).toContain('You are on call as primary for');
    expect(own!.body.text).toContain('from Tue 10 Mar 2026 10:00 (Europe/Berlin)');
    expect(own!.body.findings).toEqual([{ kind: 'unreachable', userId: dee.id, role: 'primary', start: '2026-03-10T09:00:00.000Z' }]);
    // The notice reaches Dee at the account address, the one way left to reach her.
    expect(mailbox.to(dee.user.email).filter((m) => m.text.includes('would not reach you'))).toHaveLength(1);
    const team = (await preflight(ana)).map((i) => i.body.text as string);
    expect(team).toHaveLength(1);
    expect(team[0]).toContain('- Dee is on call as primary from Tue 10 Mar 2026 10:00 but has no verified contact method for high-urgency pages.');
    expect(await preflight(dee)).toHaveLength(2); // her own and the team's
    expect(await preflight(w.admin)).toEqual([]); // the schedule has a team

    // Same day, and the next days: nothing new while nothing changes.
    await t.run();
    h.clock.advance(DAY);
    await t.run();
    h.clock.advance(DAY);
    await t.run();
    expect(await preflight(dee)).toHaveLength(2);
    expect(await preflight(ana)).toHaveLength(1);

    // Fixed: no warning, and the old one is forgotten, so breaking it again warns again.
    await addVerifiedEmail(h, dee);
    h.clock.advance(DAY);
    await t.run();
    expect(await preflight(ana)).toHaveLength(1);
    await h.operable.deps.database.db.deleteFrom('contact_methods').where('user_id', '=', dee.id).execute();
    h.clock.advance(DAY);
    await t.run();
    expect(await preflight(ana)).toHaveLength(2);
    expect(await preflight(dee)).toHaveLength(4);
  });
});

describe.each(await databaseKinds())('pre-flight gap checks on %s', (kind) => {
  const t = useMailboxHarness(kind);

  it('warns the team of gaps in the next 14 days: each gap once, a new one when it comes into view', async () => {
    const { h } = t;
    const weekdays = [{ days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }];
    const w = await scheduleWorld(h, {
      people: [{ name: 'Eve' }, { name: 'Fay' }],
      timeZone: 'Europe/Berlin',
      layers: [{ people: [0, 1], startDate: '2026-03-03', restriction: weekdays }],
    });
    const [eve, fay] = w.people as [(typeof w.people)[0], (typeof w.people)[0]];
    const warnings = async (who: typeof eve) => (await inbox(who)).filter((i) => i.kind === 'preflight').map((i) => i.body);

    await t.run();
    const [first] = await warnings(eve);
    expect(first!.findings).toEqual([
      { kind: 'gap', role: 'primary', start: '2026-03-06T23:00:00.000Z', end: '2026-03-08T23:00:00.000Z' },
      { kind: 'gap', role: 'primary', start: '2026-03-13T23:00:00.000Z', end: '2026-03-15T23:00:00.000Z' },
    ]);
    expect(first!.text).toContain('- Nobody is on call as primary from Sat 7 Mar 2026 00:00 until Mon 9 Mar 2026 00:00');
    expect(await warnings(fay)).toHaveLength(1);

    // Thursday: nothing new. Saturday, inside the first gap, the weekend of 21 March comes into view: only it is new.
    h.clock.set('2026-03-05T12:00:00Z');
    await t.run();
    expect(await warnings(eve)).toHaveLength(1);
    h.clock.set('2026-03-07T12:00:00Z');
    await t.run();
    const all = await warnings(eve);
    expect(all).toHaveLength(2);
    // Its end is still beyond the window.
    expect(all[1]!.findings).toEqual([{ kind: 'gap', role: 'primary', start: '2026-03-20T23:00:00.000Z', end: null }]);
    h.clock.set('2026-03-08T12:00:00Z');
    await t.run();
    expect(await warnings(eve)).toHaveLength(2);
  });
});
