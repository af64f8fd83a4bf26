// Operable beside Prometheus Alertmanager 0.25 (Debian's `prometheus-alertmanager`,
// installed here when missing, never by the tests), measured by the same load client
// in one run, rounds interleaved so both see the same machine. Results:
// bench/results/vs-alertmanager.json.
//
//   single    one new alert per request at c16: PagerDuty /v2/enqueue vs AM's POST /api/v2/alerts
//   body100   100 new alerts per request at c16: Operable's /ingest/alertmanager (the webhook body
//             Alertmanager sends) vs AM's POST /api/v2/alerts with the same 100 alerts
//
// BENCH_KINDS=postgres,pglite (default both), BENCH_SECONDS per round (5), BENCH_ROUNDS (3).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, measuringSteal, postJson, ROOT, rssMb, sleep, startServer, withPostgres } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 16;
const BINARY = '/usr/bin/prometheus-alertmanager';

function ensureAlertmanager() {
  if (existsSync(BINARY)) return;
  console.error("Installing Debian's prometheus-alertmanager for the comparison");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', 'prometheus-alertmanager']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

async function startAlertmanager() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-am-'));
  const config = path.join(dir, 'am.yml');
  // A receiver with no integrations: AM keeps, groups and dedups alerts; nothing is sent.
  writeFileSync(config, 'route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n');
  const port = 19000 + Math.floor(Math.random() * 1000);
  const child = spawn(BINARY, [`--config.file=${config}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {}
    if (i > 200) throw new Error('Alertmanager did not start');
    await sleep(50);
  }
  return { url, pid: child.pid, stop: () => (child.kill('SIGKILL'), rmSync(dir, { recursive: true, force: true })) };
}

const labels = (round, i, j) => ({ alertname: 'BenchAlert', job: 'bench', instance: `host-${round}-${i}-${j}`, severity: 'critical' });

/** What Prometheus posts to Alertmanager: alerts with labels and annotations. */
function amApiBody(round, i, size) {
  const now = new Date().toISOString();
  return JSON.stringify(Array.from({ length: size }, (_, j) => ({ labels: labels(round, i, j), annotations: { summary: `bench ${i}.${j}` }, startsAt: now, generatorURL: 'http://prometheus:9090/graph' })));
}

/** What Alertmanager posts to a webhook receiver: one group of `size` firing alerts. */
function webhookBody(round, i, size) {
  const now = new Date().toISOString();
  const alerts = Array.from({ length: size }, (_, j) => ({
    status: 'firing',
    labels: labels(round, i, j),
    annotations: { summary: `bench ${i}.${j}` },
    startsAt: now,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph',
    fingerprint: `${round}-${i}-${j}`.padStart(16, '0'),
  }));
  return JSON.stringify({ receiver: 'operable', status: 'firing', alerts, groupLabels: { alertname: 'BenchAlert' }, commonLabels: { alertname: 'BenchAlert' }, externalURL: 'http://am:9093', version: '4', groupKey: `{}:{alertname="BenchAlert-${i}"}`, truncatedAlerts: 0 });
}

const ok = (status) => status >= 200 && status < 300;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function compare(kind, env) {
  const am = await startAlertmanager();
  const s = await startServer(env);
  let peak = { operable: 0, alertmanager: 0 };
  const sampler = setInterval(() => (peak = { operable: Math.max(peak.operable, rssMb(s.pid)), alertmanager: Math.max(peak.alertmanager, rssMb(am.pid)) }), 200);
  try {
    const team = await s.api('POST', '/api/teams', { name: 'Bench' });
    const policy = await s.api('POST', '/api/escalation-policies', { name: 'Nobody', teamId: team.id, steps: [{ delayMinutes: 30, targets: [{ type: 'webhook', url: 'http://127.0.0.1:9/nowhere', secret: 'bench-webhook-secret-0001' }] }] });
    const integration = async (name, kindOf) => {
      const svc = await s.api('POST', '/api/services', { name, teamId: team.id, escalationPolicyId: policy.id });
      return (await s.api('POST', `/api/services/${svc.id}/integrations`, { name, kind: kindOf, rateLimitPerMinute: 100_000_000 })).key;
    };
    const pd = await integration('single', 'pagerduty');
    const hook = await integration('body100', 'alertmanager');

    const scenarios = {
      single: {
        alertsPerRequest: 1,
        operable: (round) => (i) => postJson(`${s.url}/v2/enqueue`, JSON.stringify({ routing_key: pd, event_action: 'trigger', dedup_key: `${round}-${i}`, payload: { summary: `bench ${i}`, source: 'bench', severity: 'critical' } })).then(ok),
        alertmanager: (round) => (i) => postJson(`${am.url}/api/v2/alerts`, amApiBody(round, i, 1)).then(ok),
      },
      body100: {
        alertsPerRequest: 100,
        operable: (round) => (i) => postJson(`${s.url}/ingest/alertmanager/${hook}`, webhookBody(round, i, 100)).then(ok),
        alertmanager: (round) => (i) => postJson(`${am.url}/api/v2/alerts`, amApiBody(round, i, 100)).then(ok),
      },
    };
    const results = {};
    for (const [name, sc] of Object.entries(scenarios)) {
      const rounds = { operable: [], alertmanager: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first, so neither always runs on a warmer machine.
        const order = round % 2 ? ['alertmanager', 'operable'] : ['operable', 'alertmanager'];
        for (const who of order) {
          const r = await measuringSteal(() => load(CONCURRENCY, SECONDS * 1000, sc[who](`${name}${round}`)));
          rounds[who].push({ ...r, alertsPerSecond: r.perSecond * sc.alertsPerRequest });
        }
      }
      const summary = (who) => ({ alertsPerSecond: median(rounds[who].map((r) => r.alertsPerSecond)), p50ms: median(rounds[who].map((r) => r.p50ms)), p99ms: median(rounds[who].map((r) => r.p99ms)), errors: rounds[who].reduce((a, r) => a + r.errors, 0) });
      results[name] = { alertsPerRequest: sc.alertsPerRequest, concurrency: CONCURRENCY, operable: summary('operable'), alertmanager: summary('alertmanager'), rounds };
      results[name].ratio = Math.round((100 * results[name].operable.alertsPerSecond) / results[name].alertmanager.alertsPerSecond) / 100;
    }
    return { kind, ...results, peakRssMb: peak };
  } finally {
    clearInterval(sampler);
    await s.stop();
    am.stop();
  }
}

ensureAlertmanager();
const version = spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0] || spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
const kinds = (process.env.BENCH_KINDS ?? 'postgres,pglite').split(',');
const runs = [];
for (const kind of kinds) {
  if (kind === 'pglite') runs.push(await compare('pglite', {}));
  if (kind === 'postgres') {
    const r = await withPostgres((url) => compare('postgres', { DATABASE_URL: url }));
    if (r) runs.push(r);
  }
}
const report = { when: new Date().toISOString(), node: process.version, alertmanager: version.trim(), secondsPerRound: SECONDS, rounds: ROUNDS, runs };
writeFileSync(path.join(ROOT, 'bench/results/vs-alertmanager.json'), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, (k, v) => (k === 'rounds' && typeof v === 'object' ? undefined : v), 2));
