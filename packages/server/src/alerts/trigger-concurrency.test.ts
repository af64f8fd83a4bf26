import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';
import type { TriggerEvent } from './events.js';
import { triggerAlerts } from './trigger.js';
import { readPagingContext, writeTriggerBatch } from './trigger-repository.js';

const event = (dedupKey: string): TriggerEvent => ({ action: 'trigger', dedupKey, summary: dedupKey, source: 'test', severity: 'critical', urgency: 'high', details: {}, links: [] });

/**
 * Ingest holds no lock between reading a service's paging context and writing its
 * plan; the write applies only if nobody wrote to the service meanwhile. Racing
 * batches must still leave one open alert per key, every occurrence counted, and one
 * page per storm.
 */
describe.each(await databaseKinds())('racing ingest batches on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());

  it('a write whose context went stale changes nothing, and the caller reads again', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }] });
    const db = h.operable.deps.database.db;
    const [stale] = await readPagingContext(db, [w.service.id], [], h.clock.now());
    await triggerAlerts(h.operable.systemCtx(), [{ serviceId: w.service.id, integrationId: w.integrationId, event: event('first') }]);
    const applied = await writeTriggerBatch(db, {
      now: h.clock.now(),
      versions: [{ serviceId: w.service.id, version: stale!.alerts_version }],
      bumps: [],
      alerts: [],
      log: [],
      starts: [],
    });
    expect(applied).toBe(false);
    const [fresh] = await readPagingContext(db, [w.service.id], [], h.clock.now());
    expect(fresh!.alerts_version).toBe(stale!.alerts_version + 1);
  });

  it('concurrent batches: one open alert per key, every occurrence counted, one page for the storm', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5, people: [] }] });
    const db = h.operable.deps.database.db;
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    // 8 batches at once, each with every key twice plus keys of its own.
    const batches = Array.from({ length: 8 }, (_, b) =>
      [...keys, ...keys, `own-${b}-a`, `own-${b}-b`].map((k) => ({ serviceId: w.service.id, integrationId: w.integrationId, event: event(k) })),
    );
    const results = await Promise.all(batches.map((inputs) => triggerAlerts(h.operable.systemCtx(), inputs)));

    const alerts = await db.selectFrom('alerts').selectAll().where('service_id', '=', w.service.id).execute();
    expect(alerts).toHaveLength(keys.length + 16);
    for (const k of keys) expect(alerts.find((a) => a.dedup_key === k)!.occurrences).toBe(16);
    const leaders = alerts.filter((a) => a.group_leader_id === null);
    expect(leaders).toHaveLength(1);
    expect(leaders[0]!.group_size).toBe(alerts.length);
    const escalations = await db.selectFrom('escalations').select('alert_id').where('alert_id', 'in', alerts.map((a) => a.id)).execute();
    expect(escalations.map((e) => e.alert_id)).toEqual([leaders[0]!.id]);
    // Each key's first event created its alert exactly once across all batches.
    expect(results.flat().filter((r) => r.created)).toHaveLength(alerts.length);
    const logs = await db.selectFrom('alert_log').select(['alert_id', 'event', 'details']).where('alert_id', 'in', alerts.map((a) => a.id)).execute();
    expect(logs.map((l) => l.event)).toEqual(alerts.map(() => 'triggered'));
    expect(logs.filter((l) => (l.details as { leaderId?: string }).leaderId === leaders[0]!.id)).toHaveLength(alerts.length - 1);
  });
});
