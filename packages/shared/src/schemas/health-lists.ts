import { z } from 'zod';
import { Id, LocalDate, Timestamp } from './common.js';

/** The team action list, the toil log and the risk backlog of the health views. */

export const ActionPriority = z.enum(['top', 'high', 'normal', 'low']);
export const ActionStatus = z.enum(['open', 'done', 'dropped']);

export const HealthActionItem = z.object({
  id: Id,
  teamId: Id,
  title: z.string(),
  priority: ActionPriority,
  status: ActionStatus,
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  alertKey: z.string().nullable(),
  owner: z.object({ id: Id, name: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type HealthActionItem = z.infer<typeof HealthActionItem>;
export const HealthActionList = z.object({ items: z.array(HealthActionItem) });

export const CreateHealthAction = z
  .object({
    title: z.string().trim().min(1).max(200).optional().describe('Default for a noisy source: “Quiet <service> (<key>)”'),
    serviceId: Id.optional().describe('The noisy service this comes from'),
    alertKey: z.string().min(1).max(255).optional().describe('The noisy alert key (with serviceId)'),
    priority: ActionPriority.optional().describe('Default: top for a noisy source, normal otherwise'),
    ownerId: Id.nullable().optional(),
  })
  .strict();
export type CreateHealthAction = z.infer<typeof CreateHealthAction>;

export const UpdateHealthAction = z
  .object({
    title: z.string().trim().min(1).max(200),
    priority: ActionPriority,
    status: ActionStatus,
    ownerId: Id.nullable(),
  })
  .partial()
  .strict();
export type UpdateHealthAction = z.infer<typeof UpdateHealthAction>;

export const ToilCategory = z.enum(['manual_ops', 'deploy', 'access', 'data_fix', 'alert_noise', 'other']);

export const ToilEntry = z.object({
  id: Id,
  teamId: Id,
  user: z.object({ id: Id, name: z.string() }).nullable(),
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  what: z.string(),
  category: ToilCategory,
  minutes: z.number().int(),
  doneOn: LocalDate,
  createdAt: Timestamp,
});
export type ToilEntry = z.infer<typeof ToilEntry>;

export const LogToil = z
  .object({
    what: z.string().trim().min(1).max(500),
    minutes: z.number().int().min(1).max(1440).describe('Time spent, 1 minute to a day'),
    category: ToilCategory.optional(),
    serviceId: Id.optional().describe('The service it was for; its team gets the entry'),
    teamId: Id.optional().describe('Needed when there is no service and you are on several teams'),
    doneOn: LocalDate.optional().describe('Default: today in your zone'),
  })
  .strict();
export type LogToil = z.infer<typeof LogToil>;

export const TeamToil = z.object({
  teamId: Id,
  from: LocalDate,
  to: LocalDate,
  people: z.number().int(),
  toilHours: z.number(),
  workingHours: z.number().describe('Each member’s weekly working hours (from their working-hours setting, else 40) × weeks'),
  workingHoursFrom: z
    .object({ settings: z.number().int().describe('Members counted with their own working hours'), fallback: z.number().int().describe('Members counted at 40 hours a week') })
    .describe('Where the working hours came from'),
  share: z.number().nullable(),
  target: z.number().describe('0.25: toil should stay at or under a quarter of working time'),
  overTarget: z.boolean(),
  weekly: z.array(z.object({ weekStart: LocalDate, toilHours: z.number(), share: z.number().nullable() })),
  topRecurring: z.array(z.object({ what: z.string(), times: z.number().int(), hours: z.number() })),
  entries: z.array(ToilEntry),
});
export type TeamToil = z.infer<typeof TeamToil>;

export const PersonToil = z.object({
  userId: Id,
  from: LocalDate,
  to: LocalDate,
  toilHours: z.number(),
  workingHours: z.number().describe('The person’s weekly working hours × weeks'),
  workingHoursSource: z.enum(['working_hours', 'default']).describe('working_hours: from their own setting; default: 40 hours a week'),
  share: z.number().nullable(),
  target: z.number(),
  overTarget: z.boolean(),
  weekly: z.array(z.object({ weekStart: LocalDate, toilHours: z.number(), share: z.number().nullable() })),
  topRecurring: z.array(z.object({ what: z.string(), times: z.number().int(), hours: z.number() })),
});
export type PersonToil = z.infer<typeof PersonToil>;

export const ToilQuery = z
  .object({ weeks: z.coerce.number().int().min(1).max(52).default(4).describe('Weeks back, this one included') })
  .strict();

export const RiskKind = z.enum(['operational', 'security']);
export const RiskStatus = z.enum(['open', 'mitigating', 'accepted', 'closed']);
export const Effort = z.string().regex(/^(S|M|L|XL|[1-9]\d{0,2}d)$/, 'Expected S, M, L, XL or a number of days such as 3d');

export const Risk = z.object({
  id: Id,
  teamId: Id,
  title: z.string(),
  description: z.string(),
  kind: RiskKind,
  impact: z.number().int().min(1).max(5),
  likelihood: z.number().int().min(1).max(5),
  score: z.number().int().describe('impact × likelihood'),
  effort: z.string(),
  owner: z.object({ id: Id, name: z.string() }).nullable(),
  status: RiskStatus,
  serviceIds: z.array(Id),
  actionItemIds: z.array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Risk = z.infer<typeof Risk>;
export const RiskList = z.object({ top: z.array(Risk).describe('Open and mitigating, by score, then effort (top 10)'), items: z.array(Risk) });
export type RiskList = z.infer<typeof RiskList>;

const RiskFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  kind: RiskKind,
  impact: z.number().int().min(1).max(5),
  likelihood: z.number().int().min(1).max(5),
  effort: Effort,
  ownerId: Id.nullable(),
  status: RiskStatus,
  serviceIds: z.array(Id).max(50),
  actionItemIds: z.array(Id).max(50),
};
export const CreateRisk = z
  .object(RiskFields)
  .partial({ description: true, kind: true, ownerId: true, status: true, serviceIds: true, actionItemIds: true })
  .strict();
export type CreateRisk = z.infer<typeof CreateRisk>;
export const UpdateRisk = z.object(RiskFields).partial().strict();
export type UpdateRisk = z.infer<typeof UpdateRisk>;
