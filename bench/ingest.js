// Alert-pipeline benchmark (issue: ingest, page latency, storm) against the built
// server on PGlite and PostgreSQL. Results: bench/results/ingest.json.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { load, measuringSteal, postJson, quantiles, ROOT, rssMb, sleep, startServer, withPostgres } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STORM = Number(process.env.BENCH_STORM ?? 10_000);

/** A local webhook receiver: when each page arrives, by the alert summaries it carries. */
async function receiver() {
  const arrivals = new Map();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const at = performance.now();
      try {
        for (const a of JSON.parse(body).alerts ?? []) if (!arrivals.has(a.summary)) arrivals.set(a.summary, at);
      } catch {}
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, arrivals, close: () => new Promise((r) => server.close(r)) };
}

async function run(kind, env) {
  const hook = await receiver();
  const s = await startServer(env);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(s.pid))), 200);
  try {
    const team = await s.api('POST', '/api/teams', { name: 'Bench' });
    const policy = await s.api('POST', '/api/escalation-policies', {
      name: 'Bench webhook',
      teamId: team.id,
      steps: [{ delayMinutes: 30, targets: [{ type: 'webhook', url: hook.url, secret: 'bench-webhook-secret-0001' }] }],
    });
    const service = async (name, extra) => {
      const svc = await s.api('POST', '/api/services', { name, teamId: team.id, ...extra });
      const integration = await s.api('POST', `/api/services/${svc.id}/integrations`, { name: 'pd', kind: 'pagerduty', rateLimitPerMinute: 1_000_000 });
      return { id: svc.id, key: integration.key };
    };
    const send = (key, dedup, summary, severity = 'critical') =>
      postJson(`${s.url}/v2/enqueue`, JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedup, payload: { summary, source: 'bench', severity } })).then((status) => status === 202);

    // 1. Ingest throughput: every event a new alert (the worst case), one service, storm grouping on.
    const ingest = await service('ingest', { escalationPolicyId: policy.id });
    const throughput = [];
    // Warmed up first, as a server that has been running is: measured cold, the first
    // seconds (JIT, connections, prepared statements) took c16 from ~3,000 to ~2,400/s.
    await load(16, 3000, (i) => send(ingest.key, `warm-${i}`, `warm event ${i}`));
    for (const concurrency of [16, 64]) {
      const tag = `c${concurrency}`;
      throughput.push(await measuringSteal(() => load(concurrency, SECONDS * 1000, (i) => send(ingest.key, `${tag}-${i}`, `${tag} event ${i}`))));
    }

    // 2. Page latency: 202 → message handed to the webhook, with 50 events/s of background load.
    const latency = await service('latency', { escalationPolicyId: policy.id, stormWindowSeconds: 0 });
    const background = await service('background', {});
    let stop = false;
    const bg = (async () => {
      for (let i = 0; !stop; i++) {
        void send(background.key, `bg-${i}`, `bg ${i}`);
        await sleep(20);
      }
    })();
    const accepted = new Map();
    for (let i = 0; i < 200; i++) {
      const summary = `latency ${i}`;
      void send(latency.key, `lat-${i}`, summary).then(() => accepted.set(summary, performance.now()));
      await sleep(25);
    }
    await sleep(3000);
    stop = true;
    await bg;
    const pageLatency = quantiles([...accepted].filter(([k]) => hook.arrivals.has(k)).map(([k, t]) => Math.max(0, hook.arrivals.get(k) - t)));
    pageLatency.delivered = [...accepted.keys()].filter((k) => hook.arrivals.has(k)).length;
    pageLatency.sent = accepted.size;

    // 3. Storm: STORM distinct alerts for one service within ~10 s.
    const storm = await service('storm', { escalationPolicyId: policy.id });
    const stormStart = performance.now();
    let next = 0;
    const perWorker = async () => {
      while (next < STORM) {
        const i = next++;
        const due = stormStart + (i / STORM) * 10_000;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        await send(storm.key, `storm-${i}`, `storm ${i}`);
      }
    };
    await Promise.all(Array.from({ length: 64 }, perWorker));
    const lastEventAt = performance.now();
    const ingestSeconds = (lastEventAt - stormStart) / 1000;
    let settledAfter = null;
    for (let waited = 0; waited < 60_000; waited += 100) {
      const metrics = await s.metrics();
      const depth = Number(/^operable_outbox_depth (\S+)/m.exec(metrics)?.[1] ?? NaN);
      const lag = Number(/^operable_engine_lag_seconds (\S+)/m.exec(metrics)?.[1] ?? NaN);
      // The group's page names its leader: the first event to reach the server, not
      // always 'storm 0' (64 senders on separate connections race for first place).
      if (depth === 0 && lag === 0 && [...hook.arrivals.keys()].some((k) => k.startsWith('storm '))) {
        settledAfter = (performance.now() - lastEventAt) / 1000;
        break;
      }
      await sleep(100);
    }
    let recorded = 0;
    let groups = 0;
    for (let before = ''; ; ) {
      const page = await s.api('GET', `/api/alerts?serviceId=${storm.id}&status=all&limit=500${before}`.replace('status=all&', ''));
      recorded += page.items.length;
      groups += page.items.filter((a) => a.groupLeaderId === null).length;
      if (!page.nextBefore) break;
      before = `&before=${page.nextBefore}`;
    }
    const stormPages = [...hook.arrivals.keys()].filter((k) => k.startsWith('storm ')).length;
    return {
      kind,
      ingest: throughput,
      pageLatency,
      storm: { alerts: STORM, ingestSeconds, recorded, groups, pages: stormPages, settledSecondsAfterLastEvent: settledAfter },
      peakRssMb: peakRss,
    };
  } finally {
    clearInterval(sampler);
    await s.stop();
    await hook.close();
  }
}

// BENCH_KINDS=postgres (or pglite) runs one kind only.
const kinds = (process.env.BENCH_KINDS ?? 'pglite,postgres').split(',');
const runs = [];
if (kinds.includes('pglite')) runs.push(await measuringSteal(() => run('pglite', {})));
const onPostgres = kinds.includes('postgres') ? await withPostgres((url) => measuringSteal(() => run('postgres', { DATABASE_URL: url }))) : null;
if (onPostgres) runs.push(onPostgres);
const report = { when: new Date().toISOString(), node: process.version, seconds: SECONDS, runs };
writeFileSync(path.join(ROOT, 'bench/results/ingest.json'), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
