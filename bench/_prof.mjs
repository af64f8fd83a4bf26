import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { load, startServer, withPostgres } from './lib.js';
const KIND = process.env.KIND ?? 'postgres';
const C = Number(process.env.C ?? 64);
const GEN = process.env.GEN ?? 'fetch';
const PATH = process.env.P ?? 'enqueue';
const ticks = (pid) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); } catch { return 0; } };
const pgTicks = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).reduce((s, p) => { try { return readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('postgres') ? s + ticks(p) : s; } catch { return s; } }, 0);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
function post(url, body) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode < 300)); });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}
async function run(env) {
  if (process.env.PGLOG) { const pg = (await import('pg')).default; const c = new pg.Client({ connectionString: env.DATABASE_URL }); await c.connect(); const db = new URL(env.DATABASE_URL).pathname.slice(1); await c.query(`alter database ${db} set log_min_duration_statement = 0`); await c.end(); }
  const s = await startServer(env, process.env.CPUPROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []);
  try {
    const team = await s.api('POST', '/api/teams', { name: 'Bench' });
    const policy = await s.api('POST', '/api/escalation-policies', { name: 'p', teamId: team.id, steps: [{ delayMinutes: 30, targets: [{ type: 'webhook', url: 'http://127.0.0.1:9/x', secret: 'bench-webhook-secret-0001' }] }] });
    const svc = await s.api('POST', '/api/services', { name: 'ingest', teamId: team.id, escalationPolicyId: policy.id });
    const integ = await s.api('POST', `/api/services/${svc.id}/integrations`, { name: 'pd', kind: 'pagerduty', rateLimitPerMinute: 1_000_000 });
    const body = (i) => JSON.stringify({ routing_key: integ.key, event_action: 'trigger', dedup_key: `k-${i}`, payload: { summary: `event ${i}`, source: 'bench', severity: 'critical' } });
    const url = PATH === 'healthz' ? `${s.url}/healthz` : `${s.url}/v2/enqueue`;
    const send = GEN === 'fetch'
      ? (i) => fetch(url, { method: PATH === 'healthz' ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: PATH === 'healthz' ? undefined : body(i) }).then(async (r) => (await r.arrayBuffer(), r.ok))
      : (i) => post(url, body(i));
    await load(C, 2000, send);
    const t0 = { srv: ticks(s.pid), pg: pgTicks(), me: process.cpuUsage() };
    const r = await load(C, 10000, (i) => send(i + 1e6));
    const me = process.cpuUsage(t0.me);
    console.log(JSON.stringify({ KIND, GEN, PATH, C, perSecond: r.perSecond, p50: r.p50ms, p99: r.p99ms, errors: r.errors, cpuPct: { server: (ticks(s.pid) - t0.srv), pg: (pgTicks() - t0.pg), gen: Math.round((me.user + me.system) / 1e5) } }));
  } finally { await s.stop(); }
}
if (KIND === 'postgres') await withPostgres((url) => run({ DATABASE_URL: url })); else await run({});
