import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:/-]+$/, 'Letters, digits and . _ : / - only');

const AckTimeout = z.number().int().min(1).max(10080);
const StormWindow = z.number().int().min(0).max(86400);

const Url = z.url({ protocol: /^https?$/ }).max(2000);

export const Service = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  teamId: Id,
  teamName: z.string(),
  runbookMarkdown: z.string(),
  runbookUrl: z.string().nullable(),
  tags: z.array(z.string()),
  escalationPolicyId: Id.nullable(),
  ackTimeoutMinutes: z.number().int().nullable().describe('An acknowledgement older than this re-triggers the alert; null = never'),
  stormWindowSeconds: z.number().int().describe('Alerts within this window page once, as one group; 0 = off'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Service = z.infer<typeof Service>;

export const CreateService = z
  .object({
    name: Name,
    description: z.string().max(5000).default(''),
    teamId: Id,
    runbookMarkdown: z.string().max(100_000).default(''),
    runbookUrl: Url.nullable().default(null),
    tags: z.array(Tag).max(50).default([]),
    escalationPolicyId: Id.nullable().default(null),
    ackTimeoutMinutes: AckTimeout.nullable().default(null),
    stormWindowSeconds: StormWindow.default(300),
  })
  .strict();
export type CreateService = z.input<typeof CreateService>;

export const UpdateService = z
  .object({
    name: Name.optional(),
    description: z.string().max(5000).optional(),
    teamId: Id.optional(),
    runbookMarkdown: z.string().max(100_000).optional(),
    runbookUrl: Url.nullable().optional(),
    tags: z.array(Tag).max(50).optional(),
    escalationPolicyId: Id.nullable().optional(),
    ackTimeoutMinutes: AckTimeout.nullable().optional(),
    stormWindowSeconds: StormWindow.optional(),
  })
  .strict();
export type UpdateService = z.input<typeof UpdateService>;

export const ServiceQuery = z.object({
  teamId: Id.optional(),
  tag: Tag.optional(),
  q: z.string().max(200).optional().describe('Case-insensitive match on name or description'),
});

export const ServiceList = z.object({ items: z.array(Service) });
