import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../test-support/actors.js';
import { startDnsTarget, startHttpTarget, startTcpTarget, startTlsTarget, type HttpTarget } from '../test-support/check-servers.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness } from '../test-support/harness.js';
import { CheckRunner, rollUpChecks, type RunnerEnv } from './index.js';

/** Checks end to end: the API, the runner's probes against a local server, alerts, rollups. */
describe.each(await databaseKinds())('synthetic checks on %s', (kind) => {
  let w: World;
  let t: HttpTarget;
  let env: RunnerEnv;
  let runner: CheckRunner;
  const body = (more: Record<string, unknown> = {}) => ({
    name: 'Checkout health',
    serviceId: w.serviceA.id,
    kind: 'http',
    intervalSeconds: 20,
    retries: 1,
    http: { url: `${t.url}/health`, keyword: 'all systems go' },
    ...more,
  });
  /** Time moves on and the runner does whatever is due, to the end. */
  const step = async (ms: number) => {
    w.h.clock.advance(ms);
    await runner.tick(env);
    await runner.idle();
  };

  beforeAll(async () => {
    w = await createWorld(await createHarness(kind));
    t = await startHttpTarget();
    const sys = w.h.operable.systemCtx();
    env = { database: w.h.operable.deps.database, clock: w.h.clock, log: sys.log, settings: sys.settings };
    runner = new CheckRunner({ owner: 'engine-test' });
  });
  afterAll(async () => {
    await t.close();
    await w.h.close();
  });

  it('a responder adds a check for their team’s service; everyone signed in reads it; the audit log has it', async () => {
    const check = await w.responder.call('POST', '/api/checks', body());
    expect(check).toMatchObject({ name: 'Checkout health', kind: 'http', target: `${t.url}/health`, state: 'pending', retries: 1, timeoutSeconds: 10, http: { method: 'GET', followRedirects: true, verifyTls: true } });
    const list = await w.viewer.call('GET', '/api/checks');
    expect(list.items.map((c: { id: string }) => c.id)).toContain(check.id);
    const audit = await w.admin.call('GET', '/api/audit?limit=5');
    expect(audit.items[0]).toMatchObject({ action: 'check.create', entityId: check.id });
    await w.responder.call('DELETE', `/api/checks/${check.id}`, undefined, 204);
  });

  it('refuses what a responder may not do: another team’s service, internal targets, a taken name', async () => {
    expect((await w.responder.request('/api/checks', { method: 'POST', json: body({ serviceId: w.serviceB.id }) })).status).toBe(403);
    expect((await w.responder.request('/api/checks', { method: 'POST', json: body({ allowInternal: true }) })).status).toBe(403);
    expect((await w.viewer.request('/api/checks', { method: 'POST', json: body() })).status).toBe(403);
    const internal = await w.responder.request('/api/checks', { method: 'POST', json: body({ http: { url: 'http://10.1.2.3/health' } }) });
    expect(internal.status).toBe(400);
    expect(JSON.stringify(await internal.json())).toContain('"field":"http.url"');
    const admin = await w.admin.call('POST', '/api/checks', body({ name: 'Internal', allowInternal: true, http: { url: 'http://10.1.2.3/health' } }));
    expect(admin.allowInternal).toBe(true);
    expect((await w.admin.request('/api/checks', { method: 'POST', json: body({ name: 'internal' }) })).status).toBe(409);
    await w.admin.call('DELETE', `/api/checks/${admin.id}`, undefined, 204);
  });

  it('"test now" runs one probe and saves nothing', async () => {
    const before = (await w.admin.call('GET', '/api/checks')).items.length;
    expect(await w.responder.call('POST', '/api/checks/test', body(), 200)).toMatchObject({ ok: true, message: expect.stringMatching(/^200 OK in \d+ ms$/) });
    expect(await w.responder.call('POST', '/api/checks/test', body({ http: { url: `${t.url}/teapot` } }), 200)).toMatchObject({ ok: false, message: expect.stringContaining('418') });
    expect((await w.admin.call('GET', '/api/checks')).items.length).toBe(before);
  });

  it('goes down after its retries, raising an alert on its service; recovery resolves it', async () => {
    const check = await w.responder.call('POST', '/api/checks', body({ name: 'Down and up' }));
    await step(20_000);
    let now = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(now).toMatchObject({ state: 'up', lastOk: true, lastMessage: expect.stringMatching(/^200 OK/), alerts: [] });

    t.healthy = false;
    await step(20_000);
    now = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(now).toMatchObject({ state: 'up', failures: 1, alerts: [] }); // one retry tolerated
    await step(20_000);
    now = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(now).toMatchObject({ state: 'down', failures: 2 });
    expect(now.alerts).toEqual([expect.objectContaining({ status: 'triggered', summary: expect.stringContaining('Check down: Down and up') })]);
    expect(now.alerts[0].summary).toContain('503');
    const alert = await w.viewer.call('GET', `/api/alerts/${now.alerts[0].id}`);
    expect(alert).toMatchObject({ serviceId: w.serviceA.id });
    // Still down: no second alert.
    await step(20_000);
    expect((await w.viewer.call('GET', `/api/checks/${check.id}`)).alerts).toHaveLength(1);

    t.healthy = true;
    await step(20_000);
    now = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(now).toMatchObject({ state: 'up', failures: 0 });
    expect(now.alerts[0].status).toBe('resolved');
    expect(now.recent.filter((ms: number) => ms === -1)).toHaveLength(3);

    // Rolled up after the grace: the minute series and the uptime agree with the probes.
    await step(5 * 60_000);
    await rollUpChecks(env.database.db, env.clock.now(), env.log);
    const series = await w.viewer.call('GET', `/api/checks/${check.id}/series?resolution=minute&from=${new Date(env.clock.now().getTime() - 3_600_000).toISOString()}`);
    const totals = series.items.reduce((s: { total: number; up: number }, p: { total: number; up: number }) => ({ total: s.total + p.total, up: s.up + p.up }), { total: 0, up: 0 });
    const results = await w.viewer.call('GET', `/api/checks/${check.id}/results?limit=100`);
    expect(totals).toEqual({ total: results.items.length, up: results.items.filter((r: { ok: boolean }) => r.ok).length });
    expect(totals.total - totals.up).toBe(3);
    const detail = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(detail.uptime.day).toBeCloseTo(totals.up / totals.total, 6);
    await w.admin.call('DELETE', `/api/checks/${check.id}`, undefined, 204);
  });

  it('respects the service’s maintenance window: failures count, nothing is declared down until it ends', async () => {
    const check = await w.responder.call('POST', '/api/checks', body({ name: 'In maintenance', retries: 0 }));
    await step(20_000);
    const start = env.clock.now();
    await w.responder.call('POST', '/api/maintenance-windows', {
      kind: 'once',
      name: 'Deploy',
      serviceIds: [w.serviceA.id],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 90_000).toISOString(),
    });
    t.healthy = false;
    await step(20_000);
    await step(20_000);
    let now = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(now).toMatchObject({ state: 'up', failures: 2, alerts: [] });
    const results = await w.viewer.call('GET', `/api/checks/${check.id}/results`);
    expect(results.items[0]).toMatchObject({ ok: false, maintenance: true });
    await step(60_000);
    now = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(now.state).toBe('down');
    expect(now.alerts).toHaveLength(1);
    t.healthy = true;
    await step(20_000);
    await w.admin.call('DELETE', `/api/checks/${check.id}`, undefined, 204);
  });

  it('pausing stops probes; resuming probes at once and keeps the state', async () => {
    const check = await w.responder.call('POST', '/api/checks', body({ name: 'Pausable' }));
    await w.responder.call('POST', `/api/checks/${check.id}/pause`, { paused: true }, 200);
    const before = t.requests;
    await step(120_000);
    expect(t.requests).toBe(before);
    const resumed = await w.responder.call('POST', `/api/checks/${check.id}/pause`, { paused: false }, 200);
    expect(resumed).toMatchObject({ paused: false, state: 'pending' });
    await step(1_000);
    expect(t.requests).toBe(before + 1);
    // Paused while down, resumed healthy: recovered, and its alert resolved.
    await w.responder.call('PUT', `/api/checks/${check.id}`, body({ name: 'Pausable', retries: 0 }), 200);
    t.healthy = false;
    await step(60_000);
    expect((await w.viewer.call('GET', `/api/checks/${check.id}`)).state).toBe('down');
    await w.responder.call('POST', `/api/checks/${check.id}/pause`, { paused: true }, 200);
    t.healthy = true;
    await w.responder.call('POST', `/api/checks/${check.id}/pause`, { paused: false }, 200);
    await step(1_000);
    const after = await w.viewer.call('GET', `/api/checks/${check.id}`);
    expect(after).toMatchObject({ state: 'up', paused: false });
    expect(after.alerts[0].status).toBe('resolved');
    const audit = await w.admin.call('GET', '/api/audit?limit=2');
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['check.resume', 'check.pause']);
    await w.admin.call('DELETE', `/api/checks/${check.id}`, undefined, 204);
  });

  it('runs TCP, TLS-expiry and DNS checks against local servers, each with its verdict and alert', async () => {
    const [tcp, tls, dns] = await Promise.all([startTcpTarget(), startTlsTarget(5), startDnsTarget({ 'shop.example.test': { A: ['192.0.2.7'] } })]);
    try {
      // The certificate was made today (real time): stand the engine's clock there.
      w.h.clock.set(new Date());
      const add = (more: Record<string, unknown>) => w.responder.call('POST', '/api/checks', { serviceId: w.serviceA.id, retries: 0, intervalSeconds: 20, ...more });
      const open = await add({ name: 'Port open', kind: 'tcp', tcp: { host: '127.0.0.1', port: tcp.port } });
      const closed = await add({ name: 'Port closed', kind: 'tcp', tcp: { host: '127.0.0.1', port: tcp.closedPort } });
      const cert = await add({ name: 'Certificate', kind: 'tls', tls: { host: '127.0.0.1', port: tls.port, minDaysLeft: 14, verifyTls: false } });
      const record = await add({ name: 'DNS A', kind: 'dns', dns: { name: 'shop.example.test', expected: '192.0.2.7', server: dns.server } });
      const wrong = await add({ name: 'DNS moved', kind: 'dns', dns: { name: 'shop.example.test', expected: '192.0.2.8', server: dns.server } });
      await step(20_000);
      const get = async (c: { id: string }) => w.viewer.call('GET', `/api/checks/${c.id}`);
      expect(await get(open)).toMatchObject({ state: 'up', lastMessage: expect.stringContaining(`port ${tcp.port} open`) });
      expect(await get(closed)).toMatchObject({ state: 'down', lastMessage: 'connection refused', alerts: [expect.objectContaining({ status: 'triggered' })] });
      const expiring = await get(cert);
      expect(expiring).toMatchObject({ state: 'down', lastMessage: expect.stringMatching(/^certificate expires in [45] days .*fewer than 14$/) });
      expect(expiring.alerts[0].summary).toContain('Check down: Certificate');
      expect(await get(record)).toMatchObject({ state: 'up', lastMessage: expect.stringContaining('A shop.example.test is 192.0.2.7') });
      expect(await get(wrong)).toMatchObject({ state: 'down', lastMessage: expect.stringContaining('expected 192.0.2.8') });
      for (const c of [open, closed, cert, record, wrong]) await w.admin.call('DELETE', `/api/checks/${c.id}`, undefined, 204);
    } finally {
      await Promise.all([tcp.close(), tls.close(), dns.close()]);
    }
  });
});
