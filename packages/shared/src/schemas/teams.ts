import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

export const TeamMember = z.object({ userId: Id, name: z.string(), email: z.string() });

export const Team = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  members: z.array(TeamMember),
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
  .object({ name: Name.optional(), description: z.string().max(2000).optional() })
  .strict();
export type UpdateTeam = z.input<typeof UpdateTeam>;

export const TeamList = z.object({ items: z.array(Team) });
export const TeamMemberParams = z.object({ id: Id, userId: Id });
