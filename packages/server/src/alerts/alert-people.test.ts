import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser, findUserById } from '../auth/index.js';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { startMailbox } from '../test-support/mailbox.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';
import { CreateUser } from '@operable/shared';
import { createUser } from '../auth/index.js';
import { actOnAlert, getAlert, listAlerts } from './verbs.js';

/** An alert's page names who is on it: paged, delivered, scheduled, acknowledged, in their zone, and every log line's person. */
describe.each(await databaseKinds())('who is on an alert on %s', (kind) => {
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

  it('lists each person with where they stand, and names the people the log is about', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Ana Lima', email: 'ana@example.com', timeZone: 'Europe/Berlin', contacts: [{ type: 'email', address: 'ana@example.com', delayMinutes: 0 }] },
        { name: 'Bo Chen', email: 'bo@example.com', contacts: [{ type: 'email', address: 'bo@example.com', delayMinutes: 10 }] },
      ],
      steps: [{ delayMinutes: 30, people: [0, 1] }],
    });
    await h.request('/v2/enqueue', { method: 'POST', json: { routing_key: w.key, event_action: 'trigger', payload: { summary: 'Checkout down', source: 'prom', severity: 'critical' } } });
    await h.operable.engine.runUntilIdle();
    const [row] = await alertsOf(h, w.service.id);
    const db = h.operable.deps.database.db;
    const read = () => inTransaction(db, (trx) => getAlert(h.operable.systemCtx(trx), row!.id));

    let a = await read();
    const ana = a.responders.find((r) => r.name === 'Ana Lima')!;
    const bo = a.responders.find((r) => r.name === 'Bo Chen')!;
    expect(ana).toMatchObject({ timeZone: 'Europe/Berlin', shadow: false, deliveredVia: 'email', failed: false, acknowledgedAt: null, nextAt: null });
    expect(ana.deliveredAt).not.toBeNull();
    expect(bo).toMatchObject({ deliveredAt: null, acknowledgedAt: null, nextAt: new Date(h.clock.now().getTime() + 10 * 60_000).toISOString() });
    const delivered = a.log.find((e) => e.event === 'notified')!;
    expect(delivered.userId).toBe(ana.userId);
    expect(a.people.map((p) => p.name).sort()).toEqual(['Ana Lima', 'Bo Chen']);

    await inTransaction(db, async (trx) => {
      const user = await findUserById(trx, ana.userId);
      await actOnAlert({ ...h.operable.systemCtx(trx), actor: actorForUser(user!) }, row!.id, 'acknowledge');
    });
    a = await read();
    expect(a.responders.find((r) => r.userId === ana.userId)!.acknowledgedAt).toBe(h.clock.now().toISOString());
    // Acknowledged: Bo's email, due later, is cancelled and no longer shown as coming.
    expect(a.responders.find((r) => r.userId === bo.userId)!.nextAt).toBeNull();

    // "Mine": Ana's team owns the service and she was paged; Cy, in no team, sees none of it.
    const mine = (userId: string) =>
      inTransaction(db, async (trx) => {
        const user = await findUserById(trx, userId);
        return (await listAlerts({ ...h.operable.systemCtx(trx), actor: actorForUser(user!) }, { status: 'open', mine: 'true', limit: 50 })).items.map((i) => i.id);
      });
    const cy = await inTransaction(db, (trx) => createUser(h.operable.systemCtx(trx), CreateUser.parse({ name: 'Cy', email: `cy-${kind}@example.com`, role: 'responder' })));
    expect(await mine(ana.userId)).toContain(row!.id);
    expect(await mine(cy.id)).toEqual([]);
  });
});
