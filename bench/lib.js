// Shared by the benchmarks: start the built server as a child process on a fresh
// database, sign in as the first admin through its one-time link, load helpers.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'packages/cli/bin/operable.js');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

export function quantiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => (sorted.length ? Math.round(sorted[Math.floor(p * (sorted.length - 1))] * 100) / 100 : null);
  return { count: sorted.length, p50ms: q(0.5), p99ms: q(0.99), maxMs: q(1) };
}

/** A fresh PostgreSQL database for one run, dropped afterwards; null when none is reachable. */
export async function withPostgres(fn) {
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch {
    console.error(`PostgreSQL not reachable at ${admin}; PostgreSQL run skipped`);
    return null;
  }
  const name = `operable_bench_${process.pid}_${Date.now()}`;
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

const METRICS_TOKEN = 'bench-metrics-token-0123456789';

/**
 * `nodeArgs` e.g. ['--cpu-prof'] to profile the server (NODE_OPTIONS refuses it).
 * `join` starts a further process (of any `role`) on a database a first one set up:
 * there is no first-admin link to sign in with, so `api` is then null.
 * `root` runs another checkout's build (an older commit measured side by side).
 */
export async function startServer(env = {}, nodeArgs = [], { role = 'all', join = false, root = ROOT } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'operable-bench-'));
  const port = 18000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, root === ROOT ? BIN : path.join(root, 'packages/cli/bin/operable.js'), 'serve', '--role', role], {
    // The bench's webhook receiver listens on 127.0.0.1.
    env: { ...process.env, OPERABLE_LOG_LEVEL: 'warn', OPERABLE_METRICS_TOKEN: METRICS_TOKEN, OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32', ...env, PORT: String(port), OPERABLE_DATA_DIR: dataDir, OPERABLE_PUBLIC_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const further = join || role !== 'all';
  for (;;) {
    if (role === 'engine' ? out.includes('Operable is running') : await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) {
      if (further || out.includes('token=')) break;
    }
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    await sleep(20);
  }
  const startupMs = Math.round(performance.now() - started);
  if (further) return { url, pid: child.pid, startupMs, api: null, stop };

  const token = decodeURIComponent(/token=([^\s'"]+)/.exec(out)?.[1] ?? '');
  const password = 'benchmark password 123';
  await fetch(`${url}/api/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) });
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@operable.local', password }),
  });
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await signIn.json();
  const api = async (method, p, body) => {
    const res = await fetch(`${url}${p}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  return {
    url,
    pid: child.pid,
    startupMs,
    api,
    metrics: async () => (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text(),
    stop,
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

/**
 * Closes the kept-alive connections. A bench alternating between servers leaves one idle
 * while the other is measured; reused just as that server's keep-alive timeout (5 s) ends,
 * they fail at once, which measures the timing of the rounds, not the server.
 */
export function dropIdleConnections() {
  agent.destroy();
}

/**
 * POSTs JSON and resolves with the status once the answer is read. The load
 * generator shares the 2 cores with the server: `fetch` cost it more than a core
 * at 3,700 requests/s, this about a tenth of that.
 */
export function postJson(url, body) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** GETs and resolves with { status, etag, bytes } once the answer is read (same agent as postJson). */
export function get(url, headers = {}) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'GET', agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode, etag: res.headers.etag, bytes }));
    });
    req.on('error', () => resolve({ status: 0 }));
    req.end();
  });
}

/**
 * Share of CPU time the hypervisor gave to other machines while `fn` ran (Linux
 * "steal"). A shared host can take a third of this machine's time; numbers measured
 * then are not comparable, so every result says how much was stolen.
 */
export async function measuringSteal(fn) {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const before = read();
  const result = await fn();
  const after = read();
  const delta = after.map((v, i) => v - before[i]);
  const total = delta.slice(0, 8).reduce((a, b) => a + b, 0);
  return { ...result, stealPct: total ? Math.round((1000 * delta[7]) / total) / 10 : 0 };
}

/** Runs `request` from `concurrency` loops for `ms`; returns throughput and latency. */
export async function load(concurrency, ms, request) {
  const latencies = [];
  let errors = 0;
  const end = performance.now() + ms;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await request(n++);
        if (!ok) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { concurrency, seconds: ms / 1000, perSecond: Math.round(latencies.length / (ms / 1000)), errors, ...quantiles(latencies) };
}
