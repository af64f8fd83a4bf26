// Operable's public status page beside Uptime Kuma's cached status-page endpoints, same
// load client (node:http, keep-alive, c50), same machine, one run, rounds interleaved so
// both see the same machine. Results: bench/results/vs-uptime-kuma.json.
//
// Both serve 500 components (50 groups of 10) with 90 days of history:
//   Operable     statuspage-seed.js on PostgreSQL, as statuspage.js measures it
//   Uptime Kuma  one status page "bench" with 50 public groups of 10 monitors, inactive
//                (nothing is checked while it is measured), and heartbeats over 90 days:
//                hourly for the last 3, daily before (80 k rows). Its public endpoints read
//                only the last 50 heartbeats and the 24-hour uptime of each monitor, so the
//                answers have the size they would have with any check interval (messages are
//                hidden from the public, so the seed leaves them empty); one pinned incident.
//                A monitor checked every minute has 1,440 beats in its 24 hours, not 24: its
//                uncached recomputation (firstUncachedMs) would be slower than measured here.
//
// Pairs (plain, and as a browser asks: gzip, deflate, br), Operable first:
//   summaryVsConfig     /api/v2/summary.json  vs  /api/status-page/bench: the issue's "cached
//                       status-page endpoint" (config + monitor list; apicache, 5 minutes)
//   pageVsConfig        /status               vs  the same
//   summaryVsHeartbeat  /api/v2/summary.json  vs  /api/status-page/heartbeat/bench: the bars
//                       (50 beats and 24 h uptime per monitor; apicache, 1 minute)
//   pageVsPage          /status               vs  /status/bench (HTML; Kuma's preloads the config
//                       and monitor list, then its browser fetches the heartbeats)
//   pageViewBrowser     /status               vs  /status/bench + its heartbeats, one after the
//                       other: what one visitor's page costs each (Operable's page is plain
//                       HTML with no script; Kuma's also loads its JS bundle, not counted here)
// Every round starts with a cached answer; Kuma's heartbeat cache can still expire inside one
// (then each concurrent request recomputes it: see uptimeKuma.firstUncachedMs for how long).
// Kuma's cache sends no compression: "as a browser asks" gets the same bytes as plain.
//
// BENCH_SECONDS per target per round (5), BENCH_ROUNDS (3).
//
// Preparing Uptime Kuma, outside this repository. The npm registry has one release of it,
// 2.0.0-dev.0: a development snapshot whose status page reads the raw heartbeat table, not
// the 2.5.3 the issue quotes (which the registry does not have). Its package.json accepts
// Node >= 20.4; the "Node 10-18" warning comes from a dependency. Commands that worked on Node 20:
//   mkdir -p /tmp/kuma && cd /tmp/kuma && echo '{"name":"kuma-host","private":true}' > package.json
//   npm install uptime-kuma@2.0.0-dev.0 --ignore-scripts --no-audit --no-fund
//   # Its SQLite driver, @louislam/sqlite3, built against Debian's SQLite (apt-get install
//   # libsqlite3-dev build-essential python3) instead of the bundled amalgamation: 1-1.5 minutes.
//   # (npm 11 warns that it does not know these two options; it still passes them on.)
//   npm rebuild @louislam/sqlite3 --build-from-source --sqlite=/usr
//   # The package ships seven of its database patches in db/ where its code looks in
//   # db/old_migrations/; without this its first start fails with ENOENT.
//   cp -n node_modules/uptime-kuma/db/patch-*.sql node_modules/uptime-kuma/db/old_migrations/
//   # then, from this repository (built), with PostgreSQL at BENCH_POSTGRES_URL:
//   UPTIME_KUMA_DIR=/tmp/kuma/node_modules/uptime-kuma npm run bench -- vs-uptime-kuma
// The built frontend (dist/) and server/ come in the package; nothing else is fetched.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { dropIdleConnections, get, load, sleep, startServer, withPostgres } from './lib.js';
import { DAYS, GROUPS, PER_GROUP, seed } from './statuspage-seed.js';

const MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const C = 50;
const SLUG = 'bench';
// Hourly heartbeats for the last three days (more than the 50 its page shows, and a full
// 24 hours for its uptime), one a day before that: an hourly seed of all 90 days (1.08 M
// rows) took over three minutes here, and the endpoints read neither more rows nor
// longer answers for it.
const RECENT_HOURS = 72;
const KUMA_DIR = process.env.UPTIME_KUMA_DIR && path.resolve(process.env.UPTIME_KUMA_DIR);

/** What is missing to run Uptime Kuma, or null when it can run. */
function missingKuma() {
  if (!KUMA_DIR) return 'UPTIME_KUMA_DIR is not set (see the top of bench/vs-uptime-kuma.js for how to prepare it)';
  for (const f of ['server/server.js', 'dist/index.html', 'db/kuma.db']) {
    if (!existsSync(path.join(KUMA_DIR, f))) return `${path.join(KUMA_DIR, f)} is missing: UPTIME_KUMA_DIR must be an installed uptime-kuma package`;
  }
  if (!existsSync(path.join(KUMA_DIR, 'db/old_migrations/patch-add-invert-keyword.sql'))) {
    return `${KUMA_DIR}/db/old_migrations/ lacks the patches the package ships in db/: cp -n ${KUMA_DIR}/db/patch-*.sql ${KUMA_DIR}/db/old_migrations/`;
  }
  try {
    kumaSqlite();
  } catch (e) {
    return `Uptime Kuma's SQLite driver does not load (${e.message.split('\n')[0]}): npm rebuild @louislam/sqlite3 --build-from-source --sqlite=/usr`;
  }
  return null;
}

/** Kuma's own driver: the bench seeds its database with what Kuma reads it with. */
const kumaSqlite = () => createRequire(path.join(KUMA_DIR, 'package.json'))('@louislam/sqlite3');

function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

async function startKuma() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-kuma-'));
  const port = 16000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, ['server/server.js'], {
    cwd: KUMA_DIR, // it serves dist/ relative to its working directory
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, UPTIME_KUMA_DB_TYPE: 'sqlite', UPTIME_KUMA_HOST: '127.0.0.1', UPTIME_KUMA_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const stop = async () => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = performance.now();
  // It imports its libraries and patches a fresh database first: tens of seconds on a loaded machine.
  while (!out.includes('Listening on')) {
    const failed = child.exitCode !== null ? 'exited' : performance.now() - started > 180_000 ? 'did not listen within 180 s' : null;
    if (failed) {
      await stop();
      throw new Error(`Uptime Kuma ${failed}:\n${out.slice(-3000)}`);
    }
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, dataDir, startupMs: Math.round(performance.now() - started), stop };
}

