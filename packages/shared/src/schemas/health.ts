import { z } from 'zod';
import { ClockTime, Id, Timestamp, TimeZone } from './common.js';

/** Operational health (SPEC §2.8, humanops-metrics.md): the numbers of a team, service, person or the organisation. */

export const PagerLoadBand = z.enum(['healthy', 'edge', 'unhealthy']).describe('< 2 page events a week healthy, 2–5 walking the edge, > 5 unhealthy');
export type PagerLoadBand = z.infer<typeof PagerLoadBand>;

export const BucketCounts = z.object({ business: z.number().int(), off_hours: z.number().int(), sleep: z.number().int() });

export const Percentiles = z.object({
  count: z.number().int(),
  p50Seconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

export const HealthPerson = z.object({
  user: z.object({ id: Id, name: z.string(), timeZone: z.string() }),
  interruptions: BucketCounts,
  total: z.number().int(),
  weighted: z.number().describe('business ×1, off-hours ×1.5, sleep ×2'),
  disruptedHours: z.number().int(),
  onCallHours: z.object({ primary: z.number(), secondary: z.number(), total: z.number() }),
  recovery: z.object({ granted: z.number().int(), taken: z.number().int(), declined: z.number().int(), upcoming: z.number().int() }),
  heatMap: z.array(z.array(z.number().int())).describe('7 rows (Monday first) × 24 hours, in the person’s own zone'),
});
export type HealthPerson = z.infer<typeof HealthPerson>;

export const NoisySource = z.object({
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  alertKey: z.string().nullable(),
  pageEvents: z.number().int(),
  sleepInterruptions: z.number().int(),
});
export type NoisySource = z.infer<typeof NoisySource>;
const Ranked = z.object({ byPageEvents: z.array(NoisySource), bySleepInterruptions: z.array(NoisySource) });

export const WeekLoad = z.object({ weekStart: Timestamp, pageEvents: z.number().int(), band: PagerLoadBand });
export type WeekLoad = z.infer<typeof WeekLoad>;

export const HealthReport = z.object({
  scope: z.object({ kind: z.enum(['team', 'service', 'person', 'org']), id: Id.nullable(), name: z.string(), timeZone: z.string() }),
  from: Timestamp,
  to: Timestamp,
  weeks: z.number().describe('Length of the period in weeks'),
  pageEvents: z.number().int(),
  pageEventsPerWeek: z.number(),
  band: PagerLoadBand,
  interruptions: BucketCounts,
  interruptionsTotal: z.number().int(),
  disruptedHours: z.number().int(),
  fairness: z.object({ gini: z.number(), uneven: z.boolean() }),
  mtta: Percentiles,
  mttr: Percentiles,
  unacknowledged: z.number().int(),
  unresolved: z.number().int(),
  ackSla: z.array(z.object({ level: z.number().int(), targetMinutes: z.number(), pages: z.number().int(), withinTarget: z.number().int(), share: z.number().nullable() })),
  noisiest: z.object({ services: Ranked, alertKeys: Ranked }),
  recovery: z.object({ granted: z.number().int(), taken: z.number().int(), declined: z.number().int(), upcoming: z.number().int() }),
  people: z.array(HealthPerson),
  drills: z.object({ pageEvents: z.number().int(), interruptions: z.number().int() }).describe('Reported apart, never counted above'),
  pagerLoad: z.array(WeekLoad).describe('Page events per week (Monday 00:00 in the scope’s zone), oldest first, the last 12 weeks up to `to`'),
});
export type HealthReport = z.infer<typeof HealthReport>;

export const HealthQuery = z
  .object({
    from: Timestamp.optional().describe('Start of the period (default: Monday 00:00 of the current week in the scope’s zone)'),
    to: Timestamp.optional().describe('End of the period (default: now)'),
  })
  .strict();
export type HealthQuery = z.infer<typeof HealthQuery>;

export const HealthTeamSettings = z.object({
  teamId: Id,
  timeZone: z.string(),
  ackPrimaryMinutes: z.number().int(),
  ackSecondaryMinutes: z.number().int(),
  reportWeekday: z.number().int().min(1).max(7),
  reportTime: ClockTime,
  reportEnabled: z.boolean(),
  reportEmails: z.array(z.email()),
  reportWebhookUrl: z.url().nullable(),
  reportWebhookSigned: z.boolean().describe('A signing secret is set (it is never shown)'),
});
export type HealthTeamSettings = z.infer<typeof HealthTeamSettings>;

export const HealthTeamSettingsUpdate = z
  .object({
    timeZone: TimeZone,
    ackPrimaryMinutes: z.number().int().min(1).max(1440),
    ackSecondaryMinutes: z.number().int().min(1).max(1440),
    reportWeekday: z.number().int().min(1).max(7),
    reportTime: ClockTime,
    reportEnabled: z.boolean(),
    reportEmails: z.array(z.email().max(254)).max(20),
    reportWebhookUrl: z.url().max(2000).nullable(),
    reportWebhookSecret: z.string().min(16).max(200).nullable().describe('HMAC key for a generic webhook (X-Operable-Signature); not needed for Slack'),
  })
  .partial()
  .strict();
export type HealthTeamSettingsUpdate = z.infer<typeof HealthTeamSettingsUpdate>;


export const HealthOrgSettings = HealthTeamSettings.omit({ teamId: true, ackPrimaryMinutes: true, ackSecondaryMinutes: true }).describe('The organisation’s weekly review (all teams): zone of its weeks, schedule and recipients');
export type HealthOrgSettings = z.infer<typeof HealthOrgSettings>;
export const HealthOrgSettingsUpdate = HealthTeamSettingsUpdate.omit({ ackPrimaryMinutes: true, ackSecondaryMinutes: true });
export type HealthOrgSettingsUpdate = z.infer<typeof HealthOrgSettingsUpdate>;

export const ReviewDelta = z.object({
  label: z.string(),
  now: z.number().nullable(),
  before: z.number().nullable(),
  unit: z.enum(['count', 'seconds', 'share', 'gini', 'score', 'minutes']),
  change: z.number().nullable().describe('now − before; null when either is missing'),
  direction: z.enum(['up', 'down', 'same', 'none']).describe('Every number here is better when lower'),
});
export type ReviewDelta = z.infer<typeof ReviewDelta>;

export const ReviewWork = z.object({
  wellbeing: z
    .object({
      weeks: z.array(z.object({ weekStart: z.iso.date(), answers: z.number().int(), averageStress: z.number().nullable(), sleepLostMinutes: z.number() })),
    })
    .describe('Wellbeing check-in answers after incidents, the last four weeks in the scope’s zone (oldest first); only group numbers, never a person’s'),
  postmortems: z.object({
    awaiting: z.number().int().describe('Not yet reviewed at the end of the week'),
    overdue: z.number().int().describe('Of those, past the review meeting’s deadline'),
    items: z.array(z.object({ id: Id, title: z.string(), incidentNumber: z.number().int(), state: z.string(), meetingDueAt: Timestamp, overdue: z.boolean() })),
  }),
  actionItems: z.object({
    open: z.number().int().describe('Post-mortem and team action items open at the end of the week'),
    overdue: z.number().int().describe('Open post-mortem items past their due day (team items have no due day)'),
    opened: z.number().int().describe('Created during the week'),
    closed: z.number().int().describe('Done during the week'),
    items: z.array(z.object({ title: z.string(), from: z.string().describe('The post-mortem’s title, or "Team action list"'), owner: z.string().nullable(), dueOn: z.iso.date().nullable(), overdue: z.boolean() })),
  }),
});
export type ReviewWork = z.infer<typeof ReviewWork>;

export const WeeklyReview = z.object({
  scope: HealthReport.shape.scope,
  weekStart: z.iso.date().describe('Monday of the reviewed week, in the scope’s zone'),
  title: z.string(),
  markdown: z.string(),
  html: z.string().describe('A self-contained, email-safe HTML document'),
  health: HealthReport.describe('The week’s numbers the review shows'),
  deltas: z.array(ReviewDelta).describe('What changed since last week'),
  work: ReviewWork,
});
export type WeeklyReview = z.infer<typeof WeeklyReview>;

export const ReviewQuery = z.object({ week: z.iso.date().optional().describe('Any day of the week to review (default: the last complete week)') }).strict();
