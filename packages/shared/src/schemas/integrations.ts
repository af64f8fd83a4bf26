import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

export const INTEGRATION_KINDS = ['pagerduty', 'alertmanager', 'grafana', 'opsgenie', 'generic', 'heartbeat'] as const;
export const IntegrationKind = z.enum(INTEGRATION_KINDS);

export const Integration = z.object({
  id: Id,
  serviceId: Id,
  name: z.string(),
  kind: IntegrationKind,
  key: z.string().nullable().describe('The 32-character integration key; null for people who cannot edit the service'),
  url: z.string().nullable().describe('Where the sender posts; null for people who cannot edit the service'),
  rateLimitPerMinute: z.number().int(),
  heartbeatIntervalMinutes: z.number().int().nullable(),
  heartbeatLastAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Integration = z.infer<typeof Integration>;

export const CreateIntegration = z
  .object({
    name: Name,
    kind: IntegrationKind,
    rateLimitPerMinute: z.number().int().min(1).max(100_000_000).default(1200),
    heartbeatIntervalMinutes: z.number().int().min(1).max(10080).optional().describe('Required for heartbeat integrations'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.kind === 'heartbeat') !== (v.heartbeatIntervalMinutes !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['heartbeatIntervalMinutes'],
        message: v.kind === 'heartbeat' ? 'Required for heartbeat integrations' : 'Only for heartbeat integrations',
      });
    }
  });
export type CreateIntegration = z.input<typeof CreateIntegration>;

export const IntegrationList = z.object({ items: z.array(Integration) });
