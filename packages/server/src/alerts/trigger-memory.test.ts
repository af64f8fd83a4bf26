import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';
import type { TriggerEvent } from './events.js';
import { triggerAlerts, type TriggerResult } from './trigger.js';

const event = (dedupKey: string): TriggerEvent => ({ action: 'trigger', dedupKey, summary: dedupKey, source: 'test', severity: 'critical', urgency: 'high', details: {}, links: [] });

/**
 * Outside a transaction, ingest plans from what the process remembers of a service
 * (paging-cache.ts). Every change behind its back, by any path (here raw SQL, as
 * another process or a future feature would), must still be seen by the next batch.
 */
describe.each(await databaseKinds())('ingest planning from memory on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  const db = () => h.operable.deps.database.db;
  async function world(stormWindowSeconds = 300) {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }], stormWindowSeconds });
    const send = async (key: string, on = db()): Promise<TriggerResult> =>
      (await triggerAlerts(h.operable.systemCtx(on), [{ serviceId: w.service.id, integrationId: w.integrationId, event: event(key) }]))[0]!;
    await send('warm-up'); // the process now remembers the service
    return { ...w, send };
  }

  it('a key resolved behind its back opens a new alert', async () => {
    const w = await world(0);
    const first = await w.send('disk');
    expect((await w.send('disk')).outcome).toBe('repeat');
    await db().updateTable('alerts').set({ status: 'resolved', resolved_at: h.clock.now() }).where('id', '=', first.alertId).execute();
    const again = await w.send('disk');
    expect(again).toMatchObject({ created: true, outcome: 'paging' });
    expect(again.alertId).not.toBe(first.alertId);
  });

  it('a group resolved in one transaction, and another alert later: each is seen', async () => {
    const w = await world(0);
    const a = await w.send('a');
    const b = await w.send('b');
    await inTransaction(db(), async (trx) => {
      await trx.updateTable('alerts').set({ status: 'resolved', resolved_at: h.clock.now() }).where('id', 'in', [a.alertId, b.alertId]).execute();
    });
    expect((await w.send('a')).created).toBe(true);
    const c = await w.send('c');
    await db().updateTable('alerts').set({ status: 'resolved', resolved_at: h.clock.now() }).where('id', '=', c.alertId).execute();
    expect((await w.send('c')).created).toBe(true);
    expect((await w.send('b')).created).toBe(true);
  });

  it('a storm leader resolved behind its back: the next alert pages', async () => {
    const w = await world();
    const leader = await db().selectFrom('alerts').select('id').where('service_id', '=', w.service.id).executeTakeFirstOrThrow();
    expect((await w.send('second')).outcome).toBe('grouped');
    await db().updateTable('alerts').set({ status: 'resolved', resolved_at: h.clock.now() }).where('id', '=', leader.id).execute();
    expect((await w.send('third')).outcome).toBe('paging');
  });

  it('a maintenance window planned or ended behind its back applies to the next alert', async () => {
    const w = await world(0);
    const now = h.clock.now();
    const soon = new Date(now.getTime() + 60_000);
    const { id } = await db()
      .insertInto('maintenance_windows')
      .values({ name: 'Deploy', service_ids: [w.service.id], kind: 'once', starts_at: soon, ends_at: new Date(now.getTime() + 3_600_000), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await w.send('before')).outcome).toBe('paging');
    h.clock.set(soon); // it starts: no write in between, the remembered window must cover it
    expect((await w.send('during')).outcome).toBe('suppressed');
    await db().deleteFrom('maintenance_windows').where('id', '=', id).execute();
    expect((await w.send('after')).outcome).toBe('paging');
  });

  it('a policy or storm window changed behind its back applies to the next alert', async () => {
    const w = await world(0);
    await db().updateTable('services').set({ escalation_policy_id: null }).where('id', '=', w.service.id).execute();
    expect((await w.send('unowned')).outcome).toBe('no_policy');
    await db().updateTable('services').set({ escalation_policy_id: w.policyId }).where('id', '=', w.service.id).execute();
    expect((await w.send('owned')).outcome).toBe('paging');
    // With grouping on, the open alerts just sent lead groups the next one joins.
    await db().updateTable('services').set({ storm_window_seconds: 300 }).where('id', '=', w.service.id).execute();
    expect((await w.send('follower')).outcome).toBe('grouped');
  });

  it('two processes writing one service in turn: every batch lands once, repeats are repeats across them', async () => {
    const w = await world(0);
    const other = db().withoutPlugins(); // another process: its own memory of the service
    const mine: TriggerResult[] = [];
    const theirs: TriggerResult[] = [];
    for (let i = 0; i < 6; i++) {
      mine.push(await w.send(`k${i}`));
      theirs.push(await w.send(`k${i}`, other)); // the other process repeats what this one opened
      mine.push(await w.send(`k${i}`)); // and this one again, after the other wrote
    }
    expect(mine.filter((r) => r.created)).toHaveLength(6);
    expect(theirs.every((r) => r.outcome === 'repeat')).toBe(true);
    const rows = await db().selectFrom('alerts').select(['dedup_key', 'occurrences']).where('service_id', '=', w.service.id).where('dedup_key', 'like', 'k%').orderBy('dedup_key').execute();
    expect(rows).toEqual(Array.from({ length: 6 }, (_, i) => ({ dedup_key: `k${i}`, occurrences: 3 })));
  });

  it('a key another process opened is a repeat here, though this process never saw it', async () => {
    const w = await world(0);
    const other = db().withoutPlugins(); // another handle: its own memory, the same database
    const theirs = await w.send('shared', other);
    // This process catches up on the service (a read that did not ask about 'shared')…
    expect((await w.send('mine')).created).toBe(true);
    // …so only the unique index on open keys can tell it 'shared' is open.
    const mine = await w.send('shared');
    expect(mine).toMatchObject({ alertId: theirs.alertId, created: false, outcome: 'repeat' });
    const rows = await db().selectFrom('alerts').select(['id', 'occurrences']).where('service_id', '=', w.service.id).where('dedup_key', '=', 'shared').execute();
    expect(rows).toEqual([{ id: theirs.alertId, occurrences: 2 }]);
  });
});
