import { z } from 'zod';

export const Id = z.uuid();

/** An IANA time zone the runtime knows, e.g. `Europe/London`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, { message: 'Unknown IANA time zone' });

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24-hour)');

/**
 * When a person works, in their own time zone. Low-urgency alerts notify only
 * inside these hours, and health reports bucket interruptions against them.
 * `end` before `start` means the span crosses midnight.
 */
export const WorkingHours = z
  .object({
    days: z
      .array(z.number().int().min(1).max(7))
      .max(7)
      .describe('ISO weekdays, 1 = Monday … 7 = Sunday'),
    start: ClockTime,
    end: ClockTime,
  })
  .strict();
export type WorkingHours = z.infer<typeof WorkingHours>;

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

export const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp');

export const Name = z.string().trim().min(1).max(200);
export const Email = z.email().max(320).transform((e) => e.toLowerCase());

export const IdParam = z.object({ id: Id });

/** A calendar date with no zone, e.g. `2026-03-08`; which zone it is read in is said where it is used. */
export const LocalDate = z.iso.date().describe('YYYY-MM-DD');
