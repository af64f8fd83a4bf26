import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';

/**
 * Alerts and their logs have no foreign keys (each cost a query per ingested row,
 * see migration 0013); what the keys did on delete, triggers do. Deleting a service
 * takes everything of its alerts with it; deleting an integration keeps its alerts.
 */
describe.each(await databaseKinds())('deleting what alerts hang on, on %s', (kind) => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(() => h.close());
  const db = () => h.operable.deps.database.db;
  const count = async (table: 'alerts' | 'alert_log' | 'escalations', column: 'service_id' | 'alert_id', ids: string[]) =>
    ids.length ? Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where(column, 'in', ids).executeTakeFirstOrThrow()).n) : 0;

  it('a deleted service takes its alerts, their logs and escalations, storm groups included', async () => {
    const p = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], stormWindowSeconds: 300 });
    const send = (dedup_key: string) =>
      h.request('/v2/enqueue', { method: 'POST', json: { routing_key: p.key, event_action: 'trigger', dedup_key, payload: { summary: dedup_key, source: 's', severity: 'critical' } } });
    for (const k of ['a', 'b', 'c']) expect((await send(k)).status).toBe(202);
    const ids = (await alertsOf(h, p.service.id)).map((a) => a.id);
    expect(ids).toHaveLength(3);
    expect(await count('alert_log', 'alert_id', ids)).toBeGreaterThanOrEqual(3);
    expect(await count('escalations', 'alert_id', ids)).toBe(1);

    await w.admin.call('DELETE', `/api/services/${p.service.id}`, undefined, 204);
    expect(await count('alerts', 'service_id', [p.service.id])).toBe(0);
    expect(await count('alert_log', 'alert_id', ids)).toBe(0);
    expect(await count('escalations', 'alert_id', ids)).toBe(0);
  });

  it('a deleted integration leaves its alerts open, without a link to it; a new one ingests as before', async () => {
    const p = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], integrationKind: 'generic' });
    expect((await h.request(`/ingest/generic/${p.key}`, { method: 'POST', json: { summary: 'Queue stuck', dedupKey: 'q' } })).status).toBe(202);
    await w.admin.call('DELETE', `/api/integrations/${p.integrationId}`, undefined, 204);
    expect((await alertsOf(h, p.service.id)).map((a) => [a.dedup_key, a.status, a.integration_id])).toEqual([['q', 'triggered', null]]);
    // The key is remembered for 2 s after a lookup; an event in that time is kept, linked to nothing.
    const late = await h.request(`/ingest/generic/${p.key}`, { method: 'POST', json: { summary: 'Late', dedupKey: 'late' } });
    if (late.status === 202) expect((await alertsOf(h, p.service.id)).find((a) => a.dedup_key === 'late')?.integration_id).toBeNull();
    else expect(late.status).toBe(404);
    await db().deleteFrom('alerts').where('dedup_key', '=', 'late').execute();
    const again = await w.admin.call('POST', `/api/services/${p.service.id}/integrations`, { name: 'again', kind: 'generic' });
    expect((await h.request(`/ingest/generic/${again.key}`, { method: 'POST', json: { summary: 'Queue stuck', dedupKey: 'q2' } })).status).toBe(202);
    expect((await alertsOf(h, p.service.id)).map((a) => a.integration_id)).toEqual([null, again.id]);
  });
});
