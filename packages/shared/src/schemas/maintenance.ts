import { z } from 'zod';
import { ClockTime, Id, Name, TimeZone, Timestamp } from './common.js';

/** The longest a maintenance window may last: a week. */
export const MAX_MAINTENANCE_MINUTES = 7 * 24 * 60;

const Scope = z
  .array(Id)
  .min(1)
  .max(500)
  .nullable()
  .describe('The services it covers; null covers every service (admins only)');

/**
 * A maintenance window keeps the record but pages nobody: alerts for its services
 * open and dedup as usual, and are marked suppressed. One-off (a planned deploy) or
 * recurring (a nightly batch job), in the time zone of the people who planned it.
 */
export const MaintenanceWindowInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('once'),
      name: Name,
      serviceIds: Scope,
      startsAt: Timestamp,
      endsAt: Timestamp.describe('Must be after startsAt, at most a week later'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('recurring'),
      name: Name,
      serviceIds: Scope,
      timeZone: TimeZone,
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7).describe('ISO weekdays it starts on, 1 = Monday … 7 = Sunday'),
      start: ClockTime.describe('Local start time in timeZone'),
      durationMinutes: z.number().int().min(1).max(MAX_MAINTENANCE_MINUTES).describe('Absolute minutes, so a window across a DST change lasts exactly this long'),
    })
    .strict(),
]);
export type MaintenanceWindowInput = z.infer<typeof MaintenanceWindowInput>;

export const MaintenanceOccurrence = z.object({ startsAt: Timestamp, endsAt: Timestamp });

export const MaintenanceWindow = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['once', 'recurring']),
  serviceIds: z.array(Id).nullable(),
  services: z.array(z.object({ id: Id, name: z.string() })).describe('The covered services by name; empty when it covers every service'),
  startsAt: Timestamp.nullable().describe('One-off windows only'),
  endsAt: Timestamp.nullable().describe('One-off windows only'),
  timeZone: z.string().nullable().describe('Recurring windows only'),
  days: z.array(z.number().int()).nullable().describe('Recurring windows only'),
  start: z.string().nullable().describe('Recurring windows only'),
  durationMinutes: z.number().int().nullable().describe('Recurring windows only'),
  activeUntil: Timestamp.nullable().describe('In effect now, until this time; null when not in effect'),
  next: z.array(MaintenanceOccurrence).describe('The next occurrences that have not ended (up to 3), one in progress first'),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const MaintenanceWindowList = z.object({ items: z.array(MaintenanceWindow) });

export const MaintenanceWindowQuery = z.object({
  serviceId: Id.optional().describe('Only windows covering this service (those covering every service included)'),
  ended: z.enum(['true', 'false']).optional().describe('Include one-off windows that have ended (default false)'),
});
