import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../notify/index.js';
import { createAdmin } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox } from '../test-support/mailbox.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';

const MIN = 60_000;

/** The engine's humane rules end to end: stale acknowledgements, bundling, SMS replies. */
describe.each(await databaseKinds())('engine rules on %s', (kind) => {
  let h: Harness;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let twilio: Server;
  const sms: Record<string, string>[] = [];
  const run = () => h.operable.engine.runUntilIdle();
  const trigger = (key: string, dedup: string) =>
    h.request('/v2/enqueue', { method: 'POST', json: { routing_key: key, event_action: 'trigger', dedup_key: dedup, payload: { summary: `Alert ${dedup}`, source: 'x', severity: 'critical' } } });

  beforeAll(async () => {
    mailbox = await startMailbox();
    // A stand-in for Twilio's Messages API on 127.0.0.1.
    twilio = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        sms.push(Object.fromEntries(new URLSearchParams(body)));
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${sms.length}` }));
      });
    });
    await new Promise<void>((r) => twilio.listen(0, '127.0.0.1', r));
    h = await createHarness(kind, {
      OPERABLE_SMTP_URL: mailbox.url,
      OPERABLE_TWILIO_BASE_URL: `http://127.0.0.1:${(twilio.address() as { port: number }).port}`,
      OPERABLE_TWILIO_ACCOUNT_SID: 'AC123',
      OPERABLE_TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      OPERABLE_TWILIO_FROM: '+15550000001',
    });
  });
  afterAll(async () => {
    await h.close();
    await mailbox.close();
    await new Promise((r) => twilio.close(r));
  });

  it('a direct page notifies the people named on it, not the policy, even in maintenance', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Policy', email: 'policy@example.com', contacts: [{ type: 'email', address: 'policy@example.com', delayMinutes: 0 }] },
        { name: 'Named', email: 'named@example.com', contacts: [{ type: 'email', address: 'named@example.com', delayMinutes: 0 }] },
      ],
      steps: [{ delayMinutes: 10, people: [0] }],
    });
    const admin = await createAdmin(h);
    const now = h.clock.now().getTime();
    await h.operable.deps.database.db
      .insertInto('maintenance_windows')
      .values({ name: 'Upgrade', service_ids: [w.service.id], kind: 'once', starts_at: new Date(now - MIN), ends_at: new Date(now + 60 * MIN), created_at: new Date(now) })
      .execute();
    const alert = await admin.call('POST', '/api/alerts', { serviceId: w.service.id, summary: 'Direct: are you there?', userIds: [w.users[1]!.id] });
    await run();
    expect(mailbox.to('named@example.com').some((m) => m.text.includes('Direct: are you there?'))).toBe(true);
    expect(mailbox.to('policy@example.com').some((m) => m.text.includes('Direct: are you there?'))).toBe(false);
    // Escalate-now after it ran out pages the same person again, as a new generation.
    const before = mailbox.to('named@example.com').length;
    h.clock.advance(10 * MIN);
    await admin.call('POST', `/api/alerts/${alert.id}/escalate`, undefined, 200);
    await run();
    expect(mailbox.to('named@example.com').length).toBeGreaterThan(before);
    expect(mailbox.to('policy@example.com').some((m) => m.text.includes('Direct: are you there?'))).toBe(false);
    const bad = await h.request('/api/alerts', { method: 'POST', headers: await admin.headers('key'), json: { serviceId: w.service.id, summary: 'x', userIds: [w.service.id] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.fields).toEqual([{ field: 'userIds.0', message: 'No such user' }]);
  });

  it('a stale acknowledgement re-triggers the alert and pages again', async () => {
    const w = await pipelineWorld(h, {
      people: [{ name: 'Ack', email: 'ack@example.com', contacts: [{ type: 'email', address: 'ack@example.com', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
      ackTimeoutMinutes: 30,
    });
    await trigger(w.key, 'stale');
    await run();
    await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'acknowledge', dedup_key: 'stale' } });
    h.clock.advance(29 * MIN);
    await run();
    expect((await alertsOf(h, w.service.id))[0]!.status).toBe('acknowledged');
    h.clock.advance(1 * MIN);
    await run();
    const [alert] = await alertsOf(h, w.service.id);
    expect(alert!.status).toBe('triggered');
    expect(mailbox.to('ack@example.com')).toHaveLength(2);
    expect((await alertLog(h, alert!.id)).slice(-4)).toEqual(['acknowledged:pagerduty', 're_triggered:engine', 'escalated', 'notified:email']);
  });

  it('a burst right after a page is bundled into one message', async () => {
    const w = await pipelineWorld(h, {
      people: [{ name: 'Bun', email: 'bun@example.com', contacts: [{ type: 'email', address: 'bun@example.com', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
      stormWindowSeconds: 0,
    });
    await trigger(w.key, 'b1');
    await run();
    expect(mailbox.to('bun@example.com')).toHaveLength(1);
    for (const k of ['b2', 'b3', 'b4']) {
      h.clock.advance(2000);
      await trigger(w.key, k);
      await run();
    }
    expect(mailbox.to('bun@example.com')).toHaveLength(1); // held for the bundle window
    h.clock.advance(30_000);
    await run();
    const mails = mailbox.to('bun@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('3 alerts need you');
  });

  it('a storm of 200 alerts for one person: every message lists at most 20 and counts the rest; every alert is logged as notified', async () => {
    const w = await pipelineWorld(h, {
      people: [{ name: 'Storm', email: 'storm@example.com', contacts: [{ type: 'email', address: 'storm@example.com', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
      stormWindowSeconds: 0,
      integrationKind: 'generic',
    });
    const events = Array.from({ length: 200 }, (_, i) => ({ dedupKey: `storm-${i}`, summary: `Disk full on node ${i}`, severity: 'critical' }));
    expect((await h.request(`/ingest/generic/${w.key}`, { method: 'POST', json: { events } })).status).toBe(202);
    await run();
    h.clock.advance(30_000); // the rest of the burst waits for the bundle window
    await run();

    const alerts = await alertsOf(h, w.service.id);
    const ids = new Set(alerts.map((a) => a.id));
    const outbox = (await h.operable.deps.database.db.selectFrom('outbox').select(['message', 'alert_ids', 'created_at']).orderBy('created_at').execute()).filter((o) =>
      o.alert_ids.some((id) => ids.has(id)),
    );
    // Escalation takes 50 alerts a round: the first 50 page at once, the other 150 in the next message.
    expect(outbox.map((o) => o.alert_ids.length)).toEqual([50, 150]);
    const byNumber = new Map(alerts.map((a) => [a.id, Number(a.number)]));
    for (const o of outbox) {
      const message = o.message as { kind: string; title: string; text: string; alerts: { number: number }[] };
      const total = o.alert_ids.length;
      expect(message.kind).toBe('bundle');
      expect(message.title).toContain(`${total} alerts need you`);
      // The oldest twenty, in order, then a count and where to see them all.
      const oldest = o.alert_ids.map((id) => byNumber.get(id)!).sort((a, b) => a - b).slice(0, 20);
      expect(message.alerts.map((a) => a.number)).toEqual(oldest);
      expect(message.text.split('\n')).toHaveLength(21);
      expect(message.text).toContain(`…and ${total - 20} more alerts: http://operable.test/alerts`);
    }
    const mails = mailbox.to('storm@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain('and 130 more alerts');
    // Each message carried all its alerts: every alert's log says its person was notified.
    expect(new Set(outbox.flatMap((o) => o.alert_ids))).toEqual(ids);
    for (const a of alerts) expect(await alertLog(h, a.id)).toContain('notified:email');
  });

  it('an SMS page is answered by replying its code, through Twilio’s signed webhook', async () => {
    const w = await pipelineWorld(h, {
      people: [{ name: 'Sam', email: 'sam-sms@example.com', contacts: [{ type: 'sms', address: '+15550100200', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
    });
    await trigger(w.key, 'sms');
    await run();
    const sent = sms.find((m) => m.To === '+15550100200')!;
    expect(sent.From).toBe('+15550000001');
    const [alert] = await alertsOf(h, w.service.id);
    expect(sent.Body).toContain(`${alert!.number}A`);

    const params = { From: '+15550100200', Body: ` ${alert!.number}a ` };
    const url = 'http://operable.test/ingest/twilio/sms';
    const post = (signature: string) =>
      h.request('/ingest/twilio/sms', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    expect((await post('forged')).status).toBe(403);
    expect((await alertsOf(h, w.service.id))[0]!.status).toBe('triggered');
    const reply = await post(twilioSignature('twilio-auth-token', url, params));
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain(`Acknowledged #${alert!.number}`);
    expect((await alertsOf(h, w.service.id))[0]).toMatchObject({ status: 'acknowledged', acknowledged_by: 'sam-sms@example.com' });
  });

  it('a voice page is answered by pressing 1 during the call, through Twilio’s signed callback', async () => {
    const w = await pipelineWorld(h, {
      people: [{ name: 'Vic', email: 'vic-voice@example.com', contacts: [{ type: 'voice', address: '+15550100300', delayMinutes: 0 }] }],
      steps: [{ delayMinutes: 10, people: [0] }],
    });
    await trigger(w.key, 'voice');
    await run();
    const call = sms.find((m) => m.To === '+15550100300')!;
    const action = /<Gather [^>]*action="([^"]+)"/.exec(call.Twiml!)![1]!.replace(/&amp;/g, '&');
    const path = action.replace('http://operable.test', '');
    expect(path).toMatch(/^\/ingest\/twilio\/voice\?acknowledge=[^&]+&resolve=/);
    const press = (digits: string, signature?: string) =>
      h.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilioSignature('twilio-auth-token', action, { Digits: digits, To: '+15550100300' }) },
        body: new URLSearchParams({ Digits: digits, To: '+15550100300' }).toString(),
      });
    expect((await press('1', 'forged')).status).toBe(403);
    // A signature for another call's query does not carry over to this one.
    expect((await press('1', twilioSignature('twilio-auth-token', action.replace('acknowledge=', 'acknowledge=x'), { Digits: '1', To: '+15550100300' }))).status).toBe(403);
    expect(await (await press('9')).text()).toContain('That key does nothing');
    const [alert] = await alertsOf(h, w.service.id);
    expect(alert!.status).toBe('triggered');

    const reply = await press('1');
    expect(reply.headers.get('content-type')).toContain('text/xml');
    expect(await reply.text()).toContain(`Alert number ${alert!.number} is acknowledged`);
    expect((await alertsOf(h, w.service.id))[0]).toMatchObject({ status: 'acknowledged', acknowledged_by: 'vic-voice@example.com' });
    const log = await h.operable.deps.database.db.selectFrom('alert_log').select(['event', 'channel']).where('alert_id', '=', alert!.id).execute();
    expect(log).toContainEqual({ event: 'acknowledged', channel: 'voice' });
    expect(await (await press('1')).text()).toContain('already used');
  });
});
