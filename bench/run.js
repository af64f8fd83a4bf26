// Foundation benchmark: start-up time, idle memory and API throughput of the built
// server on the embedded database (and PostgreSQL when BENCH_DATABASE_URL is set).
// Usage: npm run build && npm run bench   → bench/results/foundation.json
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'packages/cli/bin/operable.js');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;

async function waitReady(url, started) {
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return performance.now() - started;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

async function load(url, headers, concurrency) {
  const latencies = [];
  const end = performance.now() + DURATION_MS;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (!res.ok) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p) => Math.round(latencies[Math.floor(p * (latencies.length - 1))] * 100) / 100;
  return { concurrency, requests: latencies.length, perSecond: Math.round(latencies.length / (DURATION_MS / 1000)), p50ms: q(0.5), p99ms: q(0.99), errors };
}

async function runOne(kind, env) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'operable-bench-'));
  const port = 18000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), OPERABLE_DATA_DIR: dataDir, OPERABLE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    const startupMs = Math.round(await waitReady(url, started));
    await new Promise((r) => setTimeout(r, 3000));
    const idleRssMb = Math.round(rssKb(child.pid) / 1024);

    // An admin API key, made the way a person would: through the one-time link.
    const token = decodeURIComponent(/token=([^\s'"]+)/.exec(out)?.[1] ?? '');
    const password = 'benchmark password 123';
    if (token) {
      await fetch(`${url}/api/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) });
    }
    const email = env.OPERABLE_ADMIN_EMAIL ?? 'admin@operable.local';
    const signIn = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = signIn.headers.get('set-cookie').split(';')[0];
    const { csrfToken } = await signIn.json();
    const mutate = (p, body) =>
      fetch(`${url}${p}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const team = await mutate('/api/teams', { name: 'Bench' });
    for (let i = 0; i < 50; i++) await mutate('/api/services', { name: `svc-${i}`, teamId: team.id, tags: ['bench'], runbookMarkdown: '# Runbook\n'.repeat(20) });
    const { token: apiKey } = await mutate('/api/api-keys', { name: 'bench', role: 'viewer' });
    const auth = { authorization: `Bearer ${apiKey}` };

    const results = {
      kind,
      startupMs,
      idleRssMb,
      healthz: await load(`${url}/healthz`, {}, 16),
      listServices50: await load(`${url}/api/services`, auth, 16),
      getService: await load(`${url}/api/services/${(await (await fetch(`${url}/api/services`, { headers: auth })).json()).items[0].id}`, auth, 16),
    };
    results.rssAfterLoadMb = Math.round(rssKb(child.pid) / 1024);
    return results;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fresh PostgreSQL database for the run, dropped afterwards; null when none is reachable. */
async function withPostgres(fn) {
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch {
    console.error(`PostgreSQL not reachable at ${admin}; PostgreSQL run skipped`);
    return null;
  }
  const name = `operable_bench_${process.pid}`;
  await client.query(`create database ${name}`);
  try {
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  }
}

const runs = [await runOne('pglite', {})];
const onPostgres = await withPostgres((url) => runOne('postgres', { DATABASE_URL: url }));
if (onPostgres) runs.push(onPostgres);
const report = { when: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, durationSeconds: DURATION_MS / 1000, runs };
writeFileSync(path.join(ROOT, 'bench/results/foundation.json'), JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
