import { z } from 'zod';
import { DEDUP_KEY_MAX, SUMMARY_MAX, truncate, type AlertEvent, type Parsed, urgencyOf } from '../../alerts/index.js';

/**
 * Prometheus Alertmanager webhook (version "4") and Grafana-managed alerting
 * (version "1", same shape plus a few fields). One body can fire some alerts and
 * resolve others, so every alert maps on its own, keyed by its fingerprint.
 */
const Labels = z.record(z.string(), z.string());

const WebhookAlert = z
  .object({
    status: z.enum(['firing', 'resolved']),
    labels: Labels,
    annotations: Labels.default({}),
    startsAt: z.string().optional(),
    endsAt: z.string().optional(),
    generatorURL: z.string().optional(),
    fingerprint: z.string().min(1).max(DEDUP_KEY_MAX),
    // Grafana
    silenceURL: z.string().optional(),
    dashboardURL: z.string().optional(),
    panelURL: z.string().optional(),
    imageURL: z.string().optional(),
    valueString: z.string().optional(),
    values: z.unknown().optional(),
  })
  .loose();

export const AlertmanagerWebhookSchema = z
  .object({
    version: z.string(),
    status: z.enum(['firing', 'resolved']),
    receiver: z.string().optional(),
    groupKey: z.string().optional(),
    groupLabels: Labels.optional(),
    commonLabels: Labels.optional(),
    commonAnnotations: Labels.optional(),
    externalURL: z.string().optional(),
    truncatedAlerts: z.number().optional(),
    alerts: z.array(WebhookAlert).max(10_000),
    // Grafana
    orgId: z.number().optional(),
    title: z.string().optional(),
    state: z.string().optional(),
    message: z.string().optional(),
  })
  .loose();

export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhookSchema>;

export function fromAlertmanager(body: AlertmanagerWebhook): AlertEvent[] {
  return body.alerts.map((a): AlertEvent => {
    if (a.status === 'resolved') return { action: 'resolve', dedupKey: a.fingerprint };
    const summary = a.annotations.summary || a.annotations.description || a.labels.alertname || body.title || 'Alert';
    const links: { href: string; text: string }[] = [];
    const add = (href: string | undefined, text: string) => href && /^https?:\/\//.test(href) && links.push({ href, text });
    add(a.annotations.runbook_url, 'Runbook');
    add(a.generatorURL, 'Source');
    add(a.dashboardURL, 'Dashboard');
    add(a.panelURL, 'Panel');
    add(a.silenceURL, 'Silence');
    add(a.imageURL, 'Image');
    const severity = a.labels.severity ?? null;
    return {
      action: 'trigger',
      dedupKey: a.fingerprint,
      summary: truncate(summary, SUMMARY_MAX),
      source: a.labels.instance ?? a.labels.job ?? body.receiver ?? null,
      severity,
      urgency: urgencyOf(severity),
      details: {
        labels: a.labels,
        annotations: a.annotations,
        ...(a.startsAt ? { startsAt: a.startsAt } : {}),
        ...(a.valueString ? { valueString: a.valueString } : {}),
        ...(body.groupKey ? { groupKey: body.groupKey } : {}),
        ...(body.externalURL ? { externalURL: body.externalURL } : {}),
      },
      links,
    };
  });
}

export function parseAlertmanager(body: unknown): Parsed<AlertEvent[]> {
  const r = AlertmanagerWebhookSchema.safeParse(body);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
  return { ok: true, value: fromAlertmanager(r.data) };
}
