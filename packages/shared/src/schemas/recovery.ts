import { z } from 'zod';
import { Id, LocalDate, Timestamp } from './common.js';
import { Person } from './schedules.js';

export const RecoveryReason = z.enum(['sleep_hours', 'weekend', 'holiday']);
export type RecoveryReason = z.infer<typeof RecoveryReason>;

/**
 * Recovery time off: a rest day granted automatically after a page in someone's
 * sleep hours, or after long pages on a weekend day or holiday. Its own category of
 * time off; granted without approval; the person may decline it.
 */
export const RecoveryTimeOff = z.object({
  id: Id,
  user: Person,
  teamId: Id.nullable().describe('The team of the alert that earned it'),
  teamName: z.string().nullable(),
  reason: RecoveryReason,
  alertId: Id.nullable(),
  day: z.string().describe('The rest day: a local date (YYYY-MM-DD) in the person’s time zone'),
  timeZone: z.string().describe('The person’s time zone'),
  status: z.enum(['granted', 'declined']),
  overrideIds: z.array(Id).describe('Overrides that put someone else on call for the person that day'),
  taken: z
    .boolean()
    .describe('Granted, the day is over, and the person held no on-call shift on any schedule from the grant to the end of that day'),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable().describe('When the person declined it'),
});
export type RecoveryTimeOff = z.infer<typeof RecoveryTimeOff>;

export const RecoveryList = z.object({ items: z.array(RecoveryTimeOff) });

export const RecoveryQuery = z
  .object({
    userId: Id.optional(),
    teamId: Id.optional(),
    from: LocalDate.optional().describe('First rest day to include (inclusive)'),
    to: LocalDate.optional().describe('Last rest day to include (inclusive)'),
  })
  .strict();
export type RecoveryQuery = z.infer<typeof RecoveryQuery>;
