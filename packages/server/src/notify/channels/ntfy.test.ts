import { afterEach, describe, expect, it } from 'vitest';
import { deliver } from './index.js';
import { testMessage } from './test-message.js';
import { closedPortUrl, startReceiver, type Receiver } from './test-receiver.js';

const NOW = new Date('2026-03-03T10:00:00Z');

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('ntfy', () => {
  it('publishes to the topic with title, priority, tags, click and view actions', async () => {
    receiver = await startReceiver(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"id":"hwQ2YpKdmg","event":"message"}' }));
    const message = testMessage();
    const result = await deliver({ ntfy: { baseUrl: `${receiver.url}/`, token: 'tk_secret' } }, { type: 'ntfy', address: 'oncall-alice_42' }, message, NOW);
    expect(result).toEqual({ ok: true, providerId: 'hwQ2YpKdmg' });

    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/oncall-alice_42');
    expect(req?.headers.title).toBe('[HIGH] Checkout: High 5xx error rate');
    expect(req?.headers.priority).toBe('5');
    expect(req?.headers.tags).toBe('rotating_light');
    expect(req?.headers.click).toBe('https://operable.example.com/alerts/4');
    expect(req?.headers.actions).toBe(`view, Acknowledge, ${message.actions.acknowledge}; view, Resolve, ${message.actions.resolve}`);
    expect(req?.headers.authorization).toBe('Bearer tk_secret');
    expect(req?.body).toBe(message.text);
  });

  it('uses priority 3 for low urgency, no Authorization without a token, and RFC 2047 for non-ASCII titles', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: '{}' }));
    const message = testMessage({ urgency: 'low', title: '[LOW] Zahlung: Fehlerquote höher ⚠️' });
    expect(await deliver({ ntfy: { baseUrl: receiver.url } }, { type: 'ntfy', address: 'alerts' }, message, NOW)).toEqual({ ok: true });
    const [req] = receiver.requests;
    expect(req?.headers.priority).toBe('3');
    expect(req?.headers.tags).toBe('warning');
    expect(req?.headers.authorization).toBeUndefined();
    const encoded = /^=\?UTF-8\?B\?(.+)\?=$/.exec(String(req?.headers.title));
    expect(Buffer.from(encoded![1]!, 'base64').toString('utf8')).toBe(message.title);
  });

  it('quotes an action URL that contains a comma or semicolon', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: '{}' }));
    const message = testMessage({ actions: { acknowledge: 'https://x.example/ack?a=1,2;b' } });
    await deliver({ ntfy: { baseUrl: receiver.url } }, { type: 'ntfy', address: 'alerts' }, message, NOW);
    expect(receiver.requests[0]?.headers.actions).toBe('view, Acknowledge, "https://x.example/ack?a=1,2;b"');
  });

  it('retries 429 and 5xx, gives up on 403, retries a refused connection', async () => {
    for (const [status, retryable] of [
      [429, true],
      [500, true],
      [403, false],
    ] as const) {
      receiver = await startReceiver(() => ({ status, body: '{"code":40301,"error":"forbidden"}' }));
      const result = await deliver({ ntfy: { baseUrl: receiver.url } }, { type: 'ntfy', address: 'alerts' }, testMessage(), NOW);
      expect(result).toMatchObject({ ok: false, retryable });
      // The topic is the secret of a public ntfy topic; it stays out of errors.
      expect(JSON.stringify(result)).not.toContain('alerts');
      await receiver.close();
      receiver = undefined;
    }
    const refused = await deliver({ ntfy: { baseUrl: await closedPortUrl() } }, { type: 'ntfy', address: 'alerts' }, testMessage(), NOW);
    expect(refused).toMatchObject({ ok: false, retryable: true });
  });

  it('rejects a topic that would change the URL path', async () => {
    expect(await deliver({}, { type: 'ntfy', address: '../admin' }, testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
  });
});
