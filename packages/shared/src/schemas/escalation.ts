import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

/**
 * A schedule as a target: everyone on call on it (`schedule`), or only its primary or
 * secondary role. Resolved by the on-call calculator at the moment the step fires.
 */
const ScheduleTargets = [
  z.object({ type: z.literal('schedule'), scheduleId: Id }).strict(),
  z.object({ type: z.literal('schedule_primary'), scheduleId: Id }).strict(),
  z.object({ type: z.literal('schedule_secondary'), scheduleId: Id }).strict(),
] as const;
export const SCHEDULE_TARGET_TYPES = ['schedule', 'schedule_primary', 'schedule_secondary'] as const;

/**
 * Who a step notifies, as a discriminated union: each target type is one case and
 * the engine resolves targets at the moment a step fires.
 */
export const EscalationTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: Id }).strict(),
  ...ScheduleTargets,
  z
    .object({
      type: z.literal('webhook'),
      url: z.url({ protocol: /^https?$/ }).max(2000),
      secret: z.string().min(16).max(200).describe('HMAC-SHA256 key; the receiver verifies X-Operable-Signature'),
    })
    .strict(),
]);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

/**
 * A target as clients send it. Secrets are write-only, so a client editing a policy
 * cannot send the stored secret back: a webhook target without `secret` keeps the
 * secret the policy already has for the same URL (a new URL needs one).
 */
export const EscalationTargetInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: Id }).strict(),
  ...ScheduleTargets,
  z
    .object({
      type: z.literal('webhook'),
      url: z.url({ protocol: /^https?$/ }).max(2000),
      secret: z
        .string()
        .min(16)
        .max(200)
        .optional()
        .describe('HMAC-SHA256 key; the receiver verifies X-Operable-Signature. Omit to keep the stored one for this URL'),
    })
    .strict(),
]);
export type EscalationTargetInput = z.infer<typeof EscalationTargetInput>;

export const EscalationStep = z
  .object({
    delayMinutes: z.number().int().min(0).max(1440).describe('Minutes to wait after this step notifies before the next fires'),
    requireAllAck: z.boolean().default(false).describe('Everyone notified by this step must acknowledge'),
    targets: z.array(EscalationTargetInput).min(1).max(50),
  })
  .strict();
export type EscalationStep = z.infer<typeof EscalationStep>;

/** Webhook secrets are write-only: responses show whether one is set, never the value. */
export const EscalationTargetView = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: Id, name: z.string(), hasVerifiedContact: z.boolean() }),
  z.object({ type: z.literal('webhook'), url: z.string() }),
  z.object({
    type: z.enum(SCHEDULE_TARGET_TYPES),
    scheduleId: Id,
    name: z.string(),
    ackTargetMinutes: z.number().int().nullable().describe('The role’s acknowledgement target; null for everyone on call'),
  }),
]);
export type EscalationTargetView = z.infer<typeof EscalationTargetView>;

export const EscalationPolicy = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  repeatCount: z.number().int(),
  steps: z.array(
    z.object({
      delayMinutes: z.number().int(),
      requireAllAck: z.boolean(),
      targets: z.array(EscalationTargetView),
    }),
  ),
  services: z.array(z.object({ id: Id, name: z.string() })).describe('Services that page through this policy'),
  warnings: z.array(z.string()).describe('E.g. a person in the policy with no verified contact method'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const CreateEscalationPolicy = z
  .object({
    name: Name,
    description: z.string().max(2000).default(''),
    teamId: Id.nullable().default(null),
    repeatCount: z.number().int().min(0).max(20).default(0),
    steps: z.array(EscalationStep).min(1).max(20),
  })
  .strict();
export type CreateEscalationPolicy = z.input<typeof CreateEscalationPolicy>;

/** Every field optional and without defaults: a PATCH of the name must not reset the rest. Steps are replaced as a whole. */
export const UpdateEscalationPolicy = z
  .object({
    name: Name.optional(),
    description: z.string().max(2000).optional(),
    teamId: Id.nullable().optional(),
    repeatCount: z.number().int().min(0).max(20).optional(),
    steps: z.array(EscalationStep).min(1).max(20).optional(),
  })
  .strict();
export type UpdateEscalationPolicy = z.input<typeof UpdateEscalationPolicy>;

export const EscalationPolicyList = z.object({ items: z.array(EscalationPolicy) });
