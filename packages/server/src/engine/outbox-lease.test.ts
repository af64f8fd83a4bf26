import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { inTransaction } from '../db/index.js';
import { claimDueMessages, enqueueMessage, markRetry, renewLeases, type Message } from '../notify/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { dispatchModule } from './dispatch.js';
import type { EngineContext } from './index.js';

/** The configured default: short, since a live sender renews it. */
const LEASE_SECONDS = Number(loadConfig({}).outboxLeaseSeconds);

/**
 * Outbox leases are short and renewed while a send runs: a crashed process's send
 * is retried after the lease, not minutes later, and a live process whose send
 * outlasts the lease keeps it, so no second process sends the same message.
 */
describe.each(await databaseKinds())('outbox leases on %s', (kind) => {
  let h: Harness;
  let receiver: Server;
  let hookUrl: string;
  /** Delivery ids in arrival order. */
  const received: string[] = [];
  let hold: Promise<void> | null = null;
  let arrived: () => void = () => {};

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        received.push(String(req.headers['x-operable-delivery']));
        if (req.url !== '/fast') {
          arrived();
          await hold;
        }
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    h = await createHarness(kind);
  });
  afterAll(async () => {
    await h.close();
    await new Promise((r) => receiver.close(r));
  });

  /** One engine process: its own context on the shared database and the test's clock. */
  const worker = (): EngineContext => ({
    database: h.operable.deps.database,
    clock: h.clock,
    log: h.operable.deps.log,
    settings: h.operable.deps.settings,
    // A held send must outlast the lease on the fake clock, not time out on the real one.
    channels: { ...h.operable.deps.config.channels, outbound: h.operable.deps.settings.outbound, webhookTimeoutMs: 60_000 } as EngineContext['channels'],
    outboxLeaseSeconds: LEASE_SECONDS,
  });

  async function queueMessage(o: { path?: string; alertIds?: string[] } = {}): Promise<string> {
    const id = randomUUID();
    const message: Message = { id, kind: 'alert', title: 'Lease test', text: 'x', urgency: 'high', alerts: [], actions: {}, traceId: id };
    const address = `${hookUrl}${o.path ?? '/page'}`;
    await inTransaction(h.operable.deps.database.db, (db) =>
      enqueueMessage(db, { target: { type: 'webhook', address, secret: 'lease-test-secret-123' }, message, alertIds: o.alertIds, traceId: null, now: h.clock.now() }),
    );
    return id;
  }
  const row = (id: string) => h.operable.deps.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a send cut off by a crash is retried once the short lease runs out, with the same id', async () => {
    expect(LEASE_SECONDS).toBeLessThanOrEqual(20); // a page waits at most this long after a crash
    const id = await queueMessage();
    // A process claims the message and dies before sending or recording anything.
    const crashed = await claimDueMessages(h.operable.deps.database.db, h.clock.now(), LEASE_SECONDS, 20, randomUUID());
    expect(crashed.map((m) => m.id)).toEqual([id]);

    const live = worker();
    expect(await dispatchModule.tick(live)).toBe(0);
    h.clock.advance((LEASE_SECONDS - 1) * 1000);
    expect(await dispatchModule.tick(live)).toBe(0); // still the dead process's
    h.clock.advance(1000);
    expect(await dispatchModule.tick(live)).toBe(1);
    expect(received.filter((r) => r === id)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', lease_until: null, lease_token: null });
  });

  it('a live process whose send outlasts the lease keeps renewing it; another process never sends the message too', async () => {
    const id = await queueMessage();
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const reached = new Promise<void>((r) => (arrived = r));
    const slow = dispatchModule.tick(worker());
    await reached; // the send is in flight and will not finish until released

    const other = worker();
    try {
      for (let beat = 0; beat < 3 * 3; beat++) {
        h.clock.advance((LEASE_SECONDS / 3) * 1000);
        await h.clock.settle(); // the renewals this beat started
        expect(await dispatchModule.tick(other), `beat ${beat}`).toBe(0);
        expect(new Date((await row(id)).lease_until!).getTime()).toBeGreaterThan(h.clock.now().getTime());
      }
    } finally {
      release();
      hold = null;
    }
    expect(await slow).toBe(1);

    expect(received.filter((r) => r === id)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', lease_until: null, lease_token: null });
  });

  it('keeps renewing while any send of the batch runs, even after another failed to record', async () => {
    // Recording this one fails: the database refuses its alert's log line.
    const doomed = randomUUID();
    await sql`create or replace function refuse_log() returns trigger language plpgsql as $$
      begin if new.alert_id = ${sql.lit(doomed)}::uuid then raise exception 'refused for the test'; end if; return new; end $$`.execute(h.operable.deps.database.db);
    await sql`create trigger refuse_log before insert on alert_log for each row execute function refuse_log()`.execute(h.operable.deps.database.db);
    const failing = await queueMessage({ path: '/fast', alertIds: [doomed] });
    const slowId = await queueMessage();
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const reached = new Promise<void>((r) => (arrived = r));
    const slow = dispatchModule.tick(worker()).then(
      (n) => ({ n }),
      (e: Error) => ({ e }),
    );
    await reached;
    const other = worker();
    try {
      for (let beat = 0; beat < 3 * 3; beat++) {
        h.clock.advance((LEASE_SECONDS / 3) * 1000);
        await h.clock.settle();
        expect(await dispatchModule.tick(other), `beat ${beat}`).toBe(0);
      }
    } finally {
      release();
      hold = null;
    }
    expect(await slow).toMatchObject({ e: expect.any(Error) }); // the failed record is still reported
    expect(received.filter((r) => r === slowId)).toHaveLength(1);
    expect(received.filter((r) => r === failing)).toHaveLength(1);
    expect(await row(slowId)).toMatchObject({ status: 'sent' });
    // Out of the next test's way: left pending, the failed one is retried once its lease runs out.
    await h.operable.deps.database.db.updateTable('outbox').set({ status: 'dead' }).where('id', '=', failing).execute();
    await sql`drop trigger refuse_log on alert_log`.execute(h.operable.deps.database.db);
  });

  it('only the holder renews a lease: never one another process took over, nor an attempt already recorded', async () => {
    const db = h.operable.deps.database.db;
    const id = await queueMessage();
    const first = randomUUID();
    await claimDueMessages(db, h.clock.now(), LEASE_SECONDS, 20, first);
    h.clock.advance(LEASE_SECONDS * 1000); // the first holder stopped renewing (it hung, or lost the database)
    const second = randomUUID();
    expect((await claimDueMessages(db, h.clock.now(), LEASE_SECONDS, 20, second)).map((m) => m.id)).toContain(id);
    const secondLease = (await row(id)).lease_until;

    const farFuture = new Date(h.clock.now().getTime() + 3_600_000);
    expect(await renewLeases(db, [id], first, farFuture)).toBe(0);
    expect((await row(id)).lease_until).toEqual(secondLease);
    // A renewal never shortens a lease either.
    expect(await renewLeases(db, [id], second, h.clock.now())).toBe(1);
    expect((await row(id)).lease_until).toEqual(secondLease);

    // Once the attempt is recorded as a retry, a late renewal must not hold the retry back.
    const retryAt = new Date(h.clock.now().getTime() + 10_000);
    await markRetry(db, id, 'HTTP 503', retryAt);
    expect(await renewLeases(db, [id], second, farFuture)).toBe(0);
    expect(await row(id)).toMatchObject({ lease_until: null, lease_token: null, next_attempt_at: retryAt });
  });
});