/** The same shape as Operable's seed, in Kuma's tables, written while it runs (before anything asked for the page). */
async function seedKuma(dataDir) {
  const sqlite3 = kumaSqlite();
  const db = new sqlite3.Database(path.join(dataDir, 'kuma.db'));
  const exec = (sql) => new Promise((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
  const monitors = [];
  const links = [];
  for (let g = 1; g <= GROUPS; g++) {
    for (let i = 1; i <= PER_GROUP; i++) {
      const id = (g - 1) * PER_GROUP + i;
      monitors.push(`(${id}, 'Service ${g}.${i}', 0, 60, 'http://127.0.0.1:9/${g}/${i}', 'http', 'Component ${i} of region ${g}')`);
      links.push(`(${id}, ${g}, ${i})`);
    }
  }
  const started = performance.now();
  try {
    db.configure('busyTimeout', 30_000);
    await exec(`
      BEGIN;
      INSERT INTO status_page (id, slug, title, description, icon, theme, published) VALUES (1, '${SLUG}', 'Bench Cloud', 'Status of Bench Cloud', '/icon.svg', 'auto', 1);
      WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${GROUPS})
        INSERT INTO "group" (id, name, public, active, weight, status_page_id) SELECT n, 'Region ' || n, 1, 1, n, 1 FROM g;
      INSERT INTO monitor (id, name, active, interval, url, type, description) VALUES ${monitors.join(',\n')};
      INSERT INTO monitor_group (monitor_id, group_id, weight) VALUES ${links.join(',\n')};
      INSERT INTO incident (title, content, style, pin, active, status_page_id, last_updated_date)
        VALUES ('Elevated error rates', 'We are looking at elevated error rates on Service 3.4.', 'warning', 1, 1, 1, DATETIME('now'));
      WITH RECURSIVE h(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM h WHERE n < ${RECENT_HOURS - 1}),
                     d(n) AS (SELECT ${RECENT_HOURS / 24} UNION ALL SELECT n + 1 FROM d WHERE n < ${DAYS - 1}),
                     beat(hours, duration) AS (SELECT n, 3600 FROM h UNION ALL SELECT n * 24, 86400 FROM d)
        INSERT INTO heartbeat (important, monitor_id, status, msg, time, ping, duration)
        SELECT 0, m.id, CASE WHEN ABS(RANDOM()) % 100 = 0 THEN 0 ELSE 1 END, '',
               DATETIME('now', '-' || beat.hours || ' hours'), 20 + ABS(RANDOM()) % 180, beat.duration
        FROM monitor m, beat;
      COMMIT;`);
  } finally {
    await new Promise((r) => db.close(r));
  }
  return Math.round(performance.now() - started);
}

/** Asks each of Kuma's endpoints once (its uncached computation) and checks it holds the whole seed. */
async function warmKuma(url) {
  const first = {};
  for (const p of [`/api/status-page/${SLUG}`, `/api/status-page/heartbeat/${SLUG}`, `/status/${SLUG}`]) {
    const t = performance.now();
    const res = await fetch(`${url}${p}`);
    const body = await res.text();
    first[p] = Math.round(performance.now() - t);
    if (!res.ok) throw new Error(`Uptime Kuma ${p}: ${res.status} ${body.slice(0, 300)}`);
    if (p.includes('heartbeat')) {
      const lists = Object.values(JSON.parse(body).heartbeatList);
      if (lists.length !== GROUPS * PER_GROUP || lists.some((l) => l.length !== 50)) throw new Error(`Uptime Kuma heartbeats: ${lists.length} monitors`);
    } else if (p.startsWith('/api')) {
      const n = JSON.parse(body).publicGroupList.reduce((k, g) => k + g.monitorList.length, 0);
      if (n !== GROUPS * PER_GROUP) throw new Error(`Uptime Kuma status page lists ${n} monitors`);
    }
  }
  return first;
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
const CONFIG = `/api/status-page/${SLUG}`;
const HEARTBEAT = `/api/status-page/heartbeat/${SLUG}`;
const PAGE = `/status/${SLUG}`;
// name: [Operable's paths, Kuma's paths, headers]; a "request" asks for each path in turn.
const CASES = {
  summaryVsConfig: [['/api/v2/summary.json'], [CONFIG], {}],
  summaryVsConfigBrowser: [['/api/v2/summary.json'], [CONFIG], BROWSER],
  pageVsConfig: [['/status'], [CONFIG], {}],
  pageVsConfigBrowser: [['/status'], [CONFIG], BROWSER],
  summaryVsHeartbeat: [['/api/v2/summary.json'], [HEARTBEAT], {}],
  summaryVsHeartbeatBrowser: [['/api/v2/summary.json'], [HEARTBEAT], BROWSER],
  pageVsPage: [['/status'], [PAGE], {}],
  pageVsPageBrowser: [['/status'], [PAGE], BROWSER],
  // What one visitor's page costs: Kuma's HTML draws no bars until its heartbeats arrive.
  pageViewBrowser: [['/status'], [PAGE, HEARTBEAT], BROWSER],
};

/** Bytes of the answers, or null when one was not a 200 (its status counted in `failures`, 0: no answer). */
async function fetchAll(base, paths, headers, failures = {}) {
  let bytes = 0;
  for (const p of paths) {
    const r = await get(`${base}${p}`, headers);
    if (r.status !== 200) {
      failures[r.status] = (failures[r.status] ?? 0) + 1;
      return null;
    }
    bytes += r.bytes;
  }
  return bytes;
}

async function compare(operable, kuma) {
  // Neither server has answered under load yet (JIT, Operable's first brotli pass): a second
  // on every path of each before anything is recorded.
  for (const [ours, theirs, headers] of Object.values(CASES)) {
    await load(C, 1000, () => fetchAll(operable.url, ours, headers));
    await load(C, 1000, () => fetchAll(kuma.url, theirs, headers));
  }
  const out = {};
  for (const [name, [ours, theirs, headers]] of Object.entries(CASES)) {
    const targets = { operable: [operable, ours], uptimeKuma: [kuma, theirs] };
    const bytes = {};
    for (const [who, [server, paths]] of Object.entries(targets)) bytes[who] = await fetchAll(server.url, paths, headers);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      console.error(`${name} round ${i + 1}/${ROUNDS}`);
      const round = {};
      // Alternate who goes first, so neither always gets the quieter half.
      for (const who of i % 2 ? ['uptimeKuma', 'operable'] : ['operable', 'uptimeKuma']) {
        const [server, paths] = targets[who];
        // Start from a cached answer: Kuma's heartbeat cache lasts a minute, and 50 requests
        // missing it at once each recompute it. An expiry inside a round still counts.
        dropIdleConnections();
        await fetchAll(server.url, paths, headers);
        const failures = {};
        const cpu0 = cpuMs(server.pid);
        const r = await load(C, MS, () => fetchAll(server.url, paths, headers, failures).then((b) => b !== null));
        round[who] = {
          perSecond: r.perSecond,
          p50ms: r.p50ms,
          p99ms: r.p99ms,
          maxMs: r.maxMs,
          errors: r.errors,
          ...(r.errors ? { failures } : {}),
          cpuMsPer1000: r.count ? Math.round(((cpuMs(server.pid) - cpu0) / r.count) * 1000) : null,
        };
      }
      rounds.push(round);
    }
    const sum = (who, k) => rounds.reduce((n, r) => n + r[who][k], 0);
    out[name] = {
      paths: { operable: ours.join(' + '), uptimeKuma: theirs.join(' + ') },
      bytes,
      perSecond: { operable: Math.round(sum('operable', 'perSecond') / ROUNDS), uptimeKuma: Math.round(sum('uptimeKuma', 'perSecond') / ROUNDS) },
      ratio: Math.round((sum('operable', 'perSecond') / sum('uptimeKuma', 'perSecond')) * 100) / 100,
      cpuRatio: Math.round((sum('operable', 'cpuMsPer1000') / sum('uptimeKuma', 'cpuMsPer1000')) * 100) / 100,
      rounds,
    };
  }
  return out;
}

async function run(databaseUrl) {
  const kuma = await startKuma();
  try {
    const kumaSeedMs = await seedKuma(kuma.dataDir);
    const kumaFirstMs = await warmKuma(kuma.url);
    const operable = await startServer({ DATABASE_URL: databaseUrl });
    try {
      await seed(databaseUrl);
      // Until the server has picked the seeded state up (its once-a-second version check).
      while ((await (await fetch(`${operable.url}/api/v2/summary.json`)).json()).components.length !== GROUPS * (PER_GROUP + 1)) await sleep(100);
      return { uptimeKuma: { startupMs: kuma.startupMs, seedMs: kumaSeedMs, firstUncachedMs: kumaFirstMs }, ...(await compare(operable, kuma)) };
    } finally {
      await operable.stop();
    }
  } finally {
    await kuma.stop();
  }
}

const missing = missingKuma();
if (missing) {
  // Not an error: `npm run bench` runs everything, and most machines have no Uptime Kuma.
  console.error(`vs-uptime-kuma skipped: ${missing}`);
  process.exit(0);
}
const kumaVersion = JSON.parse(readFileSync(path.join(KUMA_DIR, 'package.json'), 'utf8')).version;
const results = await withPostgres(run);
if (!results) process.exit(0);
const out = {
  when: new Date().toISOString(),
  node: process.version,
  uptimeKumaVersion: kumaVersion,
  concurrency: C,
  secondsPerTargetPerRound: MS / 1000,
  rounds: ROUNDS,
  components: GROUPS * PER_GROUP,
  historyDays: DAYS,
  // Other agents share this 2-core machine: the 1/5/15-minute load averages at the end of the run.
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  ...results,
};
writeFileSync(new URL('./results/vs-uptime-kuma.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
