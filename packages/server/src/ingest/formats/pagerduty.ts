import { z } from 'zod';
import { DEDUP_KEY_MAX, type AlertEvent, type ChangeEvent, type Parsed, urgencyOf } from '../../alerts/index.js';

/**
 * PagerDuty Events API v2, as its senders (Alertmanager, Grafana, SDKs) use it.
 * Unknown fields are ignored: senders add fields over time.
 */
const Link = z.object({ href: z.string().min(1), text: z.string().optional() }).loose();
const Image = z.object({ src: z.string().min(1), href: z.string().optional(), alt: z.string().optional() }).loose();

export const PagerDutyEventSchema = z
  .object({
    routing_key: z.string().length(32, "'routing_key' must be 32 characters"),
    event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
    dedup_key: z.string().min(1).max(DEDUP_KEY_MAX).optional(),
    payload: z
      .object({
        summary: z.string().min(1).max(1024),
        source: z.string().min(1).max(255),
        severity: z.enum(['critical', 'error', 'warning', 'info']),
        timestamp: z.iso.datetime({ offset: true }).optional(),
        component: z.string().optional(),
        group: z.string().optional(),
        class: z.string().optional(),
        custom_details: z.unknown().optional(),
      })
      .loose()
      .optional(),
    client: z.string().optional(),
    client_url: z.string().optional(),
    links: z.array(Link).optional(),
    images: z.array(Image).optional(),
  })
  .loose()
  .superRefine((e, ctx) => {
    if (e.event_action === 'trigger' && !e.payload) ctx.addIssue({ code: 'custom', path: ['payload'], message: "'payload' is missing or blank" });
    if (e.event_action !== 'trigger' && !e.dedup_key) {
      ctx.addIssue({ code: 'custom', path: ['dedup_key'], message: `'dedup_key' is required for ${e.event_action}` });
    }
  });

export const PagerDutyChangeSchema = z
  .object({
    routing_key: z.string().length(32, "'routing_key' must be 32 characters"),
    payload: z
      .object({
        summary: z.string().min(1).max(1024),
        source: z.string().max(255).optional(),
        timestamp: z.iso.datetime({ offset: true }).optional(),
        custom_details: z.unknown().optional(),
      })
      .loose(),
    links: z.array(Link).optional(),
  })
  .loose();

export type PagerDutyEvent = z.infer<typeof PagerDutyEventSchema>;

export function fromPagerDuty(e: PagerDutyEvent): AlertEvent {
  if (e.event_action !== 'trigger') return { action: e.event_action, dedupKey: e.dedup_key! };
  const p = e.payload!;
  const details: Record<string, unknown> = {};
  if (p.custom_details !== undefined) details.custom_details = p.custom_details;
  for (const k of ['component', 'group', 'class', 'timestamp'] as const) if (p[k]) details[k] = p[k];
  if (e.client) details.client = e.client;
  if (e.client_url) details.client_url = e.client_url;
  if (e.images?.length) details.images = e.images;
  const links = [...(e.links ?? []).map((l) => ({ href: l.href, ...(l.text ? { text: l.text } : {}) }))];
  if (e.client_url) links.push({ href: e.client_url, text: e.client ?? 'Source' });
  return {
    action: 'trigger',
    dedupKey: e.dedup_key ?? null,
    summary: p.summary,
    source: p.source,
    severity: p.severity,
    urgency: urgencyOf(p.severity),
    details,
    links,
  };
}

export function fromPagerDutyChange(e: z.infer<typeof PagerDutyChangeSchema>): ChangeEvent {
  return {
    summary: e.payload.summary,
    source: e.payload.source ?? null,
    at: e.payload.timestamp ? new Date(e.payload.timestamp) : null,
    details: e.payload.custom_details === undefined ? {} : { custom_details: e.payload.custom_details },
    links: (e.links ?? []).map((l) => ({ href: l.href, ...(l.text ? { text: l.text } : {}) })),
  };
}

/** PagerDuty's own wording for errors: `"'payload.summary' is missing or blank"`. */
export function pagerDutyErrors(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const field = i.path.join('.') || 'event';
    if (i.code === 'invalid_type' && /received undefined/.test(i.message)) return `'${field}' is missing or blank`;
    // Our own messages already name the field, in PagerDuty's words.
    return i.message.startsWith(`'${field}'`) ? i.message : `'${field}' ${i.message}`;
  });
}

export function parsePagerDuty(body: unknown): Parsed<{ routingKey: string; event: AlertEvent }> {
  const r = PagerDutyEventSchema.safeParse(body);
  return r.success ? { ok: true, value: { routingKey: r.data.routing_key, event: fromPagerDuty(r.data) } } : { ok: false, errors: pagerDutyErrors(r.error.issues) };
}
