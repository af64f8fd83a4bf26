import { z } from 'zod';
import { ClockTime, Id, LocalDate, Name, Timestamp } from './common.js';

export const TeamMember = z.object({ userId: Id, name: z.string(), email: z.string() });

/**
 * Recovery time off, per team and read in each person's own time zone: a page inside
 * the sleep window, or at least `recoveryAfterMinutes` on pages on a weekend day or
 * holiday, grants a rest day; `recoveryNextDayOverride` also takes the person off
 * that day's on-call. `sleepEnd` before `sleepStart` crosses midnight.
 */
const RecoverySettingsPatch = {
  sleepStart: ClockTime.optional(),
  sleepEnd: ClockTime.optional().describe('Must differ from sleepStart'),
  recoveryAfterMinutes: z.number().int().min(1).max(1440).optional().describe('Time on pages on a weekend day or holiday that earns a rest day'),
  recoveryNextDayOverride: z.boolean().optional().describe('Also put the next person in the rotation on call for the rest day'),
  holidays: z.array(LocalDate).max(366).optional().describe('Replaces the list'),
};

export const Team = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  members: z.array(TeamMember),
  sleepStart: z.string().describe('Start of the sleep window, HH:MM'),
  sleepEnd: z.string().describe('End of the sleep window, HH:MM'),
  recoveryAfterMinutes: z.number().int(),
  recoveryNextDayOverride: z.boolean(),
  holidays: z.array(z.string()).describe('Local dates (YYYY-MM-DD) that count like weekend days'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Team = z.infer<typeof Team>;

export const CreateTeam = z
  .object({
    name: Name,
    description: z.string().max(2000).default(''),
    memberIds: z.array(Id).max(500).default([]),
  })
  .strict();
export type CreateTeam = z.input<typeof CreateTeam>;

export const UpdateTeam = z
  .object({ name: Name.optional(), description: z.string().max(2000).optional(), ...RecoverySettingsPatch })
  .strict();
export type UpdateTeam = z.input<typeof UpdateTeam>;

export const TeamList = z.object({ items: z.array(Team) });
export const TeamMemberParams = z.object({ id: Id, userId: Id });
