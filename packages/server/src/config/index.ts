import path from 'node:path';
import { z } from 'zod';
import { PASSWORD_COST, type ScryptCost } from '../lib/crypto.js';
import { NOTHING_ALLOWED, parseAllowList, type AllowList } from '../lib/outbound.js';

/**
 * The only place that reads the environment. Every variable is declared here once,
 * with its default and description, so `operable serve --help` and the README table
 * come from the same list that validates start-up.
 */
interface VariableSpec {
  name: string;
  description: string;
  default?: string;
  schema: z.ZodType;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** `host:port`, IPv6 hosts in brackets: `127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`. */
const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/, 'must be host:port, e.g. 127.0.0.1:9464')
  .transform((v) => {
    const at = v.lastIndexOf(':');
    return { host: v.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(v.slice(at + 1)) };
  })
  .pipe(z.object({ host: z.string(), port: z.number().int().max(65535) }));
const allowList = z.string().transform((text, ctx) => {
  const parsed = parseAllowList(text);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
  .pipe(z.url());

export const VARIABLES = [
  { name: 'PORT', description: 'TCP port of the HTTP server', default: '8080', schema: port },
  { name: 'HOST', description: 'Address the HTTP server binds to', default: '127.0.0.1', schema: z.string().min(1) },
  {
    name: 'DATABASE_URL',
    description: 'PostgreSQL ≥ 14 connection URL; unset runs the embedded database (PGlite)',
    schema: postgresUrl.optional(),
  },
  {
    name: 'DATABASE_POOL_SIZE',
    description: 'Connections per process when DATABASE_URL is set (plus up to 4 that only the ingest write uses)',
    default: '10',
    schema: positiveInt.max(200),
  },
  {
    name: 'OPERABLE_DATA_DIR',
    description: 'Directory of the embedded database (used when DATABASE_URL is unset); `memory://` keeps it in memory',
    default: './data',
    schema: z.string().min(1),
  },
  {
    name: 'OPERABLE_PUBLIC_URL',
    description: 'Base URL people reach Operable at, used in links (default http://HOST:PORT)',
    schema: z.url({ protocol: /^https?$/ }).optional(),
  },
  {
    name: 'OPERABLE_LOG_LEVEL',
    description: 'Lowest severity written to the log (events mapped below it are dropped)',
    default: 'info',
    schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
  },
  {
    name: 'OPERABLE_SECRET',
    description: 'Key for signed links (≥ 32 chars); unset = a random key generated once and kept in the database',
    schema: z.string().min(32).optional(),
  },
  {
    name: 'OPERABLE_SESSION_HOURS',
    description: 'How long a sign-in session lasts without use',
    default: '168',
    schema: positiveInt.max(24 * 90),
  },
  {
    name: 'OPERABLE_TRUST_PROXY',
    description: 'Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy',
    default: 'false',
    schema: bool,
  },
  {
    name: 'OPERABLE_SIGNIN_LIMIT_ACCOUNT',
    description: 'Failed sign-ins allowed per account per 15 minutes',
    default: '10',
    schema: positiveInt,
  },
  {
    name: 'OPERABLE_SIGNIN_LIMIT_ADDRESS',
    description: 'Failed sign-ins allowed per client address per 15 minutes',
    default: '30',
    schema: positiveInt,
  },
  {
    name: 'OPERABLE_API_BODY_LIMIT',
    description: 'Largest accepted API request body, in bytes',
    default: '1048576',
    schema: positiveInt,
  },
  {
    name: 'OPERABLE_ADMIN_EMAIL',
    description: 'Email of the admin created on the first start of an empty database',
    default: 'admin@operable.local',
    schema: z.email(),
  },
  {
    name: 'OPERABLE_SMTP_URL',
    description: 'SMTP server for email notifications, e.g. smtp://user:pass@mail:587 (unset = no email)',
    schema: z.url({ protocol: /^smtps?$/ }).optional(),
  },
  {
    name: 'OPERABLE_MAIL_FROM',
    description: 'From address of notification email',
    default: 'Operable <operable@localhost>',
    schema: z.string().min(3),
  },
  {
    name: 'OPERABLE_TWILIO_BASE_URL',
    description: 'Twilio API base URL (change to point at a test double)',
    default: 'https://api.twilio.com',
    schema: z.url({ protocol: /^https?$/ }),
  },
  { name: 'OPERABLE_TWILIO_ACCOUNT_SID', description: 'Twilio account SID for SMS and voice (unset = no SMS/voice)', schema: z.string().min(1).optional() },
  { name: 'OPERABLE_TWILIO_AUTH_TOKEN', description: 'Twilio auth token; also checks signatures of inbound SMS replies', schema: z.string().min(1).optional() },
  { name: 'OPERABLE_TWILIO_FROM', description: 'Twilio phone number messages and calls come from (E.164)', schema: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +15550100').optional() },
  {
    name: 'OPERABLE_NTFY_BASE_URL',
    description: 'ntfy server for push notifications',
    default: 'https://ntfy.sh',
    schema: z.url({ protocol: /^https?$/ }),
  },
  { name: 'OPERABLE_NTFY_TOKEN', description: 'ntfy access token (optional)', schema: z.string().min(1).optional() },
  {
    name: 'OPERABLE_SLACK_BOT_TOKEN',
    description: 'Slack bot token (xoxb-…) with channels:manage and chat:write: lets an incident create its own Slack channel (unset = no channels)',
    schema: z.string().min(8).optional(),
  },
  {
    name: 'OPERABLE_SLACK_API_URL',
    description: 'Slack Web API base URL (change to point at a test double)',
    default: 'https://slack.com/api',
    schema: z.url({ protocol: /^https?$/ }),
  },
  {
    name: 'OPERABLE_OUTBOUND_ALLOW',
    description:
      'Internal addresses webhook, Slack and Teams URLs may reach anyway: comma-separated CIDRs and host names, e.g. 10.1.2.0/24,hooks.internal (unset = public addresses only)',
    schema: allowList.optional(),
  },
  {
    name: 'OPERABLE_ENGINE_CYCLE_SECONDS',
    description: 'Safety cycle of the engine; work is normally woken at once by LISTEN/NOTIFY',
    default: '5',
    schema: positiveInt.max(300),
  },
  {
    name: 'OPERABLE_OUTBOX_LEASE_SECONDS',
    description: 'Lease on an outbound message being sent, renewed every third of it while the send runs: how soon another process retries the sends of one that died',
    default: '15',
    schema: positiveInt.min(5).max(3600),
  },
  {
    name: 'OPERABLE_METRICS_TOKEN',
    description: 'Bearer token Prometheus must send to read /metrics (≥ 16 chars); with this and OPERABLE_METRICS_LISTEN unset, /metrics is off',
    schema: z.string().min(16).optional(),
  },
  {
    name: 'OPERABLE_METRICS_LISTEN',
    description: 'host:port of a separate listener that serves only /metrics (e.g. 127.0.0.1:9464), in every role; the main port then does not serve it',
    schema: hostPort.optional(),
  },
  {
    name: 'OPERABLE_WEB_DIR',
    description: 'Directory of the built web UI (default: the bundled packages/web/dist)',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'OPERABLE_STATUSPAGE_DIR',
    description: 'Directory the public status page is written to as static files after every change (and by `operable statuspage publish`); unset = not written',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'OPERABLE_STATUSPAGE_PUBLISH_COMMAND',
    description: 'Shell command run in OPERABLE_STATUSPAGE_DIR after each write, to upload it to a static host or CDN (e.g. rsync or a CLI upload)',
    schema: z.string().min(1).optional(),
  },
] as const satisfies readonly VariableSpec[];

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  publicUrl: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  secret: string | undefined;
  sessionHours: number;
  trustProxy: boolean;
  signInLimits: { perAccount: number; perAddress: number; windowMinutes: number };
  apiBodyLimit: number;
  webDir: string | undefined;
  adminEmail: string;
  channels: {
    smtp?: { url: string; from: string };
    twilio?: { baseUrl: string; accountSid: string; authToken: string; from: string };
    ntfy: { baseUrl: string; token?: string };
  };
  /** Slack Web API for incident channels; unset without a bot token. */
  slack?: { botToken: string; apiUrl: string };
  /** Exceptions to "user-given URLs reach public addresses only" (lib/outbound.ts). */
  outboundAllow: AllowList;
  engineCycleSeconds: number;
  outboxLeaseSeconds: number;
  /** Where /metrics is served: nowhere unless a token or a listener of its own is set. */
  metrics: { token?: string; listen?: { host: string; port: number } };
  /** The status page as static files: where to write them after each change, and what to run then. */
  statuspage: { dir?: string; publishCommand?: string };
  /** Not an environment variable: always OWASP's cost, except in tests that lower it to stay fast. */
  passwordCost: ScryptCost;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: { variable: string; message: string }[] = [];
  for (const spec of VARIABLES) {
    const raw = env[spec.name];
    const input = raw === undefined || raw === '' ? ('default' in spec ? spec.default : undefined) : raw;
    const parsed = (spec.schema as z.ZodType).safeParse(input);
    if (parsed.success) values[spec.name] = parsed.data;
    else problems.push({ variable: spec.name, message: `${parsed.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(raw)})` });
  }
  if (problems.length) throw new ConfigError(problems);

  const v = values as Record<string, any>;
  const dataDir: string = v.OPERABLE_DATA_DIR;
  return {
    port: v.PORT,
    host: v.HOST,
    database: v.DATABASE_URL
      ? { kind: 'postgres', url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir) },
    publicUrl: (v.OPERABLE_PUBLIC_URL ?? `http://${v.HOST.includes(':') ? `[${v.HOST}]` : v.HOST}:${v.PORT}`).replace(/\/+$/, ''),
    logLevel: v.OPERABLE_LOG_LEVEL,
    secret: v.OPERABLE_SECRET,
    sessionHours: v.OPERABLE_SESSION_HOURS,
    trustProxy: v.OPERABLE_TRUST_PROXY,
    signInLimits: { perAccount: v.OPERABLE_SIGNIN_LIMIT_ACCOUNT, perAddress: v.OPERABLE_SIGNIN_LIMIT_ADDRESS, windowMinutes: 15 },
    apiBodyLimit: v.OPERABLE_API_BODY_LIMIT,
    webDir: v.OPERABLE_WEB_DIR,
    adminEmail: v.OPERABLE_ADMIN_EMAIL.toLowerCase(),
    channels: {
      ...(v.OPERABLE_SMTP_URL ? { smtp: { url: v.OPERABLE_SMTP_URL, from: v.OPERABLE_MAIL_FROM } } : {}),
      ...(v.OPERABLE_TWILIO_ACCOUNT_SID && v.OPERABLE_TWILIO_AUTH_TOKEN && v.OPERABLE_TWILIO_FROM
        ? {
            twilio: {
              baseUrl: v.OPERABLE_TWILIO_BASE_URL,
              accountSid: v.OPERABLE_TWILIO_ACCOUNT_SID,
              authToken: v.OPERABLE_TWILIO_AUTH_TOKEN,
              from: v.OPERABLE_TWILIO_FROM,
            },
          }
        : {}),
      ntfy: { baseUrl: v.OPERABLE_NTFY_BASE_URL, ...(v.OPERABLE_NTFY_TOKEN ? { token: v.OPERABLE_NTFY_TOKEN } : {}) },
    },
    ...(v.OPERABLE_SLACK_BOT_TOKEN ? { slack: { botToken: v.OPERABLE_SLACK_BOT_TOKEN, apiUrl: v.OPERABLE_SLACK_API_URL.replace(/\/+$/, '') } } : {}),
    outboundAllow: v.OPERABLE_OUTBOUND_ALLOW ?? NOTHING_ALLOWED,
    engineCycleSeconds: v.OPERABLE_ENGINE_CYCLE_SECONDS,
    outboxLeaseSeconds: v.OPERABLE_OUTBOX_LEASE_SECONDS,
    metrics: {
      ...(v.OPERABLE_METRICS_TOKEN ? { token: v.OPERABLE_METRICS_TOKEN } : {}),
      ...(v.OPERABLE_METRICS_LISTEN ? { listen: v.OPERABLE_METRICS_LISTEN } : {}),
    },
    statuspage: {
      ...(v.OPERABLE_STATUSPAGE_DIR ? { dir: path.resolve(v.OPERABLE_STATUSPAGE_DIR) } : {}),
      ...(v.OPERABLE_STATUSPAGE_PUBLISH_COMMAND ? { publishCommand: v.OPERABLE_STATUSPAGE_PUBLISH_COMMAND } : {}),
    },
    passwordCost: PASSWORD_COST,
  };
}

/** The variables as a table, for `--help` and the README. */
export function describeVariables(): string {
  const rows = VARIABLES.map((s) => [s.name, 'default' in s ? s.default : '(unset)', s.description]);
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  return rows.map(([n, d, desc]) => `  ${n!.padEnd(w0)}  ${d!.padEnd(w1)}  ${desc}`).join('\n');
}
