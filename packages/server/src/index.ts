/** The server's public surface, used by the CLI and by tests. */
export { loadConfig, describeVariables, ConfigError, VARIABLES, type Config } from './config/index.js';
export { openDatabase, migrate, pendingMigrations, inTransaction, type Database } from './db/index.js';
export { openOperable, startServer, type Operable, type RunningServer, type Role } from './operable.js';
export { FakeClock, systemClock, type Clock } from './lib/clock.js';
export { SYSTEM_ACTOR, type Ctx, type Actor } from './lib/context.js';
export { DomainError } from './lib/errors.js';
export * as auth from './auth/index.js';
export * as catalog from './catalog/index.js';
export * as checks from './checks/index.js';
export * as replay from './replay/index.js';
export * as statuspage from './statuspage/index.js';
export { loadDemo, DEMO_TEAMS } from './demo/index.js';
export * as health from './health/index.js';
