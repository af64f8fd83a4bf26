import { CreateService, MaintenanceWindowInput } from '@operable/shared';
import { createMaintenanceWindow } from '../alerts/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../catalog/index.js';
import { inTransaction } from '../db/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';
import { previewPolicyReach, previewServicePage } from './preview.js';

/** Before "Send page": who it would reach, by the engine's own resolution; nobody is said plainly. */
describe.each(await databaseKinds())('paging preview on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h.close());
  const run = <T>(fn: (ctx: ReturnType<Harness['operable']['systemCtx']>) => Promise<T>) => inTransaction(h.operable.deps.database.db, (trx) => fn(h.operable.systemCtx(trx)));

  it('names each step’s people and whether they can be reached, and who the first step reaches', async () => {
    const w = await pipelineWorld(h, {
      people: [
        { name: 'Nobody-reach Nia', email: `nia-${kind}@example.com`, contacts: [] },
        { name: 'Reachable Rui', email: `rui-${kind}@example.com`, contacts: [{ type: 'email', address: 'rui@example.com', delayMinutes: 0 }] },
      ],
      steps: [
        { delayMinutes: 5, people: [0] },
        { delayMinutes: 10, people: [1] },
      ],
    });
    const p = await run((ctx) => previewServicePage(ctx, w.service.id, 'high'));
    expect(p.reachesAnyone).toBe(true);
    expect(p.steps.map((s) => [s.startsAfterMinutes, s.people.map((x) => [x.name, x.reachable])])).toEqual([
      [0, [['Nobody-reach Nia', false]]],
      [5, [['Reachable Rui', true]]],
    ]);
    expect(p.firstReached.map((x) => x.name)).toEqual(['Reachable Rui']);
    expect(await run((ctx) => previewPolicyReach(ctx, w.policyId, 'high'))).toEqual(p);
  });

  it('says why nobody would be reached', async () => {
    const w = await pipelineWorld(h, { people: [{ name: 'Mute', email: `mute-${kind}@example.com`, contacts: [] }], steps: [{ delayMinutes: 5, people: [0] }] });
    const p = await run((ctx) => previewServicePage(ctx, w.service.id, 'high'));
    expect(p).toMatchObject({ reachesAnyone: false, firstReached: [], reason: 'Nobody the escalation policy names has a verified contact method with a notification rule.' });
    const bare = await run((ctx) => createService(ctx, CreateService.parse({ name: `Bare ${kind}`, teamId: w.team.id })));
    expect(await run((ctx) => previewServicePage(ctx, bare.id, 'low'))).toEqual({ policy: null, steps: [], firstReached: [], reachesAnyone: false, reason: 'The service has no escalation policy.' });
  });

  it('says nobody is paged while the service is in maintenance, and names the people again after', async () => {
    const w = await pipelineWorld(h, { people: [{ name: 'Mo', email: `mo-${kind}@example.com`, contacts: [{ type: 'email', address: 'mo@example.com', delayMinutes: 0 }] }], steps: [{ delayMinutes: 5, people: [0] }] });
    const now = h.clock.now().getTime();
    await run((ctx) =>
      createMaintenanceWindow(ctx, MaintenanceWindowInput.parse({ kind: 'once', name: 'Deploy', serviceIds: [w.service.id], startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() })),
    );
    const during = await run((ctx) => previewServicePage(ctx, w.service.id, 'high'));
    expect(during).toMatchObject({ reachesAnyone: false, firstReached: [] });
    expect(during.reason).toMatch(/^The service is in maintenance \(Deploy\) until .* nobody is paged\.$/);
    h.clock.advance(3_600_000);
    expect((await run((ctx) => previewServicePage(ctx, w.service.id, 'high'))).firstReached.map((p) => p.name)).toEqual(['Mo']);
  });
});
