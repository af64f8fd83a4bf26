import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';
import { actBySms } from './index.js';

const MIN = 60_000;

/** SMS reply codes act only on alerts paged to the phone's owner. */
describe.each(await databaseKinds())('SMS replies on %s', (kind) => {
  let h: Harness;
  let twilio: Server;
  const run = () => h.operable.engine.runUntilIdle();
  const reply = (from: string, body: string) => inTransaction(h.operable.deps.database.db, (db) => actBySms(h.operable.systemCtx(db), from, body));
  const trigger = (key: string, dedup: string) =>
    h.request('/v2/enqueue', { method: 'POST', json: { routing_key: key, event_action: 'trigger', dedup_key: dedup, payload: { summary: `Alert ${dedup}`, source: 'x', severity: 'critical' } } });
  const sms = (address: string, delayMinutes = 0) => ({ type: 'sms' as const, address, delayMinutes });
  const refusals = () => h.logs.filter((l) => l.event === 'SMS_REPLY_NOT_PAGED');

  beforeAll(async () => {
    // Twilio's Messages API, accepting everything, on 127.0.0.1.
    twilio = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: 'SM1' })));
    });
    await new Promise<void>((r) => twilio.listen(0, '127.0.0.1', r));
    h = await createHarness(kind, {
      OPERABLE_TWILIO_BASE_URL: `http://127.0.0.1:${(twilio.address() as { port: number }).port}`,
      OPERABLE_TWILIO_ACCOUNT_SID: 'AC123',
      OPERABLE_TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      OPERABLE_TWILIO_FROM: '+15550000001',
    });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((r) => twilio.close(r));
  });

  it('refuses a code from a verified phone whose owner was not paged, and says so', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Paged', email: 'paged@example.com', contacts: [sms('+15550200001')] },
        { name: 'Bystander', email: 'bystander@example.com', contacts: [sms('+15550200002')] },
      ],
      steps: [{ delayMinutes: 10, people: [0] }],
    });
    await trigger(w.key, 'x');
    await run();
    const [alert] = await alertsOf(h, w.service.id);
    const before = refusals().length;

    expect(await reply('+15550200002', `${alert!.number}A`)).toBe(`Alert #${alert!.number} was not paged to you, so nothing was changed. Open it in Operable to act on it.`);
    expect(await reply('+15550200002', `${alert!.number}R`)).toContain('was not paged to you');
    expect((await alertsOf(h, w.service.id))[0]!.status).toBe('triggered');
    expect(refusals().slice(before)).toEqual([
      expect.objectContaining({ alertId: alert!.id, action: 'acknowledge', userIds: [w.users[1]!.id] }),
      expect.objectContaining({ alertId: alert!.id, action: 'resolve', userIds: [w.users[1]!.id] }),
    ]);

    expect(await reply('+15550200001', `${alert!.number}A`)).toBe(`Acknowledged #${alert!.number}: Alert x`);
    expect((await alertsOf(h, w.service.id))[0]).toMatchObject({ status: 'acknowledged', acknowledged_by: 'paged@example.com' });
  });

  it('counts a page only once its message left: the next step’s person may act after escalation reaches them', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'First', email: 'first@example.com', contacts: [sms('+15550200011')] },
        { name: 'Second', email: 'second@example.com', contacts: [sms('+15550200012', 5)] },
      ],
      steps: [
        { delayMinutes: 10, people: [0] },
        { delayMinutes: 10, people: [1] },
      ],
    });
    await trigger(w.key, 'y');
    await run();
    const [alert] = await alertsOf(h, w.service.id);
    expect(await reply('+15550200012', `${alert!.number}A`)).toContain('was not paged to you');
    h.clock.advance(10 * MIN); // the second step: Second's notification is due after their own 5-minute rule
    await run();
    expect(await reply('+15550200012', `${alert!.number}A`)).toContain('was not paged to you');
    h.clock.advance(5 * MIN);
    await run();
    expect(await reply('+15550200012', `${alert!.number}A`)).toBe(`Acknowledged #${alert!.number}: Alert y`);
  });

  it('lets whoever got the storm leader’s page act on an alert that joined its group', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Storm', email: 'storm@example.com', contacts: [sms('+15550200021')] },
        { name: 'Calm', email: 'calm@example.com', contacts: [sms('+15550200022')] },
      ],
      steps: [{ delayMinutes: 10, people: [0] }],
      stormWindowSeconds: 300,
    });
    await trigger(w.key, 'leader');
    await run();
    h.clock.advance(1000);
    await trigger(w.key, 'follower');
    await run();
    const [leader, follower] = await alertsOf(h, w.service.id);
    expect(follower!.group_leader_id).toBe(leader!.id);
    expect(await reply('+15550200022', `${follower!.number}R`)).toContain('was not paged to you');
    expect(await reply('+15550200021', `${follower!.number}R`)).toBe(`Resolved #${follower!.number}: Alert follower`);
    expect((await alertsOf(h, w.service.id)).map((a) => a.status)).toEqual(['triggered', 'resolved']);
  });

  it('on a phone several people verified, acts as the one who was paged', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Day', email: 'day@example.com', contacts: [sms('+15550200031')] },
        { name: 'Night', email: 'night@example.com', contacts: [sms('+15550200031')] },
      ],
      steps: [{ delayMinutes: 10, people: [1] }],
    });
    await trigger(w.key, 'z');
    await run();
    const [alert] = await alertsOf(h, w.service.id);
    expect(await reply('+15550200031', `${alert!.number}A`)).toBe(`Acknowledged #${alert!.number}: Alert z`);
    expect((await alertsOf(h, w.service.id))[0]).toMatchObject({ acknowledged_by: 'night@example.com' });
  });
});
