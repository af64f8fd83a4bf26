import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { startReceiver, type Receiver } from '../notify/channels/test-receiver.js';
import { verifyWebhookSignature } from '../notify/index.js';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox, type Mailbox } from '../test-support/mailbox.js';
import { deliveryId, fanOutBatch } from './index.js';

const KINDS = await databaseKinds();
const SECRET = 'subscriber-webhook-secret-0123';

describe.each(KINDS)('status page subscribers on %s', (kind) => {
  let h: Harness;
  let w: World;
  let mailbox: Mailbox;
  let receiver: Receiver;
  const run = () => h.operable.engine.runUntilIdle();
  const form = (path: string, body: string) => h.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const link = (text: string, path: string) => new RegExp(`http://operable\\.test${path}\\?token=[^\\s"<>]+`).exec(text)?.[0];
  let api: { id: string };
  let db: { id: string };
  let group: { id: string };

  beforeAll(async () => {
    mailbox = await startMailbox();
    receiver = await startReceiver();
    h = await createHarness(kind, { OPERABLE_SMTP_URL: mailbox.url });
    w = await createWorld(h);
    group = await w.admin.call('POST', '/api/statuspage/components', { name: 'Backend', isGroup: true });
    api = await w.admin.call('POST', '/api/statuspage/components', { name: 'API', groupId: group.id });
    db = await w.admin.call('POST', '/api/statuspage/components', { name: 'Database' });
  });
  afterAll(async () => {
    await h?.close();
    await mailbox?.close();
    await receiver?.close();
  });

  const incident = async (componentId: string, name: string) =>
    w.responder.call('POST', '/api/statuspage/incidents', { kind: 'incident', name, body: `${name}: investigating.`, componentIds: [componentId], nextUpdateAt: new Date(h.clock.now().getTime() + 1_800_000).toISOString() });

  it('email: double opt-in over SMTP, then updates with one-click unsubscribe', async () => {
    const page = await form('/status/subscribe', 'email=Alice%40example.test');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Check your inbox');
    await run();
    const [confirmation] = mailbox.to('alice@example.test');
    expect(confirmation!.text).toContain('Confirm your subscription');
    // Nothing is sent before the link is followed.
    await incident(api.id, 'Early incident');
    await run();
    expect(mailbox.to('alice@example.test')).toHaveLength(1);

    const confirmUrl = link(confirmation!.text, '/status/confirm')!;
    const token = new URL(confirmUrl).searchParams.get('token')!;
    // Following the link only shows a button: mail scanners fetch links.
    expect(await (await h.request(confirmUrl.replace('http://operable.test', ''))).text()).toContain('Yes, send me status updates');
    expect(await (await form('/status/confirm', `token=${encodeURIComponent(token)}`)).text()).toContain('Subscribed');
    expect((await form('/status/confirm', `token=${encodeURIComponent(token)}x`)).status).toBe(400);

    await incident(db.id, 'Database slow');
    await run();
    const update = mailbox.to('alice@example.test')[1]!;
    expect(update.raw).toMatch(/^Subject: \[Status\] Incident: Database slow \(investigating\)/m);
    expect(update.text).toContain('Next update by');
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(update.raw)![1]!;
    expect(update.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    // RFC 8058: the mail client POSTs to the URL, no page, no session.
    const out = await h.request(unsubscribe.replace('http://operable.test', ''), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.status).toBe(200);
    await incident(db.id, 'After unsubscribing');
    await run();
    expect(mailbox.to('alice@example.test')).toHaveLength(2);
  });

  it('a bad address is a 400 naming the field', async () => {
    const res = await form('/status/subscribe', 'email=not-an-address');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<strong>email</strong>');
  });

  it('webhook: signed like every outbound webhook, per component or group', async () => {
    const onGroup = await w.admin.call('POST', '/api/statuspage/subscribers', { kind: 'webhook', url: `${receiver.url}/group`, secret: SECRET, componentIds: [group.id] });
    expect(onGroup).toMatchObject({ kind: 'webhook', address: new URL(receiver.url).host, confirmed: true });
    receiver.requests.length = 0;
    await incident(db.id, 'Not in the group');
    await incident(api.id, 'In the group');
    await run();
    h.clock.advance(1000);
    await run();
    expect(receiver.requests.map((r) => JSON.parse(r.body).data.incident.name)).toEqual(['In the group']);
    const [req] = receiver.requests;
    expect(verifyWebhookSignature(SECRET, req!.headers['x-operable-signature'] as string, req!.headers['x-operable-timestamp'] as string, req!.body, h.clock.now())).toBe(true);
    expect(verifyWebhookSignature('another-secret-0123456789', req!.headers['x-operable-signature'] as string, req!.headers['x-operable-timestamp'] as string, req!.body, h.clock.now())).toBe(false);
    expect(JSON.parse(req!.body).data.incident_update).toMatchObject({ status: 'investigating', body: 'In the group: investigating.' });
    await w.admin.call('DELETE', `/api/statuspage/subscribers/${onGroup.id}`, undefined, 204);
  });

  it('a crash mid-fan-out sends nobody an update twice, and sends are spaced by the rate limit', async () => {
    const database = h.operable.deps.database.db;
    const subscribers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await w.admin.call('POST', '/api/statuspage/subscribers', { kind: 'webhook', url: `${receiver.url}/crash-${i}`, secret: SECRET });
      subscribers.push(s.id);
    }
    receiver.requests.length = 0;
    const inc = await incident(db.id, 'Crash test');
    const updateId = inc.updates[0].id;
    const ctx = (trx: typeof database) => ({ ...h.operable.systemCtx(trx) });
    // First batch of two commits; the second dies at its second subscriber, after writing its first.
    expect(await inTransaction(database, (trx) => fanOutBatch(ctx(trx), 2))).toBe(2);
    await sql`create or replace function refuse_delivery() returns trigger language plpgsql as $$
      begin if (select count(*) from statuspage_deliveries where update_id = new.update_id) >= 3 then raise exception 'crash for the test'; end if; return new; end $$`.execute(database);
    await sql`create trigger refuse_delivery before insert on statuspage_deliveries for each row execute function refuse_delivery()`.execute(database);
    await expect(inTransaction(database, (trx) => fanOutBatch(ctx(trx), 2))).rejects.toThrow(/crash for the test/);
    await sql`drop trigger refuse_delivery on statuspage_deliveries`.execute(database);
    // A second fan-out of the same batch, as a racing engine would: nothing new.
    const again = await inTransaction(database, async (trx) => {
      const before = await trx.selectFrom('statuspage_deliveries').select(sql<number>`count(*)::int`.as('n')).where('update_id', '=', updateId).executeTakeFirstOrThrow();
      return before.n;
    });
    expect(again).toBe(2);
    await run();
    h.clock.advance(1000);
    await run();
    const paths = receiver.requests.map((r) => r.path).sort();
    expect(paths).toEqual(subscribers.map((_, i) => `/crash-${i}`).sort());
    // Each delivery has the id the outbox row had from the start: a resend after a crash mid-send carries the same one.
    for (const r of receiver.requests) {
      const i = Number(/crash-(\d)/.exec(r.path)![1]);
      expect(r.headers['x-operable-delivery']).toBe(deliveryId(updateId, subscribers[i]!));
    }
    const times = await database
      .selectFrom('outbox')
      .select('next_attempt_at')
      .where('id', 'in', subscribers.map((s) => deliveryId(updateId, s)))
      .orderBy('next_attempt_at')
      .execute();
    const gaps = times.slice(1).map((t, i) => t.next_attempt_at.getTime() - times[i]!.next_attempt_at.getTime());
    expect(gaps.every((g) => g >= 50)).toBe(true);
  });
});
