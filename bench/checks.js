// Synthetic checks at scale: 1,000 HTTP checks at a 60 s interval against a local
// server. Measures the Operable process's CPU (share of one core), how late probes
// start after their slot (p99), and how fast the check list answers with 1,000
// checks. Writes bench/results/checks.json. `node bench/checks.js [pglite|postgres]…`
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { measuringSteal, quantiles, ROOT, sleep, startServer, withPostgres } from './lib.js';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 1000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 180_000);
const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
}

/** PostgreSQL backends serving the bench database (their CPU is the database's share). */
function backendPids(database) {
  if (!database) return [];
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(` ${database} `);
    } catch {
      return false;
    }
  });
}
const cpuOf = (pids) => pids.reduce((sum, p) => {
  try {
    return sum + cpuSeconds(p);
  } catch {
    return sum;
  }
}, 0);

/** Opens the check list in Chromium, signed in, until its summary and first row show: what a responder waits for. */
async function pageTimes(url, n) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}/checks`);
    await page.getByLabel('Email').fill('admin@operable.local');
    await page.getByLabel('Password').fill('benchmark password 123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('list', { name: 'Checks' }).getByRole('listitem').first().waitFor();
    // The same app showing a page without check data: what the shell itself costs here.
    const shell = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await page.goto(`${url}/profile`);
      await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
      shell.push(performance.now() - s);
    }
    const times = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await page.goto(`${url}/checks`);
      await page.getByRole('list', { name: 'Checks' }).getByRole('listitem').first().waitFor();
      await page.getByText(/checks (down|up or waiting)\./).waitFor();
      times.push(performance.now() - s);
    }
    return { times, shell };
  } finally {
    await browser.close();
  }
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

async function run(kind, env, database) {
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
    const backends = backendPids(database);
    const cpuBefore = cpuSeconds(server.pid);
    const dbCpuBefore = cpuOf(backends);
    const { stealPct } = await measuringSteal(() => sleep(WINDOW_MS));
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const dbCpu = cpuOf(backends) - dbCpuBefore;
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
    const page = await pageTimes(server.url, 10);

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
      ...(database ? { postgresBackendsCpuShareOfOneCorePct: Math.round((1000 * dbCpu) / (WINDOW_MS / 1000)) / 10 } : {}),
      startDelay: { count: d.count, p50ms: d.p50ms, p99ms: d.p99ms, maxMs: d.maxMs },
      checkListApi: { ...quantiles(list), bytes },
      checkListPageInChromium: quantiles(page.times),
      profilePageInChromium: quantiles(page.shell),
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
  const r = kind === 'postgres' ? await withPostgres((url) => run(kind, { DATABASE_URL: url }, new URL(url).pathname.slice(1))) : await run(kind, {});
  if (r) {
    console.log(JSON.stringify(r, null, 2));
    results.push(r);
  }
}
const out = { when: new Date().toISOString(), machine: '2 cores, shared with other agents', note: 'CPU: the Operable process (utime+stime over the window) and, on PostgreSQL, the backends serving its database; the target server runs in the bench process. Page: Chromium, signed in, from navigation to the list summary and first row shown', results };
writeFileSync(path.join(ROOT, 'bench/results/checks.json'), `${JSON.stringify(out, null, 2)}\n`);
