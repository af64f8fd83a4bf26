import type { ProbeOutcome } from '@operable/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { startHttpTarget, type HttpTarget } from '../test-support/check-servers.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness } from '../test-support/harness.js';
import { checkRunnerModule } from './checks.js';
import { createEngine } from './index.js';

/** Engines share checks through leases; a killed engine's checks go to the others once its leases run out. */
describe.each(await databaseKinds())('check leasing across engines on %s', (kind) => {
  let w: World;
  let t: HttpTarget;
  const ids: string[] = [];
  const engine = (module: ReturnType<typeof checkRunnerModule>) => {
    const { database, settings, log, config } = w.h.operable.deps;
    return createEngine({ database, clock: w.h.clock, log, settings, channels: config.channels, modules: [module] });
  };
  const results = async (id: string) => (await w.viewer.call('GET', `/api/checks/${id}/results?limit=500`)).items.length as number;

  beforeAll(async () => {
    w = await createWorld(await createHarness(kind));
    t = await startHttpTarget();
    for (let i = 0; i < 6; i++) {
      ids.push((await w.admin.call('POST', '/api/checks', { name: `check ${i}`, serviceId: w.serviceA.id, kind: 'http', intervalSeconds: 60, http: { url: `${t.url}/ok` } })).id);
    }
  });
  afterAll(async () => {
    await t.close();
    await w.h.close();
  });

  it('a killed engine’s checks are probed by another once its leases expire, and its late results are dropped', async () => {
    // Engine A leases everything, then hangs (as good as killed mid-probe).
    const release: ((o: ProbeOutcome) => void)[] = [];
    const hung = checkRunnerModule({ owner: 'engine-a', prober: () => new Promise((resolve) => release.push(resolve)) });
    const healthy = checkRunnerModule({ owner: 'engine-b' });
    w.h.clock.advance(60_000);
    expect(await engine(hung).runUntilIdle()).toBe(6);
    expect(hung.runner.running).toBe(6);

    // B finds nothing to do while A's leases hold.
    expect(await engine(healthy).runUntilIdle()).toBe(0);
    expect(t.requests).toBe(0);

    // Past the lease (10 s timeout + 30 s margin), B takes over and records.
    w.h.clock.advance(41_000);
    expect(await engine(healthy).runUntilIdle()).toBe(6);
    await healthy.runner.idle();
    expect(t.requests).toBe(6);
    for (const id of ids) expect(await results(id)).toBe(1);
    expect((await w.viewer.call('GET', '/api/checks')).items.every((c: { state: string }) => c.state === 'up')).toBe(true);

    // A comes back with "down" for everything: none of it is recorded.
    for (const r of release) r({ ok: false, latencyMs: null, message: 'zombie' });
    await hung.runner.idle();
    expect(w.h.logs.filter((l) => l.event === 'CHECK_RESULT_DROPPED')).toHaveLength(6);
    for (const id of ids) expect(await results(id)).toBe(1);
    expect((await w.viewer.call('GET', '/api/checks')).items.every((c: { state: string; lastOk: boolean }) => c.state === 'up' && c.lastOk)).toBe(true);
  });

  it('two engines claiming at once split the due checks: each probed exactly once', async () => {
    const a = checkRunnerModule({ owner: 'engine-c', concurrency: 4 });
    const b = checkRunnerModule({ owner: 'engine-d', concurrency: 4 });
    w.h.clock.advance(60_000);
    const before = t.requests;
    const [na, nb] = await Promise.all([engine(a).runUntilIdle(), engine(b).runUntilIdle()]);
    await Promise.all([a.runner.idle(), b.runner.idle()]);
    // Capacity freed by finished probes may let a later round claim the rest.
    await Promise.all([engine(a).runUntilIdle(), engine(b).runUntilIdle()]);
    await Promise.all([a.runner.idle(), b.runner.idle()]);
    expect(na + nb).toBeGreaterThan(0);
    expect(t.requests - before).toBe(6);
    for (const id of ids) expect(await results(id)).toBe(2);
  });

  it('a started engine polls its own clock: checks run on their slots without a page waking it', async () => {
    const polled = checkRunnerModule({ owner: 'engine-e' });
    const e = engine(polled);
    await e.start();
    try {
      const before = t.requests;
      // A second at a time, as the engine's poll sees it.
      for (let s = 0; s < 60; s++) {
        w.h.clock.advance(1_000);
        await w.h.clock.settle();
        // Fake time must not outrun the probes (their leases would lapse in it).
        await polled.runner.idle();
      }
      await polled.runner.idle();
      expect(t.requests - before).toBe(6);
    } finally {
      await e.stop();
    }
  });
});
