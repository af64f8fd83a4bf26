import { z } from 'zod';
import { DEDUP_KEY_MAX, type AlertEvent, type Parsed, urgencyOf } from '../../alerts/index.js';

/**
 * Operable's own webhook for anything that can POST JSON: one event or
 * `{"events":[…]}`. Field names follow the common denominator of the big tools.
 */
const GenericEvent = z
  .object({
    action: z.enum(['trigger', 'acknowledge', 'resolve']).default('trigger'),
    dedupKey: z.string().min(1).max(DEDUP_KEY_MAX).optional(),
    summary: z.string().trim().min(1).max(1024).optional(),
    severity: z.enum(['critical', 'error', 'warning', 'info']).optional(),
    urgency: z.enum(['high', 'low']).optional(),
    source: z.string().max(255).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    links: z.array(z.object({ href: z.url(), text: z.string().max(200).optional() })).max(20).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.action === 'trigger' && !e.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'Required to trigger' });
    if (e.action !== 'trigger' && !e.dedupKey) ctx.addIssue({ code: 'custom', path: ['dedupKey'], message: `Required to ${e.action}` });
  });

const GenericBatch = z.object({ events: z.array(GenericEvent).min(1).max(1000) }).strict();
export const GenericBodySchema = z.union([GenericEvent, GenericBatch]);

export function parseGeneric(body: unknown): Parsed<AlertEvent[]> {
  // The shape says which was meant, so errors name fields of that shape only.
  const batch = typeof body === 'object' && body !== null && 'events' in body;
  const r = batch ? GenericBatch.safeParse(body) : GenericEvent.safeParse(body);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
  const events = 'events' in r.data ? r.data.events : [r.data];
  return {
    ok: true,
    value: events.map((e): AlertEvent =>
      e.action === 'trigger'
        ? {
            action: 'trigger',
            dedupKey: e.dedupKey ?? null,
            summary: e.summary!,
            source: e.source ?? null,
            severity: e.severity ?? null,
            urgency: e.urgency ?? urgencyOf(e.severity),
            details: e.details ?? {},
            links: e.links ?? [],
          }
        : { action: e.action, dedupKey: e.dedupKey! },
    ),
  };
}
