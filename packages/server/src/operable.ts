import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { refreshLogLevels } from './admin/index.js';
import { registerCheckSli } from './check-sli.js';
import { ensureFirstAdmin, resolveSecret } from './auth/index.js';
import type { Config } from './config/index.js';
import { inTransaction, migrate, openDatabase, UNAVAILABLE_RETRY_AFTER_SECONDS, type Database } from './db/index.js';
import { createEngine, engineLagSeconds, type Engine } from './engine/index.js';
import { closeEmailTransports, outboxDepth } from './notify/index.js';
import { createApp, createMetricsApp, statuspageNodeHandler, type App, type AppDeps } from './http/index.js';
import { systemClock, type Clock } from './lib/clock.js';
import { SYSTEM_ACTOR, type Ctx, type Settings } from './lib/context.js';
import { createLogger, LogLevels, type Logger } from './lib/logger.js';
import { createMetrics } from './lib/metrics.js';
import { outboundPolicy, type Resolver } from './lib/outbound.js';
import { checkHealth } from './checks/index.js';
import { getIncident } from './incidents/index.js';
import { DomainError } from './lib/errors.js';
import { ErrorCode } from '@operable/shared';
import { linkedSource, publicSite, registerInternalIncidents, registerStatusSource, startPublisher } from './statuspage/index.js';
import type { DestinationStream } from 'pino';

export type Role = 'all' | 'api' | 'engine';

export interface Operable {
  app: App;
  /** What OPERABLE_METRICS_LISTEN serves: /metrics alone. */
  metricsApp: ReturnType<typeof createMetricsApp>;
  deps: AppDeps;
  engine: Engine;
  /** Set on the first start of an empty database: the one-time link for the first admin. */
  firstAdmin: { email: string; url: string; expiresAt: string } | null;
  /** The public status page's documents straight on Node's request/response; false: not one of them, ask the app. */
  statuspageFastPath: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Set when OPERABLE_STATUSPAGE_DIR is: writes (and publishes) the status page after each change. */
  statuspagePublisher?: { idle(): Promise<void> };
  /** A ctx for admin work outside HTTP (CLI verbs, tests). */
  systemCtx(db?: Database['db']): Ctx;
  close(): Promise<void>;
}

export interface OpenOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  /** How host names of outbound URLs are resolved (tests: a fixed table, so DNS answers are deterministic). */
  resolveHost?: Resolver;
}

const LOG_LEVEL_REFRESH_MS = 15_000;

