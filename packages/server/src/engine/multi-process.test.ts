import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';

/**
 * Three engine processes share one PostgreSQL; one is killed with SIGKILL while
 * messages are in flight. Every message must reach the receiver, and the receiver
 * must act on each exactly once. Two processes never send the same message (the
 * claim is FOR UPDATE SKIP LOCKED with a lease); a send cut off by the kill is
 * retried after the lease with the same X-Operable-Delivery id, which the
 * receiver recognises — as any receiver of signed webhooks should.
 * Runs the built CLI (`npm test` builds first).
 */
const BIN = fileURLToPath(new URL('../../../cli/bin/operable.js', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../../../cli/dist/index.js', import.meta.url)));
if (!BUILT && process.env.CI === 'true') throw new Error('CI=true: build the CLI before the multi-process test (npm test does)');
const ALERTS = 40;

describe.runIf((await postgresAvailable()) && BUILT)('three engine processes, one killed mid-run (PostgreSQL)', () => {
  let h: Harness;
  let receiver: Server;
  let url: string;
  /** Attempts per delivery id, and the ids the receiver acted on (once each). */
  const attempts = new Map<string, number>();
  const deliveries = new Set<string>();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const id = String(req.headers['x-operable-delivery']);
      req.resume();
      req.on('end', () => {
        attempts.set(id, (attempts.get(id) ?? 0) + 1);
        deliveries.add(id);
        // Slow enough that the kill lands while sends are in flight.
        setTimeout(() => res.writeHead(200).end('ok'), 50);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    h = await createHarness('postgres');
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await h?.close();
    await new Promise((r) => receiver.close(r));
  });

  it('delivers every message; the receiver acts on each exactly once', async () => {
    const w = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 60, webhooks: [{ url, secret: 'multi-process-secret-123' }] }], stormWindowSeconds: 0 });
    for (let i = 0; i < ALERTS; i++) {
      const res = await h.request('/v2/enqueue', {
        method: 'POST',
        json: { routing_key: w.key, event_action: 'trigger', dedup_key: `mp-${i}`, payload: { summary: `Alert ${i}`, source: 'test', severity: 'critical' } },
      });
      expect(res.status).toBe(202);
    }
    const env = { ...process.env, DATABASE_URL: h.databaseUrl!, OPERABLE_OUTBOUND_ALLOW: '127.0.0.1/32', OPERABLE_LOG_LEVEL: 'fatal', OPERABLE_OUTBOX_LEASE_SECONDS: '5', OPERABLE_ENGINE_CYCLE_SECONDS: '1' };
    for (let i = 0; i < 3; i++) children.push(spawn(process.execPath, [BIN, 'serve', '--role', 'engine'], { env, stdio: 'ignore' }));

    const waitFor = async (what: string, done: () => boolean | Promise<boolean>, ms: number) => {
      const until = Date.now() + ms;
      while (!(await done())) {
        if (Date.now() > until) throw new Error(`Timed out waiting for ${what}: ${deliveries.size}/${ALERTS} delivered`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor('the first deliveries', () => deliveries.size >= 5, 60_000);
    children[0]!.kill('SIGKILL');
    await waitFor('every delivery', () => deliveries.size >= ALERTS, 60_000);

    expect(deliveries.size).toBe(ALERTS);
    const db = h.operable.deps.database.db;
    const outbox = await db.selectFrom('outbox').select(['id']).execute();
    expect(new Set(outbox.map((o) => o.id))).toEqual(deliveries);
    // Only sends cut off by the kill can repeat: at most one claimed batch.
    const repeats = [...attempts.values()].filter((n) => n > 1).length;
    expect(repeats).toBeLessThanOrEqual(20);
    await waitFor('the outbox to settle', async () => (await db.selectFrom('outbox').select('status').where('status', '<>', 'sent').execute()).length === 0, 30_000);
    expect((await alertsOf(h, w.service.id)).length).toBe(ALERTS);
  }, 150_000);
});
