import { z } from 'zod';
import { Timestamp } from './common.js';

export const AuditEntry = z.object({
  id: z.string().describe('Increasing; use as a cursor'),
  at: Timestamp,
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional().describe('Exact action, e.g. `service.update`'),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
  before: z.string().regex(/^\d+$/, 'Expected an entry id').optional().describe('Cursor: entries older than this id'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextBefore: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
