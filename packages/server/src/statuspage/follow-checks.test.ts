import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckRunner, type RunnerEnv } from '../checks/index.js';
import { createWorld, type World } from '../test-support/actors.js';
import { startHttpTarget, type HttpTarget } from '../test-support/check-servers.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness } from '../test-support/harness.js';

/**
 * A component tied to a synthetic check follows it with no person in the loop, as
 * wired at composition time (operable.ts registers checks as a status source); a
 * status set by hand wins and the component says so. Time is the harness's clock.
 */
describe.each(await databaseKinds())('status page components following checks on %s', (kind) => {
  let w: World;
  let t: HttpTarget;
  let env: RunnerEnv;
  let runner: CheckRunner;
  /** Time moves on, the check probes what is due, then the engine's round (the status page follows). */
  const step = async (ms: number) => {
    w.h.clock.advance(ms);
    await runner.tick(env);
    await runner.idle();
    await w.h.operable.engine.runUntilIdle();
  };
  const component = (id: string) => w.viewer.call('GET', `/api/statuspage/components/${id}`);
  const publicStatus = async (id: string) => {
    const summary = await (await w.h.request('/api/v2/summary.json')).json();
    return summary.components.find((c: { id: string }) => c.id === id).status;
  };

  beforeAll(async () => {
    w = await createWorld(await createHarness(kind));
    t = await startHttpTarget();
    const sys = w.h.operable.systemCtx();
    env = { database: w.h.operable.deps.database, clock: w.h.clock, log: sys.log, settings: sys.settings };
    runner = new CheckRunner({ owner: 'statuspage-test' });
  });
  afterAll(async () => {
    await t.close();
    await w.h.close();
  });

  it('goes to the failing status while its check is down and back when it recovers; a manual status wins and says so', async () => {
    const check = await w.admin.call('POST', '/api/checks', { name: 'Checkout probe', serviceId: w.serviceA.id, kind: 'http', intervalSeconds: 20, retries: 0, http: { url: `${t.url}/health` } });
    const created = await w.admin.call('POST', '/api/statuspage/components', { name: 'Checkout', sources: [{ kind: 'check', id: check.id, failingStatus: 'major_outage' }] });
    expect(created).toMatchObject({ status: 'operational', manualOverride: false, sources: [{ kind: 'check', id: check.id, name: 'Checkout probe', failingStatus: 'major_outage' }] });

    await step(20_000);
    expect((await component(created.id)).status).toBe('operational');

    t.healthy = false;
    await step(20_000);
    expect(await w.viewer.call('GET', `/api/checks/${check.id}`)).toMatchObject({ state: 'down' });
    expect(await component(created.id)).toMatchObject({ status: 'major_outage', automaticStatus: 'major_outage', manualOverride: false });
    expect(await publicStatus(created.id)).toBe('major_outage');

    // A person knows better (say, the probe's own network is at fault): their status is shown, flagged.
    await w.admin.call('PATCH', `/api/statuspage/components/${created.id}`, { status: 'degraded_performance' });
    expect(await component(created.id)).toMatchObject({ status: 'degraded_performance', manualStatus: 'degraded_performance', automaticStatus: 'major_outage', manualOverride: true });
    expect(await publicStatus(created.id)).toBe('degraded_performance');

    // Recovery is followed underneath the override; clearing it shows what the check says now.
    t.healthy = true;
    await step(20_000);
    expect(await component(created.id)).toMatchObject({ status: 'degraded_performance', automaticStatus: 'operational', manualOverride: true });
    await w.admin.call('PATCH', `/api/statuspage/components/${created.id}`, { status: null });
    expect(await component(created.id)).toMatchObject({ status: 'operational', manualOverride: false });

    // Down again, then paused: a paused check says nothing, so the component is operational.
    t.healthy = false;
    await step(20_000);
    expect((await component(created.id)).status).toBe('major_outage');
    await w.admin.call('POST', `/api/checks/${check.id}/pause`, { paused: true }, 200);
    await step(1_000);
    expect((await component(created.id)).status).toBe('operational');

    // The people's changes are audited, the override and its removal among them.
    const audit = await w.admin.call('GET', '/api/audit?limit=50');
    const overrides = audit.items.filter((a: { action: string; entityId: string }) => a.action === 'statuspage.component.update' && a.entityId === created.id);
    expect(overrides.map((a: { after: { manualStatus: string | null } }) => a.after.manualStatus)).toEqual([null, 'degraded_performance']);
    t.healthy = true;
  });

  it('refuses a link to a check that does not exist, naming the field', async () => {
    const res = await w.admin.request('/api/statuspage/components', { method: 'POST', json: { name: 'Ghost', sources: [{ kind: 'service', id: w.serviceA.id }, { kind: 'check', id: '00000000-0000-4000-8000-000000000000' }] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('"field":"sources.1.id"');
    const bad = await w.admin.request('/api/statuspage/components', { method: 'POST', json: { name: 'Ghost', sources: [{ kind: 'heartbeat', id: w.serviceA.id }] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('"field":"sources.0.kind"');
  });
});
