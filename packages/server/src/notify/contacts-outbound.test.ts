import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../lib/outbound.js';
import { createUser, createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, testResolver, type Harness } from '../test-support/harness.js';
import { INTERNAL_ADDRESS_MESSAGE } from './index.js';
import { startReceiver, type Receiver } from './channels/test-receiver.js';

/**
 * SSRF through contact methods: adding one sends a verification message at once, so
 * whoever may add one (everyone, viewers included) could make the server POST inside.
 * Here no internal address is allowed (OPERABLE_OUTBOUND_ALLOW unset), as in production.
 */

const SECRET = 'contact-webhook-secret-0123';
/** DNS the test controls: names can be moved between addresses to act out rebinding. */
const dns = new Map<string, string>();
const resolver: Resolver = async (host) => {
  const address = dns.get(host);
  return address ? [{ address, family: address.includes(':') ? 6 : 4 }] : testResolver(host);
};

describe.each(await databaseKinds())('contact method addresses and the outbound policy on %s', (kind) => {
  let h: Harness;
  let w: World;
  let receiver: Receiver;
  let port: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    port = new URL(receiver.url).port;
    h = await createHarness(kind, { OPERABLE_OUTBOUND_ALLOW: '' }, { resolveHost: resolver });
    w = await createWorld(h);
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  const outboxSize = async () => Number((await h.operable.deps.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('a viewer cannot save a webhook, Slack or Teams address that is or resolves to an internal one: 400 naming the field', async () => {
    const viewer = await createUser(w.admin, 'viewer');
    const before = await outboxSize();
    const addresses = [
      `http://127.0.0.1:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      `http://[::1]:${port}/hook`,
      `http://localhost:${port}/hook`,
      'http://localhost.:6379/',
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://10.0.0.5:8080/hook',
      'http://192.168.1.1/',
      'http://0.0.0.0:6379/',
    ];
    for (const type of ['webhook', 'slack', 'teams'] as const) {
      for (const address of addresses) {
        const res = await viewer.request('/api/me/contact-methods', { method: 'POST', json: { type, address, ...(type === 'webhook' ? { secret: SECRET } : {}) } });
        expect(res.status, `${type} ${address}`).toBe(400);
        expect((await res.json()).error.details.fields).toEqual([{ field: 'address', message: INTERNAL_ADDRESS_MESSAGE }]);
      }
    }
    // Nothing saved, nothing queued, nothing sent.
    expect((await viewer.call('GET', '/api/me/contact-setup')).contactMethods).toEqual([]);
    expect(await outboxSize()).toBe(before);
    await h.operable.engine.runUntilIdle();
    expect(receiver.requests).toHaveLength(0);
    // The attempt is in the server log for admins, with what it resolved to.
    expect(h.logs).toContainEqual(expect.objectContaining({ event: 'OUTBOUND_ADDRESS_REFUSED', field: 'address', host: 'localhost', address: '127.0.0.1', range: 'loopback' }));
  });

  it('a name resolving inside is refused too; one resolving outside is saved', async () => {
    dns.set('sneaky.example', '10.20.30.40');
    dns.set('hooks.example', '93.184.215.14');
    const viewer = await createUser(w.admin, 'viewer');
    const res = await viewer.request('/api/me/contact-methods', { method: 'POST', json: { type: 'webhook', address: 'https://sneaky.example/hook', secret: SECRET } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields.map((f: { field: string }) => f.field)).toEqual(['address']);
    const saved = await viewer.request('/api/me/contact-methods', { method: 'POST', json: { type: 'slack', address: 'https://hooks.example/services/T0/B0/X' } });
    expect(saved.status).toBe(201);
    // Out of reach again before the engine runs: tests never send to the internet.
    dns.delete('hooks.example');
  });

  it('only http and https URLs are taken', async () => {
    for (const address of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'ftp://hooks.example/x', 'javascript:alert(1)']) {
      const res = await w.viewer.request('/api/me/contact-methods', { method: 'POST', json: { type: 'webhook', address, secret: SECRET } });
      expect(res.status, address).toBe(400);
      expect((await res.json()).error.details.fields.map((f: { field: string }) => f.field)).toEqual(['address']);
    }
  });

  it('an address allowed when saved but moved inside before sending is not reached (DNS rebinding)', async () => {
    dns.set('rebind.example', '93.184.215.14');
    const viewer = await createUser(w.admin, 'viewer');
    const address = `http://rebind.example:${port}/hook`;
    const method = await viewer.call('POST', '/api/me/contact-methods', { type: 'webhook', address, secret: SECRET });
    dns.set('rebind.example', '127.0.0.1');
    await h.operable.engine.runUntilIdle();
    expect(receiver.requests).toHaveLength(0);
    const row = await h.operable.deps.database.db.selectFrom('outbox').selectAll().where('id', 'in', (await outboxIds(address))).executeTakeFirstOrThrow();
    // Final at once (no retries), with a fixed reason.
    expect(row).toMatchObject({ status: 'dead', attempts: 1, last_error: `rebind.example:${port}: address not allowed` });
    expect(h.logs).toContainEqual(
      expect.objectContaining({ event: 'NOTIFICATION_FAILED', detail: { refused: { host: 'rebind.example', address: '127.0.0.1', range: 'loopback' } } }),
    );
    expect(method.verified).toBe(false);
  });

  async function outboxIds(address: string): Promise<string[]> {
    const rows = await h.operable.deps.database.db.selectFrom('outbox').select(['id', 'target']).execute();
    return rows.filter((r) => (r.target as { address: string }).address === address).map((r) => r.id);
  }
});

describe.each(await databaseKinds())('contact method addresses an admin allowed on %s', (kind) => {
  let h: Harness;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    h = await createHarness(kind, { OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32, receiver.internal' }, { resolveHost: resolver });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it('reach a local receiver by address or by allowed name', async () => {
    dns.set('receiver.internal', '127.0.0.1');
    const { viewer } = await createWorld(h);
    const port = new URL(receiver.url).port;
    await viewer.call('POST', '/api/me/contact-methods', { type: 'webhook', address: `${receiver.url}/by-address`, secret: SECRET });
    await viewer.call('POST', '/api/me/contact-methods', { type: 'webhook', address: `http://receiver.internal:${port}/by-name`, secret: SECRET });
    // Not allowed: ::1 is outside 127.0.0.1/32, and localhost resolves to it as well.
    expect((await viewer.request('/api/me/contact-methods', { method: 'POST', json: { type: 'webhook', address: `http://localhost:${port}/`, secret: SECRET } })).status).toBe(400);
    await h.operable.engine.runUntilIdle();
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(['/by-address', '/by-name']);
  });
});
