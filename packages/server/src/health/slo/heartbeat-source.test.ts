import { SloInput } from '@operable/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/index.js';
import { databaseKinds } from '../../test-support/databases.js';
import { createHarness, type Harness } from '../../test-support/harness.js';
import { pipelineWorld } from '../../test-support/pipeline.js';
import { MINUTE } from './burn.js';
import { minuteBuckets } from './repository.js';
import { createSlo } from './slos.js';

/** A heartbeat as an SLI: one event a minute, bad while its missed-heartbeat alert is open. */
const KINDS = await databaseKinds();

describe.each(KINDS)('heartbeat SLI source on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('counts the minutes the heartbeat was missed as bad, the others as good, and nothing before it existed', async () => {
    const t0 = h.clock.now().getTime();
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], integrationKind: 'heartbeat', heartbeatIntervalMinutes: 5 });
    const slo = await inTransaction(h.operable.deps.database.db, (db) =>
      createSlo(
        h.operable.systemCtx(db),
        SloInput.parse({ serviceId: w.service.id, name: 'Nightly job', kind: 'availability', objective: 0.99, windowDays: 7, alerting: false, source: { type: 'heartbeat', integrationId: w.integrationId } }),
      ),
    );
    for (let m = 1; m <= 12; m++) {
      h.clock.advance(MINUTE);
      await h.operable.engine.runUntilIdle();
      // Missed at 10:05 (5 minutes after the last beat); the job calls in again at 10:08.
      if (m === 8) expect((await h.request(`/ingest/heartbeat/${w.key}`, { method: 'POST' })).status).toBeLessThan(300);
    }
    const buckets = await minuteBuckets(h.operable.deps.database.db, slo.id, new Date(t0 - 60 * MINUTE), h.clock.now());
    expect(buckets.map((b) => (b.start - t0) / MINUTE)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(buckets.filter((b) => b.good === 0).map((b) => (b.start - t0) / MINUTE)).toEqual([5, 6, 7]);
    expect(buckets.every((b) => b.total === 1)).toBe(true);
  });
});
