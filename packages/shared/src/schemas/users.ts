import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Email, Id, Name, TimeZone, Timestamp, WorkingHours } from './common.js';

export const RoleSchema = z.enum(ROLES);

export const Password = z.string().min(12, 'At least 12 characters').max(256);

export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  timeZoneSource: z.enum(['default', 'browser', 'chosen']).describe("Where the zone came from: 'default' (UTC, never chosen), the person's browser, or chosen by them or an admin"),
  workingHours: WorkingHours,
  role: RoleSchema,
  teamIds: z.array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const CreateUser = z
  .object({
    name: Name,
    email: Email,
    timeZone: TimeZone.optional().describe('Leave out for UTC; the person’s browser then sets it at their first sign-in'),
    workingHours: WorkingHours.optional(),
    role: RoleSchema.default('responder'),
    password: Password.optional().describe('Leave out to send the person a set-password link instead'),
  })
  .strict();
export type CreateUser = z.input<typeof CreateUser>;

export const UpdateUser = z
  .object({
    name: Name.optional(),
    email: Email.optional(),
    timeZone: TimeZone.optional(),
    workingHours: WorkingHours.optional(),
    role: RoleSchema.optional(),
  })
  .strict();
export type UpdateUser = z.input<typeof UpdateUser>;

/** What a person may change about themselves. */
export const UpdateProfile = UpdateUser.omit({ role: true, email: true })
  .extend({
    timeZoneFromBrowser: z
      .boolean()
      .optional()
      .describe('With timeZone: the browser’s zone, applied only while the account still has the default zone (a chosen one is kept)'),
  })
  .strict();
export type UpdateProfile = z.input<typeof UpdateProfile>;

export const UserList = z.object({ items: z.array(User) });
