import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

/**
 * Synthetic checks: the server probes a target on an interval, as a user would, and a
 * check that keeps failing raises an alert on its service (recovery resolves it).
 * Heartbeats (a job calling in) stay integrations of kind `heartbeat`.
 */

export const CHECK_KINDS = ['http', 'tcp', 'tls', 'dns'] as const;
export const CheckKind = z.enum(CHECK_KINDS);
export type CheckKind = z.infer<typeof CheckKind>;

export const CHECK_STATES = ['pending', 'up', 'down'] as const;
export const CheckState = z.enum(CHECK_STATES);
export type CheckState = z.infer<typeof CheckState>;

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export const MIN_CHECK_INTERVAL_SECONDS = 20;
export const MAX_CHECK_INTERVAL_SECONDS = 24 * 60 * 60;

const HostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.:-]+)$/, 'Expected a host name or IP address');
const Port = z.number().int().min(1).max(65535);
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'Not a valid header name');
const HeaderValue = z.string().max(2000).regex(/^[^\r\n]*$/, 'Header values cannot contain line breaks');

const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      return ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, 'Expected an http:// or https:// URL');

const Common = {
  name: Name,
  serviceId: Id.describe('The service whose alert the check raises when it goes down'),
  intervalSeconds: z.number().int().min(MIN_CHECK_INTERVAL_SECONDS).max(MAX_CHECK_INTERVAL_SECONDS).default(60).describe('20 s to 24 h'),
  timeoutSeconds: z.number().int().min(1).max(60).default(10),
  retries: z.number().int().min(0).max(10).default(1).describe('Failed probes in a row tolerated before the check is declared down'),
  allowInternal: z.boolean().default(false).describe('Let the check reach private and loopback addresses (admins only)'),
  paused: z.boolean().default(false),
};

export const HttpCheckSettings = z
  .object({
    url: HttpUrl,
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']).default('GET'),
    headers: z.record(HeaderName, HeaderValue).refine((h) => Object.keys(h).length <= 30, 'At most 30 headers').default({}),
    expectedStatus: z.array(z.number().int().min(100).max(599)).max(20).default([]).describe('Accepted status codes; empty accepts any 2xx'),
    keyword: z.string().min(1).max(500).nullable().default(null).describe('Text looked for in the body (first MiB)'),
    keywordMode: z.enum(['present', 'absent']).default('present'),
    maxLatencyMs: z.number().int().min(1).max(60000).nullable().default(null).describe('Slower than this counts as down'),
    followRedirects: z.boolean().default(true),
    verifyTls: z.boolean().default(true),
  })
  .strict();

export const TcpCheckSettings = z.object({ host: HostName, port: Port }).strict();

export const TlsCheckSettings = z
  .object({
    host: HostName,
    port: Port.default(443),
    minDaysLeft: z.number().int().min(0).max(365).default(14).describe('Down when the certificate expires in fewer days'),
    verifyTls: z.boolean().default(true),
  })
  .strict();

export const DnsCheckSettings = z
  .object({
    name: HostName,
    recordType: z.enum(DNS_RECORD_TYPES).default('A'),
    expected: z.string().trim().min(1).max(500).nullable().default(null).describe('A value one of the answers must equal (case-insensitive); null: any answer'),
    server: z
      .string()
      .trim()
      .max(60)
      .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d{1,5})?$/, 'Expected an IP address, optionally with :port')
      .nullable()
      .default(null)
      .describe('Name server to ask (IP[:port]); null uses the server’s resolver'),
  })
  .strict();

export const CheckInput = z.discriminatedUnion('kind', [
  z.object({ ...Common, kind: z.literal('http'), http: HttpCheckSettings }).strict(),
  z.object({ ...Common, kind: z.literal('tcp'), tcp: TcpCheckSettings }).strict(),
  z.object({ ...Common, kind: z.literal('tls'), tls: TlsCheckSettings }).strict(),
  z.object({ ...Common, kind: z.literal('dns'), dns: DnsCheckSettings }).strict(),
]);
export type CheckInput = z.infer<typeof CheckInput>;
export type CheckInputIn = z.input<typeof CheckInput>;

export const CheckSettings = z.union([HttpCheckSettings, TcpCheckSettings, TlsCheckSettings, DnsCheckSettings]);

export const ProbeOutcome = z.object({
  ok: z.boolean(),
  latencyMs: z.number().int().nullable(),
  message: z.string().describe('What the probe saw, for people: "200 OK in 84 ms", "connection refused", "certificate expires in 3 days"'),
});
export type ProbeOutcome = z.infer<typeof ProbeOutcome>;

export const CheckSummary = z.object({
  id: Id,
  name: z.string(),
  kind: CheckKind,
  target: z.string(),
  serviceId: Id,
  serviceName: z.string(),
  teamId: Id.describe('The team owning the service: its responders may edit the check'),
  state: CheckState,
  paused: z.boolean(),
  stateChangedAt: Timestamp.nullable(),
  lastRunAt: Timestamp.nullable(),
  lastOk: z.boolean().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastMessage: z.string().nullable(),
  recent: z.array(z.number().int()).describe('The last probes’ latencies in ms, oldest first; -1 for a failed probe'),
  intervalSeconds: z.number().int(),
  nextAt: Timestamp,
});
export type CheckSummary = z.infer<typeof CheckSummary>;

export const CheckList = z.object({ items: z.array(CheckSummary) });

export const CheckAlert = z.object({ id: Id, number: z.number().int(), status: z.string(), summary: z.string(), createdAt: Timestamp, resolvedAt: Timestamp.nullable() });

export const Check = CheckSummary.extend({
  timeoutSeconds: z.number().int(),
  retries: z.number().int(),
  allowInternal: z.boolean(),
  failures: z.number().int().describe('Failed probes in a row'),
  http: HttpCheckSettings.nullable(),
  tcp: TcpCheckSettings.nullable(),
  tls: TlsCheckSettings.nullable(),
  dns: DnsCheckSettings.nullable(),
  uptime: z.object({ day: z.number().nullable(), week: z.number().nullable(), month: z.number().nullable() }).describe('Share of probes that passed (0–1) over the last 24 h, 7 and 30 days; null without probes'),
  alerts: z.array(CheckAlert).describe('The alerts this check raised, newest first (up to 20)'),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
});
export type Check = z.infer<typeof Check>;

export const CheckResolution = z.enum(['raw', 'minute', 'hour', 'day']);
export type CheckResolution = z.infer<typeof CheckResolution>;

export const CheckSeriesQuery = z.object({
  resolution: CheckResolution.default('minute'),
  from: Timestamp.optional().describe('Default: as far back as 120 points of the resolution'),
  to: Timestamp.optional().describe('Default: now'),
});

export const CheckPoint = z.object({
  at: Timestamp,
  total: z.number().int(),
  up: z.number().int(),
  p50: z.number().int().nullable(),
  p95: z.number().int().nullable(),
  max: z.number().int().nullable(),
});
export type CheckPoint = z.infer<typeof CheckPoint>;
export const CheckSeries = z.object({ resolution: CheckResolution, items: z.array(CheckPoint) });
export type CheckSeries = z.infer<typeof CheckSeries>;

export const CheckPauseBody = z.object({ paused: z.boolean() }).strict();
