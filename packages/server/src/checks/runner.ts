import { randomUUID } from 'node:crypto';
import type { ProbeOutcome } from '@operable/shared';
import { inMaintenance, transitionByKey, triggerAlert } from '../alerts/index.js';
import { inTransaction, type Database, type ChecksTable } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Actor, Ctx, Settings } from '../lib/context.js';
import type { Logger } from '../lib/logger.js';
import type { Selectable } from 'kysely';
import { runProbe, type Prober } from './probes/index.js';
import { checkDedupKey, insertResult, leaseDueChecks, lockLeasedCheck, updateCheckRow } from './repository.js';
import { applyResult, nextRunAt, pushRecent } from './state.js';
import { storedSpec } from './view.js';

export interface RunnerEnv {
  database: Database;
  clock: Clock;
  log: Logger;
  settings: Settings;
}

export interface RunnerOptions {
  /** Probes in flight at once in this process. */
  concurrency?: number;
  /** Replaces the network probes (tests of leasing and crashes). */
  prober?: Prober;
  /** Names this runner's leases; random per process. */
  owner?: string;
}

type LeasedCheck = Selectable<ChecksTable>;

/**
 * Runs due checks: leases them (SKIP LOCKED, so engines share the work), probes them
 * concurrently up to a cap without holding a transaction, and records each result
 * in its own transaction, only while this runner still holds the lease: an engine
 * that was thought dead and comes back cannot overwrite the engine that took over.
 */
export class CheckRunner {
  readonly owner: string;
  private readonly concurrency: number;
  private readonly prober: Prober;
  private readonly inFlight = new Set<Promise<void>>();
  private claiming: Promise<number> | null = null;

  constructor(options: RunnerOptions = {}) {
    this.owner = options.owner ?? `engine-${randomUUID()}`;
    this.concurrency = options.concurrency ?? 200;
    this.prober = options.prober ?? runProbe;
  }

  /** Leases what is due and starts it; returns how many probes started. Never waits for probes. */
  tick(env: RunnerEnv): Promise<number> {
    // Two callers (the engine's round and the runner's own timer) share one claim.
    this.claiming ??= this.claim(env).finally(() => {
      this.claiming = null;
    });
    return this.claiming;
  }

  /** Resolves once every probe started so far has been recorded (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  get running(): number {
    return this.inFlight.size;
  }

  private async claim(env: RunnerEnv): Promise<number> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const now = env.clock.now();
    const leased = await inTransaction(env.database.db, (db) => leaseDueChecks(db, now, this.owner, free));
    for (const check of leased) {
      const run: Promise<void> = this.run(env, check).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
    return leased.length;
  }

  private async run(env: RunnerEnv, check: LeasedCheck): Promise<void> {
    const startedAt = env.clock.now();
    let outcome: ProbeOutcome;
    try {
      outcome = await this.prober(storedSpec(check), { policy: env.settings.outbound, allowInternal: check.allow_internal, timeoutMs: check.timeout_ms }, startedAt);
    } catch (error) {
      outcome = { ok: false, latencyMs: null, message: `probe failed: ${(error as Error).message}` };
    }
    if (!outcome.ok) env.log.event('CHECK_PROBE_FAILED', { checkId: check.id, message: outcome.message });
    try {
      await inTransaction(env.database.db, (db) => this.record({ ...env, db }, check, startedAt, outcome));
    } catch (error) {
      // The lease runs out and another round probes again; nothing half-written.
      env.log.event('ENGINE_MODULE_FAILED', { module: 'checks', err: { message: (error as Error).message, stack: (error as Error).stack } });
    }
  }

  private async record(env: RunnerEnv & { db: Ctx['db'] }, leased: LeasedCheck, startedAt: Date, outcome: ProbeOutcome): Promise<void> {
    const current = await lockLeasedCheck(env.db, leased.id, this.owner);
    if (!current) {
      env.log.event('CHECK_RESULT_DROPPED', { checkId: leased.id, reason: 'lease lost (another engine took the check, or it was deleted)' });
      return;
    }
    const now = env.clock.now();
    const slot = new Date(leased.next_at);
    const maintenance = await inMaintenance(env.db, current.service_id, startedAt);
    const next = applyResult({ state: current.state, failures: current.failures }, outcome.ok, current.retries, maintenance);
    await insertResult(env.db, {
      check_id: current.id,
      at: startedAt,
      ok: outcome.ok,
      latency_ms: outcome.latencyMs,
      message: outcome.message.slice(0, 500),
      maintenance,
      start_delay_ms: Math.max(0, startedAt.getTime() - slot.getTime()),
    });
    const retrying = !outcome.ok && next.state !== 'down';
    await updateCheckRow(env.db, current.id, {
      state: next.state,
      failures: next.failures,
      ...(next.state !== current.state ? { state_changed_at: now } : {}),
      last_run_at: startedAt,
      last_ok: outcome.ok,
      last_latency_ms: outcome.latencyMs,
      last_message: outcome.message.slice(0, 500),
      recent: pushRecent(current.recent, outcome.ok, outcome.latencyMs),
      next_at: nextRunAt(slot, current.interval_seconds * 1000, now, retrying),
      lease_owner: null,
      lease_until: null,
    });
    const ctx: Ctx = { actor: checkActor(current.name), db: env.db, clock: env.clock, log: env.log, requestId: `check-${current.id}`, settings: env.settings };
    if (next.transition === 'down') {
      await triggerAlert(ctx, {
        serviceId: current.service_id,
        integrationId: null,
        event: {
          action: 'trigger',
          dedupKey: checkDedupKey(current.id),
          summary: `Check down: ${current.name} (${current.target}): ${outcome.message}`.slice(0, 1000),
          source: 'check',
          severity: 'critical',
          urgency: 'high',
          details: { checkId: current.id, kind: current.kind, target: current.target, failures: next.failures, message: outcome.message },
          links: [{ href: `${env.settings.publicUrl}/checks/${current.id}`, text: 'The check' }],
        },
      });
      env.log.event('CHECK_DOWN', { checkId: current.id, serviceId: current.service_id, message: outcome.message });
    } else if (next.transition === 'recovered') {
      await transitionByKey(ctx, current.service_id, checkDedupKey(current.id), 'resolve', 'check');
      env.log.event('CHECK_RECOVERED', { checkId: current.id, serviceId: current.service_id });
    }
  }
}

/** The actor a check's alerts are recorded under. */
export const checkActor = (name: string): Actor => ({ kind: 'system', userId: null, role: 'viewer', teamIds: [], label: `check:${name}` });
