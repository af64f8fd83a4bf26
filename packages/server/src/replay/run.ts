import { actOnAlert } from '../alerts/index.js';
import { actorForUser, findUserByEmail, findUserById } from '../auth/index.js';
import { inTransaction, type Database, type Db, type IntegrationRow } from '../db/index.js';
import { createEngine, PAGING_MODULES } from '../engine/index.js';
import { ingestBatch } from '../ingest/index.js';
import { FakeClock } from '../lib/clock.js';
import { SYSTEM_ACTOR, type Ctx, type Settings } from '../lib/context.js';
import { silentLogger, type Logger } from '../lib/logger.js';
import type { LineError, ReplayEvent } from './history.js';
import * as repo from './repository.js';

/** Gives a scratch-copy recovery scan (every 15 s of engine time) its chance after each send. */
const RECOVERY_SCAN_AFTER_MS = 16_000;
/** Events or rounds replayed between two turns of the event loop: tens of milliseconds' work. */
const YIELD_EVERY = 50;
/** After the last event, escalations and delayed notifications still run their course. */
const TAIL_MS = 24 * 3_600_000;

export interface RunOptions {
  events: ReplayEvent[];
  settings: Settings;
  log?: Logger;
  /** End of the replayed period; by default a day after the last event. */
  until?: Date;
  /**
   * Assume people acknowledge what they are paged for, this many ms after the
   * message (null: they do not). Acknowledgements from people in the history are
   * then ignored; senders' own acknowledgements and resolves still count.
   */
  ackDelay?: (userId: string, sentAt: Date) => number | null;
  onProgress?: (done: number, total: number) => void;
}

export interface RunResult {
  /** Lines that parsed but could not be replayed (unknown integration, unknown person). */
  skipped: LineError[];
  events: number;
  from: Date;
  until: Date;
}

interface Pending {
  at: number;
  alertId: string;
  userId: string;
}

/**
 * Replays a history through the real pipeline on a scratch database: the ingest
 * verbs, the planner with its storm and maintenance rules, and the engine's paging
 * modules, on a virtual clock that jumps from one event or due item to the next.
 * Channels are a sink: what would have been sent stays in the scratch outbox.
 */
