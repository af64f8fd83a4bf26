// Synthetic checks at scale: 1,000 HTTP checks at a 60 s interval against a local
// server. Measures the Operable process's CPU (share of one core), how late probes
// start after their slot (p99), and how fast the check list answers with 1,000
// checks. Writes bench/results/checks.json. `node bench/checks.js [pglite|postgres]…`
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { measuringSteal, quantiles, ROOT, sleep, startServer, withPostgres } from './lib.js';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 1000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 180_000);
const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
}

async function target() {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok: all systems go');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, requests: () => requests, close: () => new Promise((r) => server.close(r)) };
}

async function pool(n, concurrency, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
}

async function run(kind, env) {
  const t = await target();
  const server = await startServer(env);
  try {
    const team = await server.api('POST', '/api/teams', { name: 'Bench' });
    const service = await server.api('POST', '/api/services', { name: 'Bench web', teamId: team.id });
    const created = performance.now();
    const ids = [];
    await pool(CHECKS, 8, async (i) => {
      const c = await server.api('POST', '/api/checks', { name: `check ${i}`, serviceId: service.id, kind: 'http', intervalSeconds: 60, http: { url: `${t.url}/health`, keyword: 'all systems go' } });
      ids.push(c.id);
    });
    const createSeconds = Math.round((performance.now() - created) / 100) / 10;
    console.error(`${kind}: ${CHECKS} checks created in ${createSeconds} s; warming up 70 s`);
    await sleep(70_000);

    const windowStart = Date.now();
    const requestsBefore = t.requests();
    const cpuBefore = cpuSeconds(server.pid);
    const { stealPct } = await measuringSteal(() => sleep(WINDOW_MS));
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const probes = t.requests() - requestsBefore;
    const windowEnd = Date.now();

    // The list a responder opens, with 1,000 checks.
    const list = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      const body = await server.api('GET', '/api/checks');
      list.push(performance.now() - s);
      bytes = JSON.stringify(body).length;
    }
    const page = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await (await fetch(`${server.url}/checks`)).text();
      page.push(performance.now() - s);
    }

    // Start delays of the probes inside the window.
    const delays = [];
    let failed = 0;
    await pool(ids.length, 8, async (i) => {
      const r = await server.api('GET', `/api/checks/${ids[i]}/results?limit=10`);
      for (const x of r.items) {
        const at = new Date(x.at).getTime();
        if (at < windowStart || at >= windowEnd) continue;
        delays.push(x.startDelayMs);
        if (!x.ok) failed++;
      }
    });
    const d = quantiles(delays);
    return {
      database: kind,
      checks: CHECKS,
      intervalSeconds: 60,
      createSeconds,
      windowSeconds: WINDOW_MS / 1000,
      probesInWindow: probes,
      probesExpected: Math.round((CHECKS * WINDOW_MS) / 60_000),
      failedProbes: failed,
      cpuShareOfOneCorePct: Math.round((1000 * cpu) / (WINDOW_MS / 1000)) / 10,
      startDelay: { count: d.count, p50ms: d.p50ms, p99ms: d.p99ms, maxMs: d.maxMs },
      checkListApi: { ...quantiles(list), bytes },
      checkListPageHtml: quantiles(page),
      stealPct,
    };
  } finally {
    await server.stop();
    await t.close();
  }
}

const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ['pglite', 'postgres'];
const results = [];
for (const kind of kinds) {
  const r = kind === 'postgres' ? await withPostgres((url) => run(kind, { DATABASE_URL: url })) : await run(kind, {});
  if (r) {
    console.log(JSON.stringify(r, null, 2));
    results.push(r);
  }
}
const out = { when: new Date().toISOString(), machine: '2 cores, shared with other agents', note: 'CPU is the Operable process only (utime+stime over the window); the target server runs in the bench process', results };
writeFileSync(path.join(ROOT, 'bench/results/checks.json'), `${JSON.stringify(out, null, 2)}\n`);
