import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../lib/outbound.js';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { createAdmin, type TestUser } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, testResolver, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';

/**
 * The send-time half of the outbound policy, seen where responders look: the alert
 * log. Both names below resolve to the test receiver on 127.0.0.1; only
 * `receiver.internal` is on the admin's allow list.
 */
const resolver: Resolver = async (host) => (host === 'receiver.internal' || host === 'rebind.example' ? [{ address: '127.0.0.1', family: 4 }] : testResolver(host));

describe.each(await databaseKinds())('outbound policy at send time on %s', (kind) => {
  let h: Harness;
  let admin: TestUser;
  let receiver: Receiver;
  let port: string;
  let answer = { status: 200, body: 'ok' };

  beforeAll(async () => {
    receiver = await startReceiver(() => answer);
    port = new URL(receiver.url).port;
    h = await createHarness(kind, { OPERABLE_OUTBOUND_ALLOW: 'receiver.internal' }, { resolveHost: resolver });
    admin = await createAdmin(h);
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  async function page(webhookUrl: string) {
    // Written straight to the database: a target saved while its name still resolved outside.
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 60, webhooks: [{ url: webhookUrl, secret: 'send-time-secret-0123456789' }] }] });
    await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Down', source: 'x', severity: 'critical' } } });
    await h.operable.engine.runUntilIdle();
    const [alert] = await alertsOf(h, w.service.id);
    return admin.call('GET', `/api/alerts/${alert!.id}`);
  }

  it('a webhook whose name now resolves inside is not reached: one final failure, "address not allowed", in the alert log', async () => {
    const before = receiver.requests.length;
    const alert = await page(`http://rebind.example:${port}/hook`);
    expect(receiver.requests.length).toBe(before);
    const failures = alert.log.filter((e: { event: string }) => e.event === 'notify_failed');
    expect(failures).toEqual([
      expect.objectContaining({ channel: 'webhook', result: 'gave up', details: expect.objectContaining({ attempt: 1, error: `rebind.example:${port}: address not allowed` }) }),
    ]);
    // No retry later either.
    h.clock.advance(10 * 60_000);
    await h.operable.engine.runUntilIdle();
    expect(receiver.requests.length).toBe(before);
  });

  it('what a failing receiver answers stays in the server log, out of the alert log and the API', async () => {
    answer = { status: 500, body: 'redis_version:7.2.4 SECRET-BANNER' };
    const alert = await page(`http://receiver.internal:${port}/hook`);
    expect(receiver.requests.at(-1)?.path).toBe('/hook');
    const failure = alert.log.find((e: { event: string }) => e.event === 'notify_failed');
    expect(failure.details.error).toBe(`receiver.internal:${port}: HTTP 500`);
    expect(JSON.stringify(alert)).not.toContain('SECRET-BANNER');
    const outbox = await h.operable.deps.database.db.selectFrom('outbox').select('last_error').where('last_error', 'is not', null).execute();
    expect(JSON.stringify(outbox)).not.toContain('SECRET-BANNER');
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'NOTIFICATION_RETRY', detail: { status: 500, responseBody: 'redis_version:7.2.4 SECRET-BANNER' } }));
    answer = { status: 200, body: 'ok' };
  });
});
