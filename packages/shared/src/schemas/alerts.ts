import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const ALERT_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export const Urgency = z.enum(['high', 'low']);

export const Alert = z.object({
  id: Id,
  number: z.number().int().describe('Short number for people and SMS reply codes'),
  serviceId: Id,
  serviceName: z.string(),
  integrationId: Id.nullable(),
  dedupKey: z.string(),
  status: AlertStatus,
  urgency: Urgency,
  summary: z.string(),
  source: z.string().nullable(),
  severity: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  links: z.array(z.object({ href: z.string(), text: z.string().optional() })),
  occurrences: z.number().int().describe('How many times the sender repeated this alert'),
  groupLeaderId: Id.nullable().describe('Set when this alert joined another one’s group during a storm'),
  groupSize: z.number().int(),
  suppressedBy: Id.nullable().describe('The maintenance window that kept it from paging'),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  acknowledgedAt: Timestamp.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: Timestamp.nullable(),
  resolvedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertLogEntry = z.object({
  id: z.string(),
  at: Timestamp,
  event: z.string(),
  actor: z.string().nullable(),
  channel: z.string().nullable(),
  target: z.string().nullable(),
  result: z.string().nullable(),
  details: z.unknown().nullable(),
  userId: Id.nullable().optional().describe('The person this entry is about (who a message went to), when there is one'),
});
export type AlertLogEntry = z.infer<typeof AlertLogEntry>;

/** Someone an alert's log mentions, so the page can name people instead of showing ids or addresses. */
export const AlertPerson = z.object({ id: Id, name: z.string(), email: z.string(), timeZone: z.string() });
export type AlertPerson = z.infer<typeof AlertPerson>;

/** One person the alert paged, and how far it got with them. */
export const AlertResponder = z.object({
  userId: Id,
  name: z.string(),
  timeZone: z.string(),
  shadow: z.boolean().describe('Gets copies while learning the rotation; nobody waits for them'),
  pagedAt: Timestamp.describe('When the engine decided to notify them'),
  nextAt: Timestamp.nullable().describe('A notification still to go out (e.g. an SMS after 2 minutes)'),
  deliveredAt: Timestamp.nullable(),
  deliveredVia: z.string().nullable(),
  failed: z.boolean().describe('Every contact method failed'),
  acknowledgedAt: Timestamp.nullable(),
});
export type AlertResponder = z.infer<typeof AlertResponder>;

export const AlertDetail = Alert.extend({
  log: z.array(AlertLogEntry),
  runbookUrl: z.string().nullable(),
  runbookMarkdown: z.string(),
  people: z.array(AlertPerson).default([]),
  responders: z.array(AlertResponder).default([]),
});
export type AlertDetail = z.infer<typeof AlertDetail>;

export const AlertQuery = z.object({
  status: z
    .string()
    .regex(/^(triggered|acknowledged|resolved|open)(,(triggered|acknowledged|resolved|open))*$/, 'Comma-separated: triggered, acknowledged, resolved or open')
    .optional()
    .describe('e.g. `open` (= triggered,acknowledged) or `resolved`'),
  serviceId: Id.optional(),
  urgency: Urgency.optional(),
  mine: z.enum(['true', 'false']).optional().describe('`true`: only alerts that paged you or belong to a service of one of your teams'),
  before: z.coerce.number().int().min(1).optional().describe('Cursor: alerts with a smaller number'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertQuery = z.input<typeof AlertQuery>;

export const AlertPage = z.object({ items: z.array(Alert), nextBefore: z.number().int().nullable() });
export type AlertPage = z.infer<typeof AlertPage>;

export const AlertNumberParam = z.object({ id: Id });

export const RaiseAlert = z
  .object({
    serviceId: Id,
    summary: z.string().trim().min(1).max(1024),
    urgency: Urgency.default('high'),
    details: z.record(z.string(), z.unknown()).optional(),
    userIds: z
      .array(Id)
      .min(1)
      .max(20)
      .optional()
      .describe('Page these people directly instead of the service’s escalation policy (no maintenance or storm grouping applies)'),
  })
  .strict();
export type RaiseAlert = z.input<typeof RaiseAlert>;

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alert'), at: Timestamp, alert: Alert }),
  z.object({
    kind: z.literal('change'),
    at: Timestamp,
    change: z.object({
      id: Id,
      summary: z.string(),
      source: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      links: z.array(z.object({ href: z.string(), text: z.string().optional() })),
    }),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelineQuery = z.object({
  since: Timestamp.optional().describe('Only entries at or after this time (default: the last 7 days)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const Timeline = z.object({ items: z.array(TimelineEntry) });

/** Who a page would reach if sent now: the honest answer before "Send page". */
export const PagingPreviewPerson = z.object({
  id: Id,
  name: z.string(),
  reachable: z.boolean().describe('Has a verified contact method with a notification rule for this urgency'),
  via: z.string().nullable().describe('e.g. "Payments on call (primary)" when a schedule put them there'),
});
export const PagingPreview = z.object({
  policy: z.object({ id: Id, name: z.string() }).nullable(),
  steps: z.array(
    z.object({
      position: z.number().int(),
      startsAfterMinutes: z.number().int().describe('If nobody acknowledges before then'),
      people: z.array(PagingPreviewPerson),
      webhooks: z.number().int(),
    }),
  ),
  firstReached: z.array(PagingPreviewPerson).describe('Who the first step that reaches anyone notifies'),
  reachesAnyone: z.boolean(),
  reason: z.string().nullable().describe('Why nobody would be reached'),
});
export type PagingPreview = z.infer<typeof PagingPreview>;
export const PagingPreviewQuery = z.object({ urgency: Urgency.default('high') });