/** Opens the database, migrates, and builds the app: everything but listening. */
export async function openOperable(config: Config, options: OpenOptions = {}): Promise<Operable> {
  registerCheckSli();
  const logLevels = new LogLevels();
  const log = createLogger({ minLevel: config.logLevel, levels: logLevels, destination: options.logDestination });
  const metrics = createMetrics();
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database, metrics, undefined, log);
  log.event('DB_CONNECTED', { kind: database.kind });
  await migrate(database, log);
  await refreshLogLevels(database.db, logLevels);

  const settings: Settings = {
    publicUrl: config.publicUrl,
    secret: await resolveSecret(database.db, config.secret),
    sessionHours: config.sessionHours,
    signInLimits: config.signInLimits,
    passwordCost: config.passwordCost,
    outbound: outboundPolicy(config.outboundAllow, options.resolveHost),
    ...(config.slack ? { slack: config.slack } : {}),
  };
  const systemCtx = (db = database.db): Ctx => ({ actor: SYSTEM_ACTOR, db, clock, log, requestId: 'system', settings });
  const firstAdmin = await inTransaction(database.db, (db) => ensureFirstAdmin(systemCtx(db), config.adminEmail));

  const deps: AppDeps = { config, database, clock, log, logLevels, metrics, settings };
  // Status page components may follow synthetic checks; neither domain imports the other.
  registerStatusSource(linkedSource('check', checkHealth));
  // Public incidents draft updates from the internal incident they are linked to (read as the asking person).
  registerInternalIncidents(async (ctx, id) => {
    try {
      const i = await getIncident(ctx, id);
      return { id: i.id, number: i.number, title: i.title, updates: i.updates.map((u) => ({ id: u.id, at: u.at, status: u.status, body: u.body, author: u.author.name, nextUpdateAt: u.nextUpdateAt })) };
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
  });
  const engine = createEngine({ database, clock, log, settings, channels: config.channels, safetyCycleMs: config.engineCycleSeconds * 1000, outboxLeaseSeconds: config.outboxLeaseSeconds });
  metrics.engineGauges({
    lagSeconds: () => engineLagSeconds(database.db, clock.now()),
    outboxDepth: async () => (await outboxDepth(database.db)).pending,
  });
  const { dir, publishCommand } = config.statuspage;
  const statuspagePublisher = dir ? startPublisher(publicSite(database.db, clock, settings.publicUrl, log), { dir, command: publishCommand, log }) : undefined;
  const refresher = setInterval(() => void refreshLogLevels(database.db, logLevels).catch(() => {}), LOG_LEVEL_REFRESH_MS);
  refresher.unref();

  return {
    app: createApp(deps),
    statuspageFastPath: statuspageNodeHandler(deps),
    metricsApp: createMetricsApp(deps),
    deps,
    engine,
    firstAdmin,
    ...(statuspagePublisher ? { statuspagePublisher } : {}),
    systemCtx,
    async close() {
      clearInterval(refresher);
      await statuspagePublisher?.idle();
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
  /** Set when OPERABLE_METRICS_LISTEN is. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

const STARTING = () => Response.json({ error: { code: 'unavailable', message: 'Starting up' } }, { status: 503, headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } });
const hostUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number, fast?: FastPath): Promise<{ server: ServerType; port: number }> {
  // The status page's public documents are answered before Hono sees the request (the lean path).
  const withFastPath = ((options: object, listener: (req: IncomingMessage, res: ServerResponse) => void) =>
    createServer(options, (req, res) => {
      if (!fast?.(req, res)) listener(req, res);
    })) as unknown as typeof createServer;
  return new Promise((resolve, reject) => {
    const server: ServerType = serve({ fetch, hostname, port, ...(fast ? { createServer: withFastPath } : {}) }, (info) => resolve({ server, port: info.port }));
    server.once('error', reject);
  });
}

const close = (server: ServerType | undefined) => (server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve());

/**
 * `operable serve`: listens (roles all/api) and runs the engine (roles all/engine);
 * OPERABLE_METRICS_LISTEN adds a /metrics listener in every role (an engine-only
 * process has no other port to be scraped on). Ports are bound before touching the
 * database, so a port in use fails before the first admin (and its one-time link)
 * is created, and PORT=0 links carry the real port. Until the database is ready
 * every request gets 503.
 */
export async function startServer(config: Config, role: Role = 'all', options: OpenOptions = {}): Promise<RunningServer> {
  const started = performance.now();
  let operable: Operable | undefined;
  let main: { server: ServerType; port: number } | undefined;
  let metrics: { server: ServerType; port: number } | undefined;
  const closeServers = () => Promise.all([close(main?.server), close(metrics?.server)]);
  try {
    if (role !== 'engine') main = await listen((req) => operable?.app.fetch(req) ?? STARTING(), config.host, config.port, (req, res) => operable?.statuspageFastPath(req, res) ?? false);
    const m = config.metrics.listen;
    if (m) metrics = await listen((req) => operable?.metricsApp.fetch(req) ?? STARTING(), m.host, m.port);
  } catch (error) {
    await closeServers();
    throw error;
  }
  const port = main?.port ?? config.port;
  const effective = config.port === 0 ? { ...config, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`) } : config;
  try {
    operable = await openOperable(effective, options);
  } catch (error) {
    await closeServers();
    throw error;
  }
  if (role !== 'api') await operable.engine.start();
  const url = hostUrl(config.host, port);
  const metricsUrl = metrics && config.metrics.listen ? `${hostUrl(config.metrics.listen.host, metrics.port)}/metrics` : undefined;
  const serving = metricsUrl ?? (role === 'engine' ? 'nowhere' : config.metrics.token ? `${url}/metrics with its token` : 'off');
  operable.deps.log.event('SERVER_STARTED', { role, url, database: operable.deps.database.kind, metrics: serving, startupMs: Math.round(performance.now() - started) });
  const running = operable;
  return {
    operable: running,
    url,
    port,
    ...(metricsUrl ? { metricsUrl } : {}),
    async stop() {
      running.deps.log.event('SERVER_STOPPING', { role });
      await closeServers();
      await running.close();
    },
  };
}

export type { Logger };
