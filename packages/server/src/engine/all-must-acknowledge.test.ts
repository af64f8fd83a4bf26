import { describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { actionLinks, useMailboxHarness } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const MIN = 60_000;

/** A step marked "everyone must acknowledge" is acknowledged only once each person it reached has. */
describe.each(await databaseKinds())('everyone must acknowledge on %s', (kind) => {
  const t = useMailboxHarness(kind);
  const run = () => t.run();

  const world = (prefix: string) =>
    pipelineWorld(t.h, {
      people: ['a', 'b', 'c'].map((p) => ({
        name: `${prefix}-${p}`,
        email: `${prefix}-${p}@example.com`,
        contacts: [
          { type: 'email' as const, address: `${prefix}-${p}@example.com`, delayMinutes: 0 },
          { type: 'email' as const, address: `${prefix}-${p}+later@example.com`, delayMinutes: 3 },
        ],
      })),
      steps: [
        { delayMinutes: 10, people: [0, 1], requireAllAck: true },
        { delayMinutes: 10, people: [2] },
      ],
    });
  const trigger = (key: string) =>
    t.h.request('/v2/enqueue', { method: 'POST', json: { routing_key: key, event_action: 'trigger', payload: { summary: 'Both of you', source: 'x', severity: 'critical' } } });
  const ack = async (address: string) => {
    const link = new URL(actionLinks(t.mailbox.to(address)[0]!).acknowledge!);
    expect((await t.h.request(link.pathname, { method: 'POST' })).status).toBe(200);
  };

  it('one acknowledgement stops paging that person only; the last one acknowledges the alert', async () => {
    const w = await world('all');
    await trigger(w.key);
    await run();
    expect(t.mailbox.to('all-a@example.com')).toHaveLength(1);
    expect(t.mailbox.to('all-b@example.com')).toHaveLength(1);

    await ack('all-a@example.com');
    expect((await alertsOf(t.h, w.service.id))[0]!.status).toBe('triggered');
    t.h.clock.advance(3 * MIN);
    await run();
    expect(t.mailbox.to('all-a+later@example.com')).toHaveLength(0); // a acknowledged: no more for a
    expect(t.mailbox.to('all-b+later@example.com')).toHaveLength(1); // b did not: b's next rule fires

    await ack('all-b@example.com');
    const [alert] = await alertsOf(t.h, w.service.id);
    expect(alert!.status).toBe('acknowledged');
    t.h.clock.advance(30 * MIN);
    await run();
    expect(t.mailbox.to('all-c@example.com')).toHaveLength(0);
    expect((await alertLog(t.h, alert!.id)).filter((e) => e.startsWith('acknowledged'))).toEqual(['acknowledged_by_one:link', 'acknowledged:link']);
  });

  it('when not everyone acknowledges in time, the next step fires', async () => {
    const w = await world('late');
    await trigger(w.key);
    await run();
    await ack('late-a@example.com');
    t.h.clock.advance(10 * MIN);
    await run();
    expect(t.mailbox.to('late-c@example.com')).toHaveLength(1);
    // The next step does not require everyone: c's acknowledgement is enough.
    await ack('late-c@example.com');
    expect((await alertsOf(t.h, w.service.id))[0]!.status).toBe('acknowledged');
  });
});
