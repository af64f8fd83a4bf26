import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { actionLinks, startMailbox } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url), 'utf8'));
const MIN = 60_000;

/**
 * The heart of the product, end to end: an event arrives, the primary is emailed
 * through a real SMTP server, nobody acknowledges, the next step fires after its
 * delay, the emailed link acknowledges, escalation stops, the sender resolves.
 */
describe.each(await databaseKinds())('paging by email on %s', (kind) => {
  let h: Harness;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;

  beforeAll(async () => {
    mailbox = await startMailbox();
    h = await createHarness(kind, { OPERABLE_SMTP_URL: mailbox.url });
  });
  afterAll(async () => {
    await h.close();
    await mailbox.close();
  });

  it('PagerDuty event → primary emailed → next step after its delay → acknowledged by link → stops → resolved', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Primary Pat', email: 'pat@example.com', contacts: [{ type: 'email', address: 'pat@example.com', delayMinutes: 0 }] },
        { name: 'Second Sam', email: 'sam@example.com', contacts: [{ type: 'email', address: 'sam@example.com', delayMinutes: 0 }] },
      ],
      steps: [
        { delayMinutes: 5, people: [0] },
        { delayMinutes: 10, people: [1] },
      ],
    });
    const engine = h.operable.engine;
    const trigger = { ...fixture('pagerduty-v2-trigger.json'), routing_key: w.key };
    const res = await h.request('/v2/enqueue', { method: 'POST', json: trigger });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: trigger.dedup_key });

    await engine.runUntilIdle();
    expect(mailbox.to('pat@example.com')).toHaveLength(1);
    expect(mailbox.to('sam@example.com')).toHaveLength(0);
    const mail = mailbox.to('pat@example.com')[0]!;
    expect(mail.text).toContain('HighErrorRate');
    expect(mail.text).toContain('https://runbooks.example.com/checkout');

    // Nobody acknowledges: four minutes is not enough, five is.
    h.clock.advance(4 * MIN);
    await engine.runUntilIdle();
    expect(mailbox.to('sam@example.com')).toHaveLength(0);
    h.clock.advance(1 * MIN);
    await engine.runUntilIdle();
    expect(mailbox.to('sam@example.com')).toHaveLength(1);

    // Pat acknowledges from the email: GET only shows a confirm page.
    const ack = new URL(actionLinks(mail).acknowledge!);
    const confirm = await h.request(ack.pathname);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('<form method="post">');
    const [alert] = await alertsOf(h, w.service.id);
    expect(alert!.status).toBe('triggered');
    const acted = await h.request(ack.pathname, { method: 'POST' });
    expect(acted.status).toBe(200);
    expect((await alertsOf(h, w.service.id))[0]).toMatchObject({ status: 'acknowledged', acknowledged_by: 'pat@example.com' });
    // The link is single use.
    expect((await h.request(ack.pathname, { method: 'POST' })).status).toBe(409);

    // Escalation has stopped: nothing more, however long we wait (no repeat configured anyway).
    h.clock.advance(60 * MIN);
    await engine.runUntilIdle();
    expect(mailbox.mails).toHaveLength(2);

    const resolve = await h.request('/v2/enqueue', { method: 'POST', json: { ...fixture('pagerduty-v2-resolve.json'), routing_key: w.key } });
    expect(resolve.status).toBe(202);
    const [done] = await alertsOf(h, w.service.id);
    expect(done!.status).toBe('resolved');
    expect(await alertLog(h, done!.id)).toEqual([
      'triggered',
      'escalated',
      'notified:email',
      'escalated',
      'notified:email',
      'acknowledged:link',
      'resolved:pagerduty',
    ]);
  });
});
