import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

/** Most SLI buckets one push may carry: a day of minutes. */
export const MAX_SLO_BUCKETS_PER_PUSH = 1440;
/** How far back a pushed bucket may start: the longest window and a margin for late senders. */
export const MAX_SLO_BACKFILL_DAYS = 35;

export const SloKind = z.enum(['availability', 'latency']).describe('availability: good/total events; latency: requests under latencyThresholdMs / all requests');
export type SloKind = z.infer<typeof SloKind>;

export const SloWindowDays = z.union([z.literal(7), z.literal(28), z.literal(30)]).describe('Rolling window in days');

const PromQL = z.string().trim().min(1).max(4000);

/**
 * Where the SLI counts come from. `push`: good/total buckets posted to
 * `/api/slos/{id}/events`. `heartbeat`: each minute is one event, bad while the
 * heartbeat integration's missed-heartbeat alert is open. `check`: a synthetic
 * check's results (once synthetic checks exist). `prometheus`: two PromQL
 * expressions, the good and the total events of the minute ending at the evaluation
 * time (e.g. `sum(increase(http_requests_total{code!~"5.."}[1m]))`).
 */
export const SloSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('push') }).strict(),
  z.object({ type: z.literal('heartbeat'), integrationId: Id }).strict(),
  z.object({ type: z.literal('check'), checkId: Id }).strict(),
  z
    .object({
      type: z.literal('prometheus'),
      url: z.url({ protocol: /^https?$/ }).max(2000).describe('Prometheus base URL; internal addresses need OPERABLE_OUTBOUND_ALLOW'),
      good: PromQL,
      total: PromQL,
    })
    .strict(),
]);
export type SloSource = z.infer<typeof SloSource>;

export const SloInput = z
  .object({
    serviceId: Id,
    name: Name,
    description: z.string().max(5000).default(''),
    kind: SloKind,
    objective: z.number().gt(0).lt(1).describe('Target share of good events, e.g. 0.999 for 99.9 %'),
    windowDays: SloWindowDays,
    latencyThresholdMs: z.number().int().min(1).max(600_000).nullable().default(null).describe('Latency SLOs only: what counts as fast enough'),
    source: SloSource,
    alerting: z.boolean().default(true).describe('Raise burn-rate alerts (page and ticket tiers) into the alert pipeline'),
  })
  .strict();
export type SloInput = z.input<typeof SloInput>;

export const SloQuery = z
  .object({
    serviceId: Id.optional(),
    teamId: Id.optional(),
  })
  .strict();

export const SloTierState = z.enum(['firing', 'ok', 'no_data']).describe('no_data: a window had no traffic (never counted as zero errors)');

export const SloTier = z.object({
  severity: z.enum(['page', 'ticket']),
  longWindowMinutes: z.number().int(),
  shortWindowMinutes: z.number().int(),
  factor: z.number().describe('Burn rate both windows must reach'),
  longBurnRate: z.number().nullable(),
  shortBurnRate: z.number().nullable(),
  state: SloTierState,
});

export const SloStatus = z.object({
  at: Timestamp,
  good: z.number(),
  total: z.number(),
  sli: z.number().nullable().describe('Good share over the window; null without traffic'),
  budgetRemaining: z.number().nullable().describe('1 − (bad/total)/(1 − objective) over the window; negative when overspent; null = no data'),
  burnRate: z.number().nullable().describe('Over the whole window'),
  tiers: z.array(SloTier),
  page: SloTierState,
  ticket: SloTierState,
});
export type SloStatus = z.infer<typeof SloStatus>;

export const Slo = z.object({
  id: Id,
  serviceId: Id,
  serviceName: z.string(),
  teamId: Id,
  name: z.string(),
  description: z.string(),
  kind: SloKind,
  objective: z.number(),
  windowDays: z.number().int(),
  latencyThresholdMs: z.number().int().nullable(),
  source: SloSource,
  alerting: z.boolean(),
  status: SloStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Slo = z.infer<typeof Slo>;

export const SloSeriesPoint = z.object({ at: Timestamp, budgetRemaining: z.number().nullable(), burnRate: z.number().nullable() });

export const SloDetail = Slo.extend({
  series: z.array(SloSeriesPoint).describe('Hourly budget remaining over the rolling window ending at each point, for the last window'),
});
export type SloDetail = z.infer<typeof SloDetail>;

export const SloList = z.object({ items: z.array(Slo) });

export const SloBucket = z
  .object({
    start: Timestamp.describe('Start of the minute (seconds and milliseconds zero)'),
    good: z.number().min(0).max(1e12),
    total: z.number().min(0).max(1e12),
  })
  .strict();

/** A repeat of the same bucket replaces it, so a sender may retry or re-send freely. */
export const SloEventsInput = z
  .object({ buckets: z.array(SloBucket).min(1).max(MAX_SLO_BUCKETS_PER_PUSH) })
  .strict();
export type SloEventsInput = z.infer<typeof SloEventsInput>;

export const SloEventsResult = z.object({ stored: z.number().int().describe('Buckets written (new or replaced)') });

export const SloImportInput = z
  .object({
    format: z.enum(['openslo', 'sloth']),
    serviceId: Id.describe('The service the imported SLOs belong to'),
    spec: z.string().min(1).max(256 * 1024).describe('The YAML document(s)'),
    prometheusUrl: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('Given: SLOs whose spec has PromQL queries read them from this Prometheus; otherwise counts are pushed'),
  })
  .strict();
export type SloImportInput = z.infer<typeof SloImportInput>;
