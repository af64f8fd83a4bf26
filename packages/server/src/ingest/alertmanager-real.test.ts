import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness.js';
import { listen } from '../test-support/listen.js';
import { alertLog, alertsOf, pipelineWorld } from '../test-support/pipeline.js';
import { freePort, waitFor } from '../test-support/wait.js';

/**
 * Debian's Prometheus Alertmanager 0.25 (installed by .ci/run) sending to Operable
 * for real: one group whose first alert resolves while the second fires on, which
 * arrives as one body `[db1 resolved, db2 firing]`.
 */
const BINARY = '/usr/bin/prometheus-alertmanager';
const present = existsSync(BINARY);
if (!present && process.env.CI === 'true') throw new Error(`CI=true but ${BINARY} is missing: .ci/run installs Debian's prometheus-alertmanager`);

describe.skipIf(!present)('a real Alertmanager 0.25', () => {
  let h: Harness;
  let server: Awaited<ReturnType<typeof listen>>;
  let am: ChildProcess | undefined;
  let amUrl = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-am-'));

  beforeAll(async () => {
    h = await createHarness('pglite');
    server = await listen(h);
  });
  afterAll(async () => {
    am?.kill('SIGKILL');
    await server?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startAlertmanager(webhookUrl: string) {
    const config = path.join(dir, 'alertmanager.yml');
    writeFileSync(
      config,
      [
        'route:',
        '  receiver: operable',
        "  group_by: ['alertname']",
        '  group_wait: 0s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: operable',
        '    webhook_configs:',
        `      - url: ${webhookUrl}`,
        '        send_resolved: true',
      ].join('\n'),
    );
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    am = spawn(BINARY, [`--config.file=${config}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: 'ignore' });
    await waitFor('Alertmanager to be ready', async () => (await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok === true);
  }

  /** Alerts as Prometheus posts them to Alertmanager's API. */
  async function post(alerts: { instance: string; endsAt: Date }[]) {
    const body = alerts.map((a) => ({
      labels: { alertname: 'HighErrorRate', job: 'checkout-api', instance: a.instance, severity: 'critical' },
      annotations: { summary: `High 5xx error rate on ${a.instance}` },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: a.endsAt.toISOString(),
    }));
    const res = await fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }

  it('[db1 resolved, db2 firing] resolves db1 only: db2 stays the same open alert and nobody is paged again', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], integrationKind: 'alertmanager', stormWindowSeconds: 300 });
    await startAlertmanager(`${server.url}/ingest/alertmanager/${w.key}`);
    const hour = new Date(Date.now() + 3_600_000);
    await post([
      { instance: 'db1', endsAt: hour },
      { instance: 'db2', endsAt: hour },
    ]);
    await waitFor('both alerts in Operable', async () => (await alertsOf(h, w.service.id)).length === 2);
    const [first, second] = await alertsOf(h, w.service.id);
    expect(second!.group_leader_id).toBe(first!.id);

    await post([{ instance: 'db1', endsAt: new Date(Date.now() - 1000) }]);
    await waitFor('the resolve of the first alert', async () => (await alertsOf(h, w.service.id)).some((a) => a.status === 'resolved'));
    const after = await alertsOf(h, w.service.id);
    expect(after.map((a) => [a.id, a.status])).toEqual([
      [first!.id, 'resolved'],
      [second!.id, 'triggered'],
    ]);
    // Alertmanager sent db2 again in the body that resolved db1: counted, not opened anew.
    expect(after[1]!.occurrences).toBe(2);
    expect(await alertLog(h, second!.id)).toEqual(['triggered', 'leads_group']);
    const escalations = await h.operable.deps.database.db.selectFrom('escalations').select(['alert_id', 'status']).where('alert_id', 'in', [first!.id, second!.id]).execute();
    expect(escalations).toEqual([{ alert_id: second!.id, status: 'active' }]);
  }, 60_000);
});
