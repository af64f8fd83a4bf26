import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Person, ScheduleRole } from './schedules.js';

const ServiceRef = z.object({ id: Id, name: z.string() });

export const HandoffAlert = z.object({
  id: Id,
  number: z.number().int(),
  summary: z.string(),
  service: ServiceRef,
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  createdAt: Timestamp,
});

/**
 * What the outgoing person hands over at a changeover: sent to both people (inbox
 * and email) and kept per changeover. Incidents join this once there is an
 * incidents module.
 */
export const HandoffReport = z.object({
  scheduleId: Id,
  scheduleName: z.string(),
  timeZone: z.string(),
  role: ScheduleRole,
  changeoverAt: Timestamp,
  shiftStart: Timestamp.describe('When the outgoing person’s stretch began (or the gap before the incoming one)'),
  outgoing: Person,
  incoming: Person,
  gap: z.object({ start: Timestamp, end: Timestamp }).nullable().describe('Nobody was on call for this role between the two shifts'),
  late: z.boolean().describe('Sent well after the changeover (the engine was not running at the time)'),
  pages: z
    .array(HandoffAlert.extend({ pagedAt: Timestamp, messages: z.number().int() }))
    .describe('Alerts that paged the outgoing person during the shift, first page first'),
  open: z.array(HandoffAlert).describe('Still open on the services whose escalation policies page this schedule, newest first'),
  openTotal: z.number().int(),
  alertsInShift: z.number().int(),
  noisiest: z.object({
    services: z.array(ServiceRef.extend({ alerts: z.number().int(), occurrences: z.number().int() })),
    keys: z.array(z.object({ service: ServiceRef, dedupKey: z.string(), summary: z.string(), alerts: z.number().int(), occurrences: z.number().int() })),
  }),
  notes: z.array(z.object({ shiftStart: Timestamp, body: z.string(), updatedAt: Timestamp })).describe('The outgoing person’s handoff notes'),
  incidents: z
    .array(
      z.object({
        id: Id,
        number: z.number().int(),
        title: z.string(),
        severity: z.number().int(),
        status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
        drill: z.boolean(),
        declaredAt: Timestamp,
        resolvedAt: Timestamp.nullable(),
        roles: z.array(z.string()).describe('The roles the outgoing person held in it'),
      }),
    )
    .describe('Incidents running during the shift on the schedule’s services or with the outgoing person in a role; absent in reports made before incidents existed')
    .optional(),
});
export type HandoffReport = z.infer<typeof HandoffReport>;

export const HandoffReportEntry = z.object({
  id: Id,
  role: ScheduleRole,
  changeoverAt: Timestamp,
  createdAt: Timestamp,
  report: HandoffReport,
});
export type HandoffReportEntry = z.infer<typeof HandoffReportEntry>;

export const HandoffReportList = z.object({ items: z.array(HandoffReportEntry) });

export const HandoffReportsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20).describe('Newest first') })
  .strict();
