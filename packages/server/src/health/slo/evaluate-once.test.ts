import { SloInput } from '@operable/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/index.js';
import { databaseKinds } from '../../test-support/databases.js';
import { createHarness, type Harness } from '../../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../../test-support/pipeline.js';
import { MINUTE } from './burn.js';
import { evaluateDueSlos, sloDedupKey } from './evaluate.js';
import { createSlo, pushSloEvents } from './slos.js';

/** Several engine processes judge each SLO once a minute between them: one alert, raised once. */
describe.each(await databaseKinds())('SLO evaluation across engines on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('four concurrent evaluations raise one page and evaluate each SLO once', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }] });
    const db = h.operable.deps.database.db;
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C']) {
      const slo = await inTransaction(db, (trx) =>
        createSlo(h.operable.systemCtx(trx), SloInput.parse({ serviceId: w.service.id, name, kind: 'availability', objective: 0.999, windowDays: 30, source: { type: 'push' } })),
      );
      const start = new Date(Math.floor(h.clock.now().getTime() / MINUTE) * MINUTE - MINUTE).toISOString();
      await inTransaction(db, (trx) => pushSloEvents(h.operable.systemCtx(trx), slo.id, { buckets: [{ start, good: 950, total: 1000 }] }));
      ids.push(slo.id);
    }
    const env = { database: h.operable.deps.database, clock: h.clock, log: h.operable.deps.log, settings: h.operable.deps.settings };
    const handled = await Promise.all([evaluateDueSlos(env), evaluateDueSlos(env), evaluateDueSlos(env), evaluateDueSlos(env)]);
    expect(handled.reduce((a, b) => a + b, 0)).toBe(3);
    const alerts = await alertsOf(h, w.service.id);
    for (const id of ids) {
      const pages = alerts.filter((a) => a.dedup_key === sloDedupKey(id, 'page'));
      expect(pages).toHaveLength(1);
      expect(pages[0]!.occurrences).toBe(1);
    }
    // Not due again until a minute has passed.
    expect(await evaluateDueSlos(env)).toBe(0);
    h.clock.advance(MINUTE);
    expect(await evaluateDueSlos(env)).toBe(3);
    expect((await alertsOf(h, w.service.id)).every((a) => a.occurrences === 1)).toBe(true);
  });
});
