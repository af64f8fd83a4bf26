import { z } from 'zod';
import { Id, LocalDate, Timestamp } from './common.js';

/**
 * A secret calendar URL, shown once when made. Making a new one replaces (revokes)
 * your previous URL for the same schedule, or your personal one.
 */
export const CalendarFeed = z.object({
  url: z.string().describe('`<public URL>/ical/<token>.ics`; subscribe to it in any calendar app. Shown only now.'),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const RevokeScheduleFeedQuery = z
  .object({
    scope: z
      .enum(['mine', 'everyone'])
      .default('mine')
      .describe('`everyone` (schedule editors only) revokes every person’s URL for this schedule, e.g. after one leaked'),
  })
  .strict();

export const FairnessQuery = z
  .object({
    weeksBack: z.coerce.number().int().min(0).max(26).default(4).describe('Weeks before now to count'),
    weeksAhead: z.coerce.number().int().min(0).max(26).default(4).describe('Weeks after now to count (as scheduled today)'),
  })
  .strict();

/**
 * Hours on call over a period. `total` counts a person once however many roles or
 * schedules they held at the same time; `weekday + weekend + holiday = total`,
 * days read in the person's own time zone, a team holiday counting as holiday even
 * on a weekend.
 */
export const OnCallHours = z.object({
  primary: z.number(),
  secondary: z.number(),
  weekday: z.number(),
  weekend: z.number(),
  holiday: z.number(),
  total: z.number(),
});
export type OnCallHours = z.infer<typeof OnCallHours>;

export const FairnessRow = z.object({
  user: z.object({ id: Id, name: z.string(), timeZone: z.string() }),
  member: z.boolean().describe('A member of the team (non-members appear when they hold shifts on its schedules)'),
  past: OnCallHours.describe('From `from` to `now`'),
  ahead: OnCallHours.describe('From `now` to `to`, as the schedules stand today'),
  total: OnCallHours,
  share: z.number().describe('This person’s part of everyone’s total hours, 0–1'),
});
export type FairnessRow = z.infer<typeof FairnessRow>;

export const TeamFairness = z.object({
  teamId: Id,
  teamName: z.string(),
  from: Timestamp,
  now: Timestamp,
  to: Timestamp,
  holidays: z.array(LocalDate),
  schedules: z.array(z.object({ id: Id, name: z.string(), timeZone: z.string() })),
  people: z.array(FairnessRow).describe('Most hours first'),
});
export type TeamFairness = z.infer<typeof TeamFairness>;
