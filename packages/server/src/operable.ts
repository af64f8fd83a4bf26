import { serve, type ServerType } from '@hono/node-server';
import { refreshLogLevels } from './admin/index.js';
import { ensureFirstAdmin, resolveSecret } from './auth/index.js';
import type { Config } from './config/index.js';
import { inTransaction, migrate, openDatabase, UNAVAILABLE_RETRY_AFTER_SECONDS, type Database } from './db/index.js';
import { createEngine, engineLagSeconds, type Engine } from './engine/index.js';
import { closeEmailTransports, outboxDepth } from './notify/index.js';
import { createApp, type App, type AppDeps } from './http/index.js';
import { systemClock, type Clock } from './lib/clock.js';
import { SYSTEM_ACTOR, type Ctx, type Settings } from './lib/context.js';
import { createLogger, LogLevels, type Logger } from './lib/logger.js';
import { createMetrics } from './lib/metrics.js';
import type { PGlite } from '@electric-sql/pglite';
import type { DestinationStream } from 'pino';

export type Role = 'all' | 'api' | 'engine';

export interface Operable {
  app: App;
  deps: AppDeps;
  engine: Engine;
  /** Set on the first start of an empty database: the one-time link for the first admin. */
  firstAdmin: { email: string; url: string; expiresAt: string } | null;
  /** A ctx for admin work outside HTTP (CLI verbs, tests). */
  systemCtx(db?: Database['db']): Ctx;
  close(): Promise<void>;
}

export interface OpenOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  /** An already-open embedded database (tests clone a migrated template). */
  pglite?: PGlite;
}

const LOG_LEVEL_REFRESH_MS = 15_000;

/** Opens the database, migrates, and builds the app: everything but listening. */
export async function openOperable(config: Config, options: OpenOptions = {}): Promise<Operable> {
  const logLevels = new LogLevels();
  const log = createLogger({ minLevel: config.logLevel, levels: logLevels, destination: options.logDestination });
  const metrics = createMetrics();
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database, metrics, options.pglite, log);
  log.event('DB_CONNECTED', { kind: database.kind });
  await migrate(database, log);
  await refreshLogLevels(database.db, logLevels);

  const settings: Settings = {
    publicUrl: config.publicUrl,
    secret: await resolveSecret(database.db, config.secret),
    sessionHours: config.sessionHours,
    signInLimits: config.signInLimits,
  };
  const systemCtx = (db = database.db): Ctx => ({ actor: SYSTEM_ACTOR, db, clock, log, requestId: 'system', settings });
  const firstAdmin = await inTransaction(database.db, (db) => ensureFirstAdmin(systemCtx(db), config.adminEmail));

  const deps: AppDeps = { config, database, clock, log, logLevels, metrics, settings };
  const engine = createEngine({ database, clock, log, settings, channels: config.channels, safetyCycleMs: config.engineCycleSeconds * 1000, outboxLeaseSeconds: config.outboxLeaseSeconds });
  metrics.engineGauges({
    lagSeconds: () => engineLagSeconds(database.db, clock.now()),
    outboxDepth: async () => (await outboxDepth(database.db)).pending,
  });
  const refresher = setInterval(() => void refreshLogLevels(database.db, logLevels).catch(() => {}), LOG_LEVEL_REFRESH_MS);
  refresher.unref();

  return {
    app: createApp(deps),
    deps,
    engine,
    firstAdmin,
    systemCtx,
    async close() {
      clearInterval(refresher);
      await engine.stop();
      closeEmailTransports();
      await database.close();
    },
  };
}

export interface RunningServer {
  operable: Operable;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * `operable serve`: listens (roles all/api) and runs the engine (roles all/engine).
 * It binds the port before touching the database, so a port in use fails before
 * the first admin (and its one-time link) is created, and PORT=0 links carry the
 * real port. Until the database is ready every request gets 503.
 */
export async function startServer(config: Config, role: Role = 'all', options: OpenOptions = {}): Promise<RunningServer> {
  const started = performance.now();
  let operable: Operable | undefined;
  let server: ServerType | undefined;
  let port = config.port;
  if (role !== 'engine') {
    port = await new Promise<number>((resolve, reject) => {
      server = serve(
        {
          fetch: (req) =>
            operable?.app.fetch(req) ??
            Response.json({ error: { code: 'unavailable', message: 'Starting up' } }, { status: 503, headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } }),
          hostname: config.host,
          port: config.port,
        },
        (info) => resolve(info.port),
      );
      server.once('error', reject);
    });
  }
  const closeServer = () => (server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve());
  const effective = config.port === 0 ? { ...config, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`) } : config;
  try {
    operable = await openOperable(effective, options);
  } catch (error) {
    await closeServer();
    throw error;
  }
  if (role !== 'api') await operable.engine.start();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  operable.deps.log.event('SERVER_STARTED', { role, url, database: operable.deps.database.kind, startupMs: Math.round(performance.now() - started) });
  const running = operable;
  return {
    operable: running,
    url,
    port,
    async stop() {
      running.deps.log.event('SERVER_STOPPING', { role });
      await closeServer();
      await running.close();
    },
  };
}

export type { Logger };
