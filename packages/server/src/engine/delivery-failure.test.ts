import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';
import { verifyWebhookSignature } from '../notify/index.js';
import { RETRY_DELAYS_SECONDS } from './dispatch.js';

/** A failing channel is retried with backoff, then the person's next contact method takes over. */
describe.each(await databaseKinds())('delivery failure on %s', (kind) => {
  let h: Harness;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let receiver: Server;
  let hookUrl: string;
  let status = 500;
  const received: { signature: string | undefined; timestamp: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    mailbox = await startMailbox();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ signature: req.headers['x-operable-signature'] as string, timestamp: req.headers['x-operable-timestamp'] as string, body });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/page`;
    h = await createHarness(kind, { OPERABLE_SMTP_URL: mailbox.url });
  });
  afterAll(async () => {
    await h.close();
    await mailbox.close();
    await new Promise((r) => receiver.close(r));
  });

  it('retries a failing webhook with backoff, then falls through to email, all in the alert log', async () => {
    const w = await pipelineWorld(h, {
      people: [
        {
          name: 'Wanda',
          email: 'wanda@example.com',
          contacts: [
            { type: 'webhook', address: hookUrl, secret: 'wanda-webhook-secret-1', delayMinutes: 0 },
            { type: 'email', address: 'wanda@example.com', delayMinutes: 30 },
          ],
        },
      ],
      steps: [{ delayMinutes: 60, people: [0] }],
    });
    await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Down', source: 'x', severity: 'critical' } } });
    await h.operable.engine.runUntilIdle();
    expect(received).toHaveLength(1);
    // Signed: the receiver can check it came from us and was not changed.
    const first = received[0]!;
    expect(verifyWebhookSignature('wanda-webhook-secret-1', first.signature, first.timestamp, first.body, h.clock.now())).toBe(true);

    for (const delay of RETRY_DELAYS_SECONDS) {
      h.clock.advance(delay * 1000 - 1000);
      await h.operable.engine.runUntilIdle();
      const before = received.length;
      h.clock.advance(1000);
      await h.operable.engine.runUntilIdle();
      expect(received.length).toBe(before + 1);
    }
    expect(received).toHaveLength(1 + RETRY_DELAYS_SECONDS.length);
    // After the last attempt: email right away, not after the rule's 30 minutes.
    expect(mailbox.to('wanda@example.com')).toHaveLength(1);
    const [alert] = await alertsOf(h, w.service.id);
    const log = await alertLog(h, alert!.id);
    expect(log.filter((e) => e === 'notify_failed:webhook')).toHaveLength(1 + RETRY_DELAYS_SECONDS.length);
    expect(log.slice(-3)).toEqual(['notify_failed:webhook', 'fall_through:email', 'notified:email']);
    // The rule's own email notification (due after 30 minutes) is not sent twice.
    h.clock.advance(30 * 60_000);
    await h.operable.engine.runUntilIdle();
    expect(mailbox.to('wanda@example.com')).toHaveLength(1);
  });
});
