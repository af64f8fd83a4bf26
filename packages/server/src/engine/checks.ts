import { CheckRunner, rollUpChecks, type RunnerOptions } from '../checks/index.js';
import type { EngineModule } from './index.js';

/** How often a started engine looks for due checks between rounds: slots are kept to about a second. */
export const CHECK_POLL_MS = 1_000;

/** How long stopping waits for probes in flight. */
const STOP_WAIT_MS = 5_000;

/**
 * Synthetic checks, one runner per engine (its leases carry the engine's name). The
 * engine's rounds come every few seconds or on a page; checks are due every second of
 * the day, so a started engine also polls on its own clock. Probes run in the
 * background: a slow target never holds up escalations.
 */
export function checkRunnerModule(options: RunnerOptions = {}): EngineModule & { runner: CheckRunner } {
  const runner = new CheckRunner(options);
  let stopPolling: (() => void) | undefined;
  return {
    name: 'checks',
    runner,
    tick: (ctx) => runner.tick(ctx),
    start(ctx) {
      stopPolling = ctx.clock.every(CHECK_POLL_MS, () =>
        runner.tick(ctx).catch((error: Error) => ctx.log.event('ENGINE_MODULE_FAILED', { module: 'checks', err: { message: error.message, stack: error.stack } })),
      );
    },
    async stop() {
      stopPolling?.();
      // Probes finishing now are recorded; a hung one is not waited for (up to its
      // timeout): its lease runs out and another engine, or the next start, runs it.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([runner.idle(), new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
}

/** Rolls raw results up per minute, hour and day, and prunes what is past its retention. */
export const checkRollupModule: EngineModule = {
  name: 'check-rollups',
  everyMs: 60_000,
  tick: (ctx) => rollUpChecks(ctx.database.db, ctx.clock.now(), ctx.log),
};
