// The public status page at 500 components with 90 days of history, on PostgreSQL,
// with the load client of the other benchmarks (node:http, keep-alive, c50):
//   summary / page       /api/v2/summary.json and /status, plain and gzip
//   notModified          summary.json with If-None-Match (a CDN or poller revalidating)
//   healthz              a route through the full API middleware, for comparison
//   afterChange          a change through the API (its response waits for the rebuild),
//                        then the first request after it: latency of both
//   otherProcess         a change written by "another process" (SQL + version bump):
//                        how long until this one serves it (version check ≤ 1 s + build)
//   underChurn           summary.json at c50 while a change lands every 500 ms
//   *Brotli              as a browser asks (gzip, deflate, br): brotli once its pass is done
//   vsBaseline           with BENCH_BASELINE=<another checkout, built>: that build's server
//                        on the same database, measured in interleaved rounds with this one
//                        (the machine is shared: only side-by-side rounds compare)
// Results: bench/results/statuspage.json.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { get, load, measuringSteal, quantiles, sleep, startServer, withPostgres } from './lib.js';
import { DAYS, GROUPS, PER_GROUP, seed } from './statuspage-seed.js';

// Uptime Kuma side by side is its own benchmark: vs-uptime-kuma.js.
const UPTIME_KUMA = 'measured by bench/vs-uptime-kuma.js (results/vs-uptime-kuma.json)';

const MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const C = 50;
const ok = (r) => r.status === 200 || r.status === 304;

/**
 * Another build (BENCH_BASELINE: a checkout of the older commit, built) serving the same
 * database, measured against this one in alternating rounds of the same client.
 */
