import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Actor, Settings } from '../lib/context.js';
import type { Logger, LogLevels } from '../lib/logger.js';
import type { Metrics } from '../lib/metrics.js';

/** Everything the HTTP layer needs from the running instance. */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  logLevels: LogLevels;
  metrics: Metrics;
  settings: Settings;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    actor: Actor;
    /** Set when the request is authenticated by the session cookie. */
    session?: { token: string; csrfToken: string };
  };
}
