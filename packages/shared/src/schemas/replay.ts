import { z } from 'zod';
import { Timestamp } from './common.js';

const Minutes = z.number().int().min(0).max(1440);

export const ReplayRequest = z
  .object({
    history: z.string().max(50_000_000).optional().describe('JSON lines: the server’s own export, PagerDuty events or Alertmanager bodies, each with its arrival time'),
    period: z
      .object({ from: Timestamp, to: Timestamp })
      .strict()
      .optional()
      .describe('Replay the server’s own alert history of this period instead of an uploaded one'),
    variant: z.record(z.string(), z.unknown()).optional().describe('A configuration to compare: services, escalationPolicies, schedules, users, as GET returns them'),
    assumeAck: z
      .object({ business: Minutes, offHours: Minutes, sleep: Minutes })
      .strict()
      .nullable()
      .default(null)
      .describe('Assume each page is acknowledged this many minutes after it is sent, by the bucket of that moment in the person’s zone'),
  })
  .strict()
  .refine((r) => (r.history === undefined) !== (r.period === undefined), { message: 'Give either a history or a period', path: ['history'] });
export type ReplayRequest = z.input<typeof ReplayRequest>;

const Buckets = z.object({ business: z.number(), off_hours: z.number(), sleep: z.number() });
const LineError = z.object({ line: z.number(), error: z.string() });

export const ReplayReport = z.object({
  from: z.string(),
  until: z.string(),
  alerts: z.object({ opened: z.number(), paged: z.number(), grouped: z.number(), suppressed: z.number() }),
  people: z.array(
    z.object({
      name: z.string(),
      email: z.string(),
      zone: z.string(),
      teams: z.array(z.string()),
      interruptions: Buckets,
      total: z.number(),
      disruptedHours: z.number(),
      pageEvents: z.number(),
      recoveryDays: z.number(),
    }),
  ),
  teams: z.array(
    z.object({
      name: z.string(),
      weeks: z.array(z.object({ weekStart: z.number(), pageEvents: z.number(), band: z.enum(['healthy', 'edge', 'unhealthy']) })),
      interruptions: Buckets,
      gini: z.number(),
      uneven: z.boolean(),
    }),
  ),
  mtta: z.object({ count: z.number(), p50: z.number().nullable(), p90: z.number().nullable() }),
  noisiest: z.array(z.object({ service: z.string(), key: z.string().nullable(), pageEvents: z.number(), sleepInterruptions: z.number() })),
  missedPages: z.array(z.object({ service: z.string(), key: z.string(), summary: z.string(), at: z.string() })),
});
export type ReplayReport = z.infer<typeof ReplayReport>;

const ReplayRun = z.object({ report: ReplayReport, skipped: z.array(LineError), changes: z.array(z.string()) });

export const ReplayResult = z.object({
  lines: z.number(),
  events: z.number(),
  errors: z.array(LineError).describe('Lines that could not be read, by number; the rest was replayed'),
  current: ReplayRun,
  variant: ReplayRun.nullable(),
  markdown: z.string(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;
