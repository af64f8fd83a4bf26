import { z } from 'zod';
import { type TriggerEvent, urgencyOf } from '../../alerts/index.js';

/** Opsgenie Alert API `POST /v2/alerts`, for teams leaving Opsgenie. */
export const OpsgenieCreateSchema = z
  .object({
    message: z.string().trim().min(1, 'Message can not be empty.').max(130, 'Message can not be longer than 130 characters.'),
    alias: z.string().min(1).max(512).optional(),
    description: z.string().max(15000).optional(),
    responders: z.array(z.unknown()).optional(),
    visibleTo: z.array(z.unknown()).optional(),
    actions: z.array(z.string()).max(10).optional(),
    tags: z.array(z.string()).max(20, 'Tags can not be more than 20.').optional(),
    details: z.record(z.string(), z.string()).optional(),
    entity: z.string().max(512).optional(),
    source: z.string().max(100).optional(),
    priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).optional(),
    user: z.string().optional(),
    note: z.string().optional(),
  })
  .loose();

export const OpsgenieActionSchema = z
  .object({ user: z.string().optional(), source: z.string().optional(), note: z.string().optional() })
  .loose();

export function fromOpsgenie(e: z.infer<typeof OpsgenieCreateSchema>): TriggerEvent {
  const priority = e.priority ?? 'P3';
  return {
    action: 'trigger',
    dedupKey: e.alias ?? null,
    summary: e.message,
    source: e.source ?? e.entity ?? null,
    severity: priority,
    urgency: urgencyOf(priority),
    details: {
      ...(e.description ? { description: e.description } : {}),
      ...(e.details ? { details: e.details } : {}),
      ...(e.tags?.length ? { tags: e.tags } : {}),
      ...(e.entity ? { entity: e.entity } : {}),
      ...(e.note ? { note: e.note } : {}),
    },
    links: [],
  };
}

/** Opsgenie's 422 body names the first problem per field: `{"errors":{"message":"…"}}`. */
export function opsgenieErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[i.path.join('.') || 'body'] ??= i.message;
  return errors;
}
