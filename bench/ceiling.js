// Where single-event ingest spends its time, and how far processes take it, with the
// load client of the other benchmarks (c16, one new alert per request, PostgreSQL):
//   nodeHttp       Node's own HTTP ceiling here: a bare node:http server that reads the
//                  body, parses it and answers 202 (no framework, no database)
//   operable       one `operable serve` (API + engine)
//   twoApi         two `--role api` processes and one `--role engine` on one database,
//                  the client alternating between the two
//   profile        one process under --cpu-prof: the share of its CPU time per part
// Results: bench/results/ceiling.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, measuringSteal, postJson, ROOT, sleep, startServer, withPostgres } from './lib.js';

const MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const C = 16;

const event = (key, i, tag) => JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: `${tag}-${i}`, payload: { summary: `${tag} ${i}`, source: 'bench', severity: 'critical' } });

async function bareNode() {
  console.error('node:http alone');
  const port = 17000 + Math.floor(Math.random() * 1000);
  const code = `require('node:http').createServer((req, res) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => { JSON.parse(b); res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"success","message":"Event processed"}'); }); }).listen(${port}, '127.0.0.1', () => console.log('up'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => child.stdout.once('data', r));
  try {
    return await measuringSteal(() => load(C, MS, (i) => postJson(`http://127.0.0.1:${port}/v2/enqueue`, event('k', i, 'bare')).then((s) => s === 202)));
  } finally {
    child.kill();
  }
}

async function setUp(s) {
  const team = await s.api('POST', '/api/teams', { name: `Bench ${Math.random()}` });
  const policy = await s.api('POST', '/api/escalation-policies', { name: `P ${Math.random()}`, teamId: team.id, steps: [{ delayMinutes: 30, targets: [{ type: 'webhook', url: 'http://127.0.0.1:9/nowhere', secret: 'bench-webhook-secret-0001' }] }] });
  const svc = await s.api('POST', '/api/services', { name: `ingest ${Math.random()}`, teamId: team.id, escalationPolicyId: policy.id });
  return (await s.api('POST', `/api/services/${svc.id}/integrations`, { name: 'pd', kind: 'pagerduty', rateLimitPerMinute: 100_000_000 })).key;
}

/** Self time of a V8 CPU profile by part: ours, the framework, the driver, Node's HTTP and sockets, GC, idle. */
function profileShares(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const part = (n) => {
    const url = n.callFrame.url;
    const fn = n.callFrame.functionName;
    if (fn === '(idle)') return 'idle';
    if (fn === '(garbage collector)') return 'garbage collection';
    if (/packages\/server\/dist/.test(url)) return 'operable';
    if (/node_modules\/(hono|@hono)/.test(url)) return 'hono';
    if (/node_modules\/(pg|pg-protocol|pg-types|pg-pool|kysely)\//.test(url)) return 'pg + kysely';
    if (/node_modules\/zod/.test(url)) return 'zod';
    if (/node_modules\/pino|thread-stream|sonic-boom/.test(url)) return 'logging';
    if (/^node:(internal\/)?(http|_http|net|stream|internal\/stream|internal\/http)|_http_|stream_base/.test(url) || ['writev', 'writeBuffer', 'writeUtf8String', 'read'].includes(fn)) return 'node http + sockets';
    return 'other (node, V8, startup)';
  };
  const totals = new Map();
  let all = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    all += dt;
    const k = part(nodes.get(id));
    totals.set(k, (totals.get(k) ?? 0) + dt);
  });
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([k, t]) => [k, Math.round((1000 * t) / all) / 10]));
}

async function onPostgres(url) {
  const env = { DATABASE_URL: url };
  const result = {};
  let key;
  {
    const s = await startServer(env);
    try {
      key = await setUp(s);
      console.error('one process');
      result.operable = await measuringSteal(() => load(C, MS, (i) => postJson(`${s.url}/v2/enqueue`, event(key, i, 'one')).then((st) => st === 202)));
    } finally {
      await s.stop();
    }
  }
  {
    // The database now has its admin and the service: further processes join it.
    const apis = [await startServer(env, [], { role: 'api', join: true }), await startServer(env, [], { role: 'api', join: true })];
    const engine = await startServer(env, [], { role: 'engine', join: true });
    try {
      for (const c of [C, 2 * C]) {
        console.error(`two api processes, c${c}`);
        result[`twoApi_c${c}`] = await measuringSteal(() => load(c, MS, (i) => postJson(`${apis[i % 2].url}/v2/enqueue`, event(key, i, `two${c}`)).then((st) => st === 202)));
      }
    } finally {
      for (const s of [...apis, engine]) await s.stop();
    }
  }
  {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-prof-'));
    const s = await startServer(env, ['--cpu-prof', `--cpu-prof-dir=${dir}`], { join: true });
    try {
      console.error('profiling one process');
      await load(C, 2000, (i) => postJson(`${s.url}/v2/enqueue`, event(key, i, 'warm')).then((st) => st === 202));
      result.profiled = await load(C, MS, (i) => postJson(`${s.url}/v2/enqueue`, event(key, i, 'prof')).then((st) => st === 202));
    } finally {
      await s.stop();
    }
    await sleep(200);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    result.cpuSharePct = file ? profileShares(path.join(dir, file)) : null;
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

const postgres = await withPostgres(onPostgres);
const report = { when: new Date().toISOString(), node: process.version, concurrency: C, seconds: MS / 1000, nodeHttp: await bareNode(), postgres };
writeFileSync(path.join(ROOT, 'bench/results/ceiling.json'), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