/** CPU time (user + system) a process has used, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

async function vsBaseline(databaseUrl, url, etag, currentPid) {
  const old = await startServer({ DATABASE_URL: databaseUrl }, [], { join: true, root: path.resolve(process.env.BENCH_BASELINE) });
  try {
    // Wait for its first build of the seeded state. Its documents name its own address, so its ETag is its own.
    for (;;) {
      const r = await fetch(`${old.url}/api/v2/summary.json`);
      if ((await r.json()).components?.length === GROUPS * (PER_GROUP + 1)) break;
      await sleep(100);
    }
    const etags = { [url]: etag, [old.url]: (await get(`${old.url}/api/v2/summary.json`)).etag };
    const cases = {
      summaryGzip: ['/api/v2/summary.json', () => ({ 'accept-encoding': 'gzip' })],
      pageGzip: ['/status', () => ({ 'accept-encoding': 'gzip' })],
      summaryBrowser: ['/api/v2/summary.json', () => ({ 'accept-encoding': 'gzip, deflate, br' })],
      pageBrowser: ['/status', () => ({ 'accept-encoding': 'gzip, deflate, br' })],
      notModified: ['/api/v2/summary.json', (base) => ({ 'if-none-match': etags[base] })],
    };
    const out = {};
    for (const [name, [p, headersOf]] of Object.entries(cases)) {
      const rounds = [];
      // Other agents load this machine in bursts of seconds: more, shorter, alternating rounds.
      for (let i = 0; i < 4; i++) {
        console.error(`vsBaseline ${name} round ${i + 1}`);
        const pair = {};
        // Alternate who goes first, so neither always gets the quieter half.
        for (const [who, base] of i % 2 ? [['baseline', old.url], ['current', url]] : [['current', url], ['baseline', old.url]]) {
          const headers = headersOf(base);
          const pid = who === 'current' ? currentPid : old.pid;
          const cpu0 = cpuMs(pid);
          const r = await load(C, MS / 2, () => get(`${base}${p}`, headers).then(ok));
          // Server CPU per request barely moves with other agents' load, unlike requests per second.
          pair[who] = { perSecond: r.perSecond, p50ms: r.p50ms, p99ms: r.p99ms, cpuMsPer1000: Math.round(((cpuMs(pid) - cpu0) / r.count) * 1000) };
        }
        rounds.push(pair);
      }
      const sum = (who, k) => rounds.reduce((n, r) => n + r[who][k], 0);
      out[name] = {
        rounds,
        ratio: Math.round((sum('current', 'perSecond') / sum('baseline', 'perSecond')) * 100) / 100,
        cpuRatio: Math.round((sum('current', 'cpuMsPer1000') / sum('baseline', 'cpuMsPer1000')) * 100) / 100,
      };
    }
    return out;
  } finally {
    await old.stop();
  }
}

async function run(databaseUrl) {
  const s = await startServer({ DATABASE_URL: databaseUrl });
  try {
    await seed(databaseUrl);
    // Wait until the server has picked the seeded state up (its once-a-second version check).
    let summary;
    for (;;) {
      const r = await fetch(`${s.url}/api/v2/summary.json`);
      summary = await r.json();
      if (summary.components.length === GROUPS * (PER_GROUP + 1)) break;
      await sleep(100);
    }
    const sizes = {};
    for (const [name, path] of [['summary', '/api/v2/summary.json'], ['page', '/status']]) {
      const plain = await get(`${s.url}${path}`);
      const gz = await get(`${s.url}${path}`, { 'accept-encoding': 'gzip' });
      sizes[name] = { bytes: plain.bytes, gzipBytes: gz.bytes };
    }
    const etag = (await get(`${s.url}/api/v2/summary.json`)).etag;
    const leaf = summary.components.find((c) => !c.group).id;

    const results = { sizes };
    const measure = async (name, fn) => {
      console.error(name);
      results[name] = await measuringSteal(() => load(C, MS, fn));
    };
    await measure('summary', () => get(`${s.url}/api/v2/summary.json`).then(ok));
    await measure('summaryGzip', () => get(`${s.url}/api/v2/summary.json`, { 'accept-encoding': 'gzip' }).then(ok));
    await measure('page', () => get(`${s.url}/status`).then(ok));
    await measure('pageGzip', () => get(`${s.url}/status`, { 'accept-encoding': 'gzip' }).then(ok));
    const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
    await measure('summaryBrotli', () => get(`${s.url}/api/v2/summary.json`, BROWSER).then(ok));
    await measure('pageBrotli', () => get(`${s.url}/status`, BROWSER).then(ok));
    for (const [name, p] of [['summary', '/api/v2/summary.json'], ['page', '/status']]) sizes[name].brotliBytes = (await get(`${s.url}${p}`, BROWSER)).bytes;
    if (process.env.BENCH_BASELINE) results.vsBaseline = await vsBaseline(databaseUrl, s.url, etag, s.pid);
    await measure('notModified', () => get(`${s.url}/api/v2/summary.json`, { 'if-none-match': etag }).then((r) => r.status === 304));
    await measure('healthz', () => get(`${s.url}/healthz`).then(ok));
    // Node's own ceiling for the same bytes on this machine now: a bare node:http server answering
    // summary.json from memory, measured in rounds interleaved with ours (other agents load this
    // machine unevenly, so only side-by-side rounds compare).
    const bytes = Buffer.from(await (await fetch(`${s.url}/api/v2/summary.json`)).arrayBuffer());
    const port = 17000 + Math.floor(Math.random() * 1000);
    const file = path.join(tmpdir(), `operable-bench-summary-${process.pid}.json`);
    writeFileSync(file, bytes);
    const bare = spawn(process.execPath, ['-e', `const b=require('node:fs').readFileSync(process.argv[1]);require('node:http').createServer((q,r)=>r.writeHead(200,{'content-type':'application/json','content-length':b.length}).end(b)).listen(${port},'127.0.0.1',()=>console.log('up'))`, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => bare.stdout.once('data', r));
    try {
      const rounds = [];
      for (let i = 0; i < 3; i++) {
        console.error(`interleaved round ${i + 1}`);
        const ours = await load(C, MS / 2, () => get(`${s.url}/api/v2/summary.json`).then(ok));
        const node = await load(C, MS / 2, () => get(`http://127.0.0.1:${port}/`).then(ok));
        rounds.push({ operable: ours.perSecond, operableP99ms: ours.p99ms, bareNode: node.perSecond, bareNodeP99ms: node.p99ms });
      }
      const sum = (k) => rounds.reduce((n, r) => n + r[k], 0);
      results.summaryVsBareNode = { rounds, ratio: Math.round((sum('operable') / sum('bareNode')) * 100) / 100 };
    } finally {
      bare.kill();
      rmSync(file, { force: true });
    }

    // A change through this process: the API answers once the documents are rebuilt; the next request is served from them.
    console.error('afterChange');
    const change = [];
    const first = [];
    const statuses = ['degraded_performance', 'operational'];
    for (let i = 0; i < 20; i++) {
      let t = performance.now();
      await s.api('PATCH', `/api/statuspage/components/${leaf}`, { status: statuses[i % 2] });
      change.push(performance.now() - t);
      t = performance.now();
      const r = await get(`${s.url}/api/v2/summary.json`);
      first.push(performance.now() - t);
      if (r.status !== 200) throw new Error('first request after change failed');
    }
    results.afterChange = { changeThroughApi: quantiles(change), firstRequestAfter: quantiles(first) };

    // A change written by another process: served here once the version check notices it and the rebuild ends.
    console.error('otherProcess');
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const visible = [];
    const during = [];
    for (let i = 0; i < 10; i++) {
      const before = (await get(`${s.url}/api/v2/summary.json`)).etag;
      await db.query('update statuspage_settings set version = version + 1, name = $1, updated_at = now()', [`Bench Cloud ${i}`]);
      const t = performance.now();
      for (;;) {
        const t1 = performance.now();
        const r = await get(`${s.url}/api/v2/summary.json`);
        during.push(performance.now() - t1);
        if (r.etag !== before) break;
        await sleep(5);
      }
      visible.push(performance.now() - t);
    }
    results.otherProcess = { untilServed: quantiles(visible), requestsMeanwhile: quantiles(during) };

    // Load while the page changes every 500 ms, half through the API, half from "another process".
    let churning = true;
    let changes = 0;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        if (i % 2) await db.query('update statuspage_settings set version = version + 1, updated_at = now()');
        else await s.api('PATCH', `/api/statuspage/components/${leaf}`, { status: statuses[i % 4 === 0 ? 0 : 1] });
        changes++;
        await sleep(500);
      }
    })();
    await measure('underChurn', () => get(`${s.url}/api/v2/summary.json`).then(ok));
    await measure('pageUnderChurn', () => get(`${s.url}/status`).then(ok));
    churning = false;
    await churn;
    results.underChurn.changes = changes;
    await db.end();
    return results;
  } finally {
    await s.stop();
  }
}

const postgres = await withPostgres(run);
const out = {
  when: new Date().toISOString(),
  node: process.version,
  concurrency: C,
  seconds: MS / 1000,
  components: GROUPS * PER_GROUP,
  groups: GROUPS,
  historyDays: DAYS,
  // Other agents share this 2-core machine: the 1/5/15-minute load averages at the end of the run.
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  uptimeKuma: UPTIME_KUMA,
  ...(process.env.BENCH_BASELINE ? { baseline: process.env.BENCH_BASELINE_LABEL ?? process.env.BENCH_BASELINE } : {}),
  postgres,
};
writeFileSync(new URL('./results/statuspage.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
