import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { outboundPolicy, parseAllowList, type AllowList, type Resolver } from '../../lib/outbound.js';
import { deliver, signWebhook, verifyWebhookSignature, type Target } from './index.js';
import { testMessage } from './test-message.js';
import { closedPortUrl, startReceiver, type Receiver, RECEIVERS_ALLOWED } from './test-receiver.js';

const NOW = new Date('2026-03-03T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);
const SECRET = 'whsec_test_0123456789';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const target = (url: string): Target => ({ type: 'webhook', address: url, secret: SECRET });

describe('generic webhook delivery', () => {
  it('POSTs the signed JSON body with delivery and trace headers', async () => {
    receiver = await startReceiver(() => ({ status: 204 }));
    const message = testMessage();
    const result = await deliver(RECEIVERS_ALLOWED, target(`${receiver.url}/hooks/operable?team=1`), message, NOW);
    expect(result).toEqual({ ok: true });

    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/hooks/operable?team=1');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-operable-timestamp']).toBe(String(TS));
    expect(req?.headers['x-operable-delivery']).toBe(message.id);
    expect(req?.headers['idempotency-key']).toBe(message.id);
    expect(req?.headers['x-operable-trace-id']).toBe('trace-5f0c9b2a');
    expect(req?.headers['x-operable-signature']).toBe(`v1=${signWebhook(SECRET, TS, req!.body)}`);
    expect(verifyWebhookSignature(SECRET, req?.headers['x-operable-signature'] as string, req?.headers['x-operable-timestamp'] as string, req!.body, NOW)).toBe(true);

    const { id, kind, title, text, urgency, alerts, actions, traceId } = message;
    expect(JSON.parse(req!.body)).toEqual({ id, kind, title, text, urgency, alerts, actions, traceId, sentAt: NOW.toISOString() });
  });

  it('refuses to send unsigned when the target has no secret', async () => {
    receiver = await startReceiver();
    const result = await deliver(RECEIVERS_ALLOWED, { type: 'webhook', address: receiver.url }, testMessage(), NOW);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('HTTP failure classification (shared by every HTTP channel)', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [408, true],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
  ])('HTTP %i → retryable %s', async (status, retryable) => {
    receiver = await startReceiver(() => ({ status, body: 'secret internal banner' }));
    const result = await deliver(RECEIVERS_ALLOWED, target(receiver.url), testMessage(), NOW);
    // What the receiver said goes to the server log (detail), never into the stored error.
    expect(result).toEqual({
      ok: false,
      retryable,
      error: `127.0.0.1:${new URL(receiver.url).port}: HTTP ${status}`,
      detail: { status, responseBody: 'secret internal banner' },
    });
  });

  it('429 honours Retry-After in seconds', async () => {
    receiver = await startReceiver(() => ({ status: 429, headers: { 'Retry-After': '7' } }));
    expect(await deliver(RECEIVERS_ALLOWED, target(receiver.url), testMessage(), NOW)).toMatchObject({ ok: false, retryable: true, retryAfterSeconds: 7 });
  });

  it('503 honours Retry-After as an HTTP date, read against now', async () => {
    const at = new Date(NOW.getTime() + 90_000).toUTCString();
    receiver = await startReceiver(() => ({ status: 503, headers: { 'Retry-After': at } }));
    expect(await deliver(RECEIVERS_ALLOWED, target(receiver.url), testMessage(), NOW)).toMatchObject({ ok: false, retryable: true, retryAfterSeconds: 90 });
  });

  it('does not follow redirects (a signed POST goes only where its owner said)', async () => {
    receiver = await startReceiver((req) => (req.path === '/moved' ? { status: 302, headers: { Location: '/elsewhere' } } : { status: 200 }));
    const result = await deliver(RECEIVERS_ALLOWED, target(`${receiver.url}/moved`), testMessage(), NOW);
    expect(result).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('redirects are not followed') });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/moved']);
  });

  it('does not follow a redirect to an internal address (or anywhere else)', async () => {
    const inside = await startReceiver();
    try {
      for (const location of [`${inside.url}/admin`, 'http://169.254.169.254/latest/meta-data/', 'http://localhost:6379/']) {
        await receiver?.close();
        receiver = await startReceiver(() => ({ status: 307, headers: { Location: location } }));
        expect(await deliver(RECEIVERS_ALLOWED, target(receiver.url), testMessage(), NOW)).toMatchObject({ ok: false, retryable: false });
      }
      expect(inside.requests).toHaveLength(0);
    } finally {
      await inside.close();
    }
  });

  it('a refused connection is retryable', async () => {
    const result = await deliver(RECEIVERS_ALLOWED, target(await closedPortUrl()), testMessage(), NOW);
    expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('a receiver that never answers times out as retryable', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const result = await deliver({ ...RECEIVERS_ALLOWED, webhookTimeoutMs: 50 }, target(`http://127.0.0.1:${port}/`), testMessage(), NOW);
      expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('timed out after 50 ms') });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('an invalid address is refused before any network call, not retried', async () => {
    expect(await deliver(RECEIVERS_ALLOWED, { type: 'webhook', address: 'ftp://example.com/x', secret: SECRET }, testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: false,
    });
  });
});