export async function runReplay(database: Database, o: RunOptions): Promise<RunResult> {
  const log = o.log ?? silentLogger;
  const first = o.events[0]?.at ?? new Date();
  const until = o.until ?? new Date((o.events.at(-1)?.at ?? first).getTime() + TAIL_MS);
  const clock = new FakeClock(first);
  const db = database.db;
  let sent: { outboxId: string; alertIds: string[] }[] = [];
  const engine = createEngine({
    database,
    clock,
    log,
    settings: o.settings,
    modules: PAGING_MODULES,
    channels: {
      sink: (_target, message) => {
        if (message.kind === 'alert' || message.kind === 'bundle') sent.push({ outboxId: message.id, alertIds: message.alerts.map((a) => a.id) });
        return { ok: true };
      },
    },
  });
  const ctxOf = (requestId: string, actor: Ctx['actor'] = SYSTEM_ACTOR): Ctx => ({ actor, db, clock, log, requestId, settings: o.settings });
  const skipped: LineError[] = [];
  const integrations = new Map<string, IntegrationRow | null>();
  const acks: Pending[] = [];
  const acked = new Set<string>();
  let recoveryScanAt: number | null = null;
  // Keys this replay has opened and not yet seen resolved. A trigger for one of them is
  // a repeat: it changes a counter, never who is paged, so repeats wait in a buffer and
  // go through the ingest verb together (before anything else happens).
  const open = new Set<string>();
  let repeats: { integration: IntegrationRow; events: ReplayEvent['events']; requestId: string }[] = [];
  // The modules' next due moments are re-read only after something that can change them.
  let due: Map<string, Date | null> | undefined;

  async function integrationFor(e: ReplayEvent): Promise<IntegrationRow | null> {
    const id = 'integrationKey' in e.route ? `key:${e.route.integrationKey}` : `service:${e.route.service}`;
    if (integrations.has(id)) return integrations.get(id)!;
    let found: IntegrationRow | null = null;
    if ('integrationKey' in e.route) found = (await repo.integrationByKey(db, e.route.integrationKey)) ?? null;
    else {
      found = (await repo.integrationOfService(db, e.route.service)) ?? null;
      const serviceId = found ? null : await repo.serviceIdByName(db, e.route.service);
      if (serviceId) found = await repo.addReplayIntegration(db, serviceId, clock.now());
    }
    integrations.set(id, found);
    return found;
  }

  async function actAsPerson(email: string, serviceId: string, e: ReplayEvent, requestId: string): Promise<string | null> {
    const user = await findUserByEmail(db, email);
    if (!user) return `nobody with the email ${email}`;
    const actor = actorForUser(user);
    for (const ev of e.events) {
      if (ev.action === 'trigger' || !ev.dedupKey) continue;
      const alertId = await repo.openAlertId(db, serviceId, ev.dedupKey);
      const action = ev.action;
      if (alertId) await inTransaction(db, (trx) => actOnAlert({ ...ctxOf(requestId, actor), db: trx }, alertId, action));
    }
    return null;
  }

  async function apply(e: ReplayEvent): Promise<void> {
    const integration = await integrationFor(e);
    if (!integration) {
      const what = 'integrationKey' in e.route ? 'no integration with this routing key' : `no service named "${e.route.service}"`;
      skipped.push({ line: e.line, error: what });
      return;
    }
    const requestId = `replay-line-${e.line}`;
    const keyOf = (k: string | null) => `${integration.id}|${k}`;
    if (!e.by && e.events.every((ev) => ev.action === 'trigger' && ev.dedupKey && open.has(keyOf(ev.dedupKey)))) {
      repeats.push({ integration, events: e.events, requestId });
      if (repeats.length >= 1000) await flushRepeats();
      return;
    }
    await flushRepeats();
    due = undefined;
    for (const ev of e.events) {
      if (ev.action === 'trigger' && ev.dedupKey) open.add(keyOf(ev.dedupKey));
      else if (ev.action === 'resolve') open.delete(keyOf(ev.dedupKey));
    }
    if (e.by) {
      if (o.ackDelay && e.events.every((ev) => ev.action === 'acknowledge')) return;
      const error = await actAsPerson(e.by, integration.service_id, e, requestId);
      if (error) skipped.push({ line: e.line, error });
      return;
    }
    // Triggers without a key get a fresh one; they are never repeats.
    await ingestBatch(ctxOf(requestId), [{ integration, events: e.events, requestId }]);
  }

  async function flushRepeats(): Promise<void> {
    if (!repeats.length) return;
    const batch = repeats;
    repeats = [];
    await ingestBatch(ctxOf(batch[0]!.requestId), batch);
  }

  /** Turns this round's sends into the acknowledgements the replay assumes. */
  async function scheduleAcks(): Promise<void> {
    const batch = sent;
    sent = [];
    if (batch.length) recoveryScanAt = clock.now().getTime() + RECOVERY_SCAN_AFTER_MS;
    if (!o.ackDelay || !batch.length) return;
    const owners = await repo.messageOwners(db, batch.map((b) => b.outboxId));
    for (const b of batch) {
      const userId = owners.get(b.outboxId);
      const delay = userId ? o.ackDelay(userId, clock.now()) : null;
      if (!userId || delay === null) continue;
      for (const alertId of b.alertIds) {
        if (acked.has(alertId)) continue;
        acked.add(alertId);
        insertSorted(acks, { at: clock.now().getTime() + delay, alertId, userId });
      }
    }
  }

  /** Returns how many assumed acknowledgements fell due. */
  async function acknowledgeDue(): Promise<number> {
    let n = 0;
    for (; acks.length && acks[0]!.at <= clock.now().getTime(); n++) {
      const a = acks.shift()!;
      const user = await findUserById(db, a.userId);
      if (!user) continue;
      const actor = actorForUser(user);
      if (await repo.isTriggered(db, a.alertId)) await inTransaction(db, (trx) => actOnAlert({ ...ctxOf(`replay-ack-${a.alertId}`, actor), db: trx }, a.alertId, 'acknowledge'));
    }
    return n;
  }

  // The embedded database answers without I/O, so a replay would otherwise hold the
  // event loop for its whole run: in the server, no request and no page for a minute.
  let steps = 0;
  async function breathe(): Promise<void> {
    if (++steps % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Runs everything due up to `t`, moving the clock from one due moment to the next. */
  async function advanceTo(t: Date): Promise<void> {
    // The moment of the last round that did nothing: met again, something is due that
    // nothing takes (it should not happen), and it must not hold the replay forever.
    let idleAt: number | null = null;
    for (;;) {
      due ??= await repo.dueByModule(db);
      const next = earliest([...due.values(), acks[0] ? new Date(acks[0].at) : null, recoveryScanAt ? new Date(recoveryScanAt) : null]);
      if (!next || next > t) break;
      await breathe();
      await flushRepeats();
      if (next > clock.now()) clock.set(next);
      if (recoveryScanAt && recoveryScanAt <= clock.now().getTime()) recoveryScanAt = null;
      const acked = await acknowledgeDue();
      // One round, then the due moments are read again: a round that leaves work due now
      // runs again, and the server's closing round that finds nothing is spared.
      // Modules with nothing due are skipped (each would cost a transaction), unless an
      // earlier module's work this round made them due; the recovery scan keeps its cadence.
      const dueNow = due;
      const handled = await engine.runOnce((name) => {
        const at = dueNow.get(name);
        return at !== undefined && !(at && at <= clock.now());
      });
      due = undefined;
      await scheduleAcks();
      if (handled || acked) idleAt = null;
      else if (idleAt === next.getTime()) {
        log.event('REPLAY_STUCK', { at: clock.now().toISOString(), due: Object.fromEntries([...dueNow].map(([m, d]) => [m, d?.toISOString() ?? null])) });
        break;
      } else idleAt = next.getTime();
    }
    if (t > clock.now()) clock.set(t);
  }

  for (const [i, e] of o.events.entries()) {
    if (e.at > until) break;
    await breathe();
    await advanceTo(e.at);
    await apply(e);
    if (o.onProgress && (i % 500 === 0 || i === o.events.length - 1)) o.onProgress(i + 1, o.events.length);
  }
  await flushRepeats();
  await advanceTo(until);
  return { skipped, events: o.events.length, from: first, until };
}

/** The next moment a paging module has work. */
export async function nextDue(db: Db): Promise<Date | null> {
  return earliest([...(await repo.dueByModule(db)).values()]);
}

function earliest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((m, d) => (d && (!m || d < m) ? d : m), null);
}

function insertSorted(list: Pending[], item: Pending): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.at > item.at) i--;
  list.splice(i, 0, item);
}
