import type { Config } from '../config/index.js';
import { ENGINE_CHANNEL } from '../alerts/index.js';
import { isDatabaseUnavailable, type Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Settings } from '../lib/context.js';
import type { Logger } from '../lib/logger.js';
import { OUTBOX_CHANNEL, type ChannelsConfig } from '../notify/index.js';
import { ackTimeoutModule } from './ack-timeout.js';
import { checkRollupModule, checkRunnerModule } from './checks.js';
import { cleanupModule } from './cleanup.js';
import { embeddedMaintenanceModule } from './embedded-maintenance.js';
import { dispatchModule } from './dispatch.js';
import { escalateModule } from './escalate.js';
import { handoffModule } from './handoffs.js';
import { heartbeatModule } from './heartbeats.js';
import { incidentReminderModule, incidentTimelineModule } from './incidents.js';
import { notifyModule } from './notify.js';
import { postmortemDraftModule, postmortemReminderModule } from './postmortems.js';
import { preflightModule } from './preflight.js';
import { recoveryModule } from './recovery.js';
import { healthScanModule } from './health-scan.js';
import { healthReviewModule } from './health-review.js';
import { shiftReminderModule } from './shift-reminders.js';
import { sloModule } from './slos.js';
import { statuspageModule } from './statuspage.js';

/** Renewed every third while a send runs; what a crashed process's sends wait before another process retries them. */
export const DEFAULT_OUTBOX_LEASE_SECONDS = 15;

/** What every module gets: shared by the modules of one engine, time from the injected clock. */
export interface EngineContext {
  database: Database;
  clock: Clock;
  log: Logger;
  settings: Settings;
  channels: ChannelsConfig;
  outboxLeaseSeconds: number;
}

/**
 * Background work as small idempotent modules. Each claims its own due rows
 * (FOR UPDATE SKIP LOCKED), so any number of engine processes can run.
 */
export interface EngineModule {
  name: string;
  /** Does whatever is due now; returns how many items it handled. */
  tick(ctx: EngineContext): Promise<number>;
  /**
   * Runs at most this often (engine clock) instead of every round: work measured in
   * minutes or days need not cost a transaction each time a page wakes the engine.
   */
  everyMs?: number;
  /** Called when the engine starts (a module with its own timers starts them here). */
  start?(ctx: EngineContext): void;
  /** Called when the engine stops; waits for the module's work in flight. */
  stop?(): Promise<void>;
}

export { engineLagSeconds } from './repository.js';
export { previewServicePage, previewPolicyReach } from './preview.js';

export const DEFAULT_MODULES: EngineModule[] = [
  heartbeatModule,
  // After heartbeats (a missed beat is an SLO's bad minute), before escalate (its pages go out this round).
  sloModule,
  ackTimeoutModule,
  // Before escalate: an overdue-update reminder pages in the same round.
  incidentReminderModule,
  escalateModule,
  notifyModule,
  // Schedule modules run before dispatch so their notices' emails go out in the same round.
  handoffModule,
  shiftReminderModule,
  preflightModule,
  // Post-mortem drafts and reminders: before dispatch, so reminder messages go out in the same round.
  postmortemDraftModule,
  postmortemReminderModule,
  // Before dispatch: subscriber messages of the changes it makes go out in the same round.
  statuspageModule,
  dispatchModule,
  // After dispatch: a page delivered this round shows in the incident's timeline.
  incidentTimelineModule,
  // After dispatch: it grants for pages once they are sent; its notices go out next round.
  recoveryModule,
  // After dispatch: copies what was sent into the health facts.
  healthScanModule,
  healthReviewModule,
  cleanupModule,
  checkRollupModule,
  // Last: it may hold the embedded database for a moment, after this round's pages are out.
  embeddedMaintenanceModule,
];

/**
 * What pages people, and nothing else: no heartbeats (a replay's history says what
 * arrived), no schedule notices, no cleanup. A replay runs these on its scratch copy.
 */