describe('outbound policy at send time (user-given URLs)', () => {
  const port = () => new URL(receiver!.url).port;

  it('by default refuses internal addresses without connecting: a fixed, final reason', async () => {
    receiver = await startReceiver();
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '2130706433', '0x7f.1']) {
      const result = await deliver({}, target(`http://${host}:${port()}/hook`), testMessage(), NOW);
      expect(result).toEqual({
        ok: false,
        retryable: false,
        error: `${new URL(`http://${host}:${port()}`).host}: address not allowed`,
        detail: { refused: expect.objectContaining({ range: 'loopback' }) },
      });
    }
    expect(await deliver({}, target('http://169.254.169.254/latest/meta-data/'), testMessage(), NOW)).toMatchObject({
      retryable: false,
      error: '169.254.169.254: address not allowed',
      detail: { refused: { host: '169.254.169.254', address: '169.254.169.254', range: 'cloud metadata' } },
    });
    for (const type of ['slack', 'teams'] as const) {
      expect(await deliver({}, { type, address: `${receiver.url}/x` }, testMessage(), NOW)).toMatchObject({ error: expect.stringContaining('address not allowed') });
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it('judges a host name by what it resolves to when sending, and connects to that address', async () => {
    receiver = await startReceiver();
    const dns = (address: string): Resolver => async () => [{ address, family: 4 }];
    const refusing = { outbound: outboundPolicy(undefined, dns('127.0.0.1')) };
    expect(await deliver(refusing, target(`http://hooks.example.com:${port()}/hook`), testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: false,
      error: `hooks.example.com:${port()}: address not allowed`,
      detail: { refused: { host: 'hooks.example.com', address: '127.0.0.1', range: 'loopback' } },
    });
    expect(receiver.requests).toHaveLength(0);

    const allowing = { outbound: outboundPolicy(parseAllowList('127.0.0.1/32') as AllowList, dns('127.0.0.1')) };
    expect(await deliver(allowing, target(`http://hooks.example.com:${port()}/hook`), testMessage(), NOW)).toEqual({ ok: true });
    expect(receiver.requests[0]?.headers.host).toBe(`hooks.example.com:${port()}`);
  });

  it('an allowed host name is trusted whatever it resolves to', async () => {
    receiver = await startReceiver();
    const policy = outboundPolicy(parseAllowList('receiver.internal') as AllowList, async () => [{ address: '127.0.0.1', family: 4 }]);
    expect(await deliver({ outbound: policy }, target(`http://receiver.internal:${port()}/hook`), testMessage(), NOW)).toEqual({ ok: true });
  });

  it('a name that does not resolve is a retryable network failure, as before', async () => {
    const nowhere: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await deliver({ outbound: outboundPolicy(undefined, nowhere) }, target('https://hooks.example.com/x'), testMessage(), NOW)).toMatchObject({
      ok: false,
      retryable: true,
      error: 'hooks.example.com: ENOTFOUND',
    });
  });
});

describe('webhook signatures', () => {
  const body = '{"id":"1"}';
  const header = `v1=${signWebhook(SECRET, TS, body)}`;

  it('verify within the tolerance, either side of now', () => {
    expect(verifyWebhookSignature(SECRET, header, TS, body, new Date(NOW.getTime() + 300_000))).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, TS, body, new Date(NOW.getTime() - 300_000))).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, TS, body, new Date(NOW.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, TS, body, new Date(NOW.getTime() + 3_600_000), 7200)).toBe(true);
  });

  it('reject another secret, another timestamp, or a missing/garbled header', () => {
    expect(verifyWebhookSignature('other', header, TS, body, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, TS + 1, body, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, null, TS, body, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header.replace('v1=', 'v0='), TS, body, NOW)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, 'soon', body, NOW)).toBe(false);
  });

  it('accept any one valid entry, for secret rotation', () => {
    const old = `v1=${signWebhook('old-secret', TS, body)}`;
    expect(verifyWebhookSignature(SECRET, `${old}, ${header}`, TS, body, NOW)).toBe(true);
    expect(verifyWebhookSignature('old-secret', `${old}, ${header}`, TS, body, NOW)).toBe(true);
  });

  it('round-trip any body and reject any change to it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (payload, extra) => {
        const sig = `v1=${signWebhook(SECRET, TS, payload)}`;
        expect(verifyWebhookSignature(SECRET, sig, TS, payload, NOW)).toBe(true);
        expect(verifyWebhookSignature(SECRET, sig, TS, payload + extra, NOW)).toBe(false);
      }),
    );
  });
});
