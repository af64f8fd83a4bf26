import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { cleanupModule } from './cleanup.js';

/**
 * Background work as small idempotent modules. Each tick runs every module once;
 * modules claim their own rows, so any number of engine processes can run.
 * Later issues add escalation, notification and outbox modules here.
 */
export interface EngineModule {
  name: string;
  /** Does whatever is due at `now`; returns how many items it handled. */
  tick(database: Database, now: Date, log: Logger): Promise<number>;
}

export interface Engine {
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createEngine(options: {
  database: Database;
  clock: Clock;
  log: Logger;
  modules?: EngineModule[];
  safetyCycleMs?: number;
}): Engine {
  const modules = options.modules ?? [cleanupModule];
  const cycle = options.safetyCycleMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function runOnce(): Promise<number> {
    let handled = 0;
    for (const m of modules) handled += await m.tick(options.database, options.clock.now(), options.log);
    return handled;
  }

  function loop() {
    running = runOnce()
      .catch((err) => {
        options.log.event('DB_QUERY_FAILED', { module: 'engine', err: { message: (err as Error).message } });
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(loop, cycle);
      });
  }

  return {
    runOnce,
    start() {
      options.log.event('ENGINE_STARTED', { modules: modules.map((m) => m.name) });
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