export const PAGING_MODULES: EngineModule[] = [ackTimeoutModule, escalateModule, notifyModule, dispatchModule, recoveryModule];

export interface Engine {
  /**
   * Runs every module once; with `skip`, a module is left out while it says so and
   * nothing earlier in the round has done work (work can make later modules due).
   */
  runOnce(skip?: (module: string) => boolean): Promise<number>;
  /** Runs until a full round finds nothing to do (tests with a fake clock; bounded). */
  runUntilIdle(maxRounds?: number): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Ask for a round as soon as possible (in-process wake-up). */
  wake(): void;
  /** How far behind the engine is: the oldest due item's age in seconds, measured each round. */
  lagSeconds(): number;
}

export function createEngine(options: Omit<EngineContext, 'outboxLeaseSeconds' | 'channels'> & {
  channels: Config['channels'] | ChannelsConfig;
  outboxLeaseSeconds?: number;
  modules?: EngineModule[];
  safetyCycleMs?: number;
}): Engine {
  const ctx: EngineContext = {
    database: options.database,
    clock: options.clock,
    log: options.log,
    settings: options.settings,
    // Sends are checked against the same outbound policy as saves.
    channels: { ...options.channels, outbound: options.settings.outbound },
    outboxLeaseSeconds: options.outboxLeaseSeconds ?? DEFAULT_OUTBOX_LEASE_SECONDS,
  };
  // The check runner holds this engine's leases, so each engine gets its own.
  const modules = options.modules ?? [...DEFAULT_MODULES, checkRunnerModule()];
  const cycle = options.safetyCycleMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = true;
  let lag = 0;
  const unlisten: (() => Promise<void>)[] = [];

  const lastRun = new Map<string, number>();
  async function runOnce(skip?: (module: string) => boolean): Promise<number> {
    let handled = 0;
    for (const m of modules) {
      if (skip && handled === 0 && skip(m.name)) continue;
      const now = ctx.clock.now().getTime();
      const last = lastRun.get(m.name);
      // A clock set back (tests) makes the module due again.
      if (m.everyMs && last !== undefined && now >= last && now - last < m.everyMs) continue;
      lastRun.set(m.name, now);
      try {
        handled += await m.tick(ctx);
      } catch (error) {
        // One failing module must not stop the others; the row stays due and is
        // retried, and a module of slow cadence runs again next round, not next slot.
        lastRun.delete(m.name);
        if (isDatabaseUnavailable(error)) ctx.log.event('DB_UNAVAILABLE', { module: m.name, reason: error.reason });
        else ctx.log.event('ENGINE_MODULE_FAILED', { module: m.name, err: { message: (error as Error).message, stack: (error as Error).stack } });
      }
    }
    return handled;
  }

  async function runUntilIdle(maxRounds = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const started = ctx.clock.now().getTime();
      const n = await runOnce();
      lag = Math.max(0, (ctx.clock.now().getTime() - started) / 1000);
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(loop, delay);
  }

  function loop() {
    if (running) {
      again = true; // a wake-up during a round: go round once more
      return;
    }
    again = false;
    running = runUntilIdle().finally(() => {
      running = undefined;
      schedule(again ? 0 : cycle);
    });
  }

  return {
    runOnce,
    runUntilIdle,
    wake: () => schedule(0),
    lagSeconds: () => lag,
    async start() {
      stopped = false;
      for (const channel of [ENGINE_CHANNEL, OUTBOX_CHANNEL]) unlisten.push(await ctx.database.listen(channel, () => loop()));
      for (const m of modules) m.start?.(ctx);
      ctx.log.event('ENGINE_STARTED', { modules: modules.map((m) => m.name) });
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(unlisten.splice(0).map((u) => u()));
      await running;
      await Promise.all(modules.map((m) => m.stop?.()));
    },
  };
}
