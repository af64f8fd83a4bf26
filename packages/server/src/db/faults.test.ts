import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, type TestUser } from '../test-support/actors.js';
import { postgresAvailable } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { pipelineWorld } from '../test-support/pipeline.js';

/**
 * A real server process while PostgreSQL drops its connections (what a failover,
 * a restart or pg_terminate_backend does) and while it refuses them: the process
 * never exits, senders hear 202 or 503 with Retry-After (never 500) in their own
 * error shape, every 202 is stored, pages go out once the faults stop, and
 * /readyz follows the database. Runs the built CLI (`npm test` builds first).
 */
const BIN = fileURLToPath(new URL('../../../cli/bin/operable.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../../cli/dist/index.js', import.meta.url)));
if (!BUILT && process.env.CI === 'true') throw new Error('CI=true: build the CLI before the database fault test (npm test does)');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = 25;
const PER_ROUND = 6;

type Format = 'pagerduty' | 'opsgenie' | 'generic';
interface Sent {
  format: Format;
  dedupKey: string;
  status: number;
  retryAfter: string | null;
  body: any;
}

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe.runIf((await postgresAvailable()) && BUILT)('a server process while PostgreSQL drops and refuses connections', () => {
  let h: Harness;
  let admin: TestUser;
  let dbName: string;
  let pgAdmin: pg.Client;
  let receiver: Server;
  let child: ChildProcess;
  let base: string;
  let output = '';
  let exited: { code: number | null; signal: string | null } | null = null;
  const deliveries = new Set<string>();
  const keys = {} as Record<Format, string>;
  let n = 0;

  const terminateBackends = () =>
    pgAdmin.query('select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);

  async function ingest(format: Format, action: 'trigger' | 'resolve' = 'trigger', dedupKey = `fault-${format}-${++n}`): Promise<Sent> {
    const summary = `Fault ${dedupKey}`;
    const [path, headers, body] =
      format === 'pagerduty'
        ? ['/v2/enqueue', {}, { routing_key: keys.pagerduty, event_action: action, dedup_key: dedupKey, payload: { summary, source: 'fault', severity: 'critical' } }]
        : format === 'opsgenie'
          ? ['/v2/alerts', { authorization: `GenieKey ${keys.opsgenie}` }, { message: summary, alias: dedupKey }]
          : [`/ingest/generic/${keys.generic}`, {}, { action, dedupKey, summary }];
    const res = await call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    return { format, dedupKey, status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
  }

  /** A refused or cut connection to the server means it died: say so, with its last words. */
  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, init);
    } catch (error) {
      await new Promise((r) => setTimeout(r, 200)); // let the exit event arrive
      throw new Error(`${path}: ${(error as Error).message} (exited: ${JSON.stringify(exited)}); server output:\n${output.slice(-4000)}`);
    }
  }
  const readyz = async () => (await call('/readyz')).status;
  const alive = () => expect(exited, `the server exited ${JSON.stringify(exited)}; its output:\n${output.slice(-4000)}`).toBeNull();
  async function waitFor(what: string, done: () => Promise<boolean>, limitMs = 30_000) {
    const until = Date.now() + limitMs;
    while (!(await done())) {
      alive();
      if (Date.now() > until) throw new Error(`Gave up waiting for ${what}; server output:\n${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** Every refusal is a 503 the sender will retry, with Retry-After, in the sender's own shape. */
  function expectUnavailable(s: Sent) {
    expect(s.status, JSON.stringify(s)).toBe(503);
    expect(Number(s.retryAfter), JSON.stringify(s)).toBeGreaterThan(0);
    if (s.format === 'pagerduty') expect(s.body).toMatchObject({ status: expect.any(String), message: expect.any(String) });
    if (s.format === 'opsgenie') expect(s.body).toMatchObject({ message: expect.any(String), took: expect.any(Number), requestId: expect.any(String) });
    if (s.format === 'generic') expect(s.body).toMatchObject({ error: { code: 'unavailable', message: expect.any(String) } });
  }

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      deliveries.add(String(req.headers['x-operable-delivery']));
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hook = { url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`, secret: 'db-faults-secret-1234' };
    h = await createHarness('postgres');
    dbName = new URL(h.databaseUrl!).pathname.slice(1);
    admin = await createAdmin(h);
    for (const kind of ['pagerduty', 'opsgenie', 'generic'] as const) {
      const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 60, webhooks: [hook] }], stormWindowSeconds: 0, integrationKind: kind });
      keys[kind] = w.key;
    }
    pgAdmin = new pg.Client({ connectionString: ADMIN_URL });
    await pgAdmin.connect();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: h.databaseUrl!,
        DATABASE_POOL_SIZE: '4',
        PORT: String(port),
        OPERABLE_LOG_LEVEL: 'warn',
        OPERABLE_OUTBOX_LEASE_SECONDS: '5',
        OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32', // the test's webhook receiver
        OPERABLE_ENGINE_CYCLE_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => (exited = { code, signal }));
    await waitFor('the server to be ready', async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200);
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await pgAdmin?.query(`alter database ${dbName} allow_connections true`).catch(() => {});
    await pgAdmin?.end();
    await h?.close();
    await new Promise((r) => receiver?.close(r));
  });

  it('survives its connections being cut while ingesting and paging; nothing answered 202 is lost', async () => {
    const sent: Sent[] = [];
    const formats: Format[] = ['pagerduty', 'opsgenie', 'generic'];
    for (let round = 0; round < ROUNDS; round++) {
      const requests = Array.from({ length: PER_ROUND }, (_, i) => ingest(formats[(round + i) % formats.length]!));
      // Cut the connections while the requests are in flight (and the engine pages the earlier ones).
      const [, ...answers] = await Promise.all([new Promise((r) => setTimeout(r, round % 4)).then(terminateBackends), ...requests]);
      sent.push(...answers);
      alive();
    }

    for (const s of sent) {
      if (s.status === 202) continue;
      expectUnavailable(s);
    }
    const accepted = sent.filter((s) => s.status === 202);
    expect(accepted.length).toBeGreaterThan(0);

    await waitFor('/readyz to recover', async () => (await readyz()) === 200);
    // A sender retries what was refused; with the database back every retry is accepted.
    for (const s of sent.filter((x) => x.status !== 202)) {
      const again = await ingest(s.format, 'trigger', s.dedupKey);
      expect(again.status, JSON.stringify(again)).toBe(202);
    }

    const db = h.operable.deps.database.db;
    const stored = new Set((await db.selectFrom('alerts').select('dedup_key').execute()).map((a) => a.dedup_key));
    expect(sent.filter((s) => !stored.has(s.dedupKey)).map((s) => s.dedupKey)).toEqual([]);

    // Every alert is paged once the faults stop, by the same process, with no restart.
    const unpaged = async () =>
      Number(
        (
          await pgAdminQuery(
            `select count(*) as n from alerts a where not exists (select 1 from outbox o where a.id = any(o.alert_ids) and o.status = 'sent')`,
          )
        )[0]!.n,
      );
    await waitFor('every alert to be paged', async () => (await unpaged()) === 0);
    const sentIds = (await db.selectFrom('outbox').select('id').where('status', '=', 'sent').execute()).map((o) => o.id);
    expect(sentIds.filter((id) => !deliveries.has(id))).toEqual([]);
    alive();
  }, 60_000);

  it('answers 503 with Retry-After while PostgreSQL refuses connections, and recovers without a restart', async () => {
    await pgAdmin.query(`alter database ${dbName} allow_connections false`);
    await terminateBackends();
    try {
      expect(await readyz()).toBe(503);
      for (const format of ['pagerduty', 'opsgenie', 'generic'] as const) expectUnavailable(await ingest(format));
      const api = await call('/api/services', { headers: { authorization: `Bearer ${admin.apiKey}` } });
      expect(api.status).toBe(503);
      expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await api.json()).toMatchObject({ error: { code: 'unavailable', message: expect.any(String) } });
      alive();
    } finally {
      await pgAdmin.query(`alter database ${dbName} allow_connections true`);
    }
    await waitFor('/readyz to recover', async () => (await readyz()) === 200);
    for (const format of ['pagerduty', 'opsgenie', 'generic'] as const) expect((await ingest(format)).status).toBe(202);
    expect((await call('/api/services', { headers: { authorization: `Bearer ${admin.apiKey}` } })).status).toBe(200);
    alive();
  }, 60_000);

  async function pgAdminQuery(text: string) {
    const c = new pg.Client({ connectionString: h.databaseUrl });
    await c.connect();
    try {
      return (await c.query(text)).rows;
    } finally {
      await c.end();
    }
  }
});
