import type { Integration } from '@operable/shared';

/**
 * Copy-paste examples for sending alerts to an integration, per kind. Pure (no DOM,
 * no React) so it can be unit-tested: integration in, titled text blocks out.
 */

export type IntegrationKind = Integration['kind'];

export interface IntegrationExample {
  /** Stable identifier, e.g. `curl-trigger`. */
  id: string;
  title: string;
  language: 'shell' | 'yaml' | 'text';
  text: string;
  /** One sentence on where the text goes. */
  hint?: string;
}

export interface ExampleInput {
  kind: IntegrationKind;
  key: string;
  url: string;
  heartbeatIntervalMinutes: number | null;
}

export const KIND_LABELS: Record<IntegrationKind, string> = {
  pagerduty: 'PagerDuty Events API v2',
  alertmanager: 'Prometheus Alertmanager',
  grafana: 'Grafana alerting',
  opsgenie: 'Opsgenie Alert API',
  generic: 'Generic JSON webhook',
  heartbeat: 'Heartbeat',
};

/** The kinds in the order people are offered them. */
export const KIND_ORDER: IntegrationKind[] = ['alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'generic', 'heartbeat'];

const DEDUP = 'disk-full-db1';
const SUMMARY = 'Disk 95% full on db1';

/** Single-quote a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function curl(url: string, headers: string[], body?: unknown): string {
  const lines = [`curl -sS -X POST ${shellQuote(url)}`];
  for (const h of headers) lines.push(`  -H ${shellQuote(h)}`);
  if (body !== undefined) lines.push(`  -d ${shellQuote(json(body))}`);
  return lines.join(' \\\n');
}

/** The server's public base URL, from an integration URL whose path we know. */
export function baseUrlOf(url: string): string {
  const at = url.search(/\/(v2\/enqueue|v2\/alerts|ingest\/)/);
  return at >= 0 ? url.slice(0, at) : url.replace(/\/+$/, '');
}

/**
 * A cron schedule that beats at about half the expected interval, so one late or
 * failed run does not raise an alert on its own.
 */
export function heartbeatCron(intervalMinutes: number): string {
  const every = Math.max(1, Math.floor(intervalMinutes / 2));
  if (every === 1) return '* * * * *';
  if (every < 60) return `*/${every} * * * *`;
  const hours = Math.floor(every / 60);
  if (hours < 24) return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
  return '0 0 * * *';
}

function alertmanagerWebhook(url: string): IntegrationExample {
  return {
    id: 'alertmanager-webhook',
    title: 'Alertmanager receiver (alertmanager.yml)',
    language: 'yaml',
    hint: 'Add the receiver, then point a route at it with receiver: operable.',
    text: ['receivers:', '  - name: operable', '    webhook_configs:', `      - url: ${url}`, '        send_resolved: true'].join('\n'),
  };
}

export function integrationExamples(i: ExampleInput): IntegrationExample[] {
  const jsonHeader = 'Content-Type: application/json';
  switch (i.kind) {
    case 'pagerduty':
      return [
        {
          id: 'curl-trigger',
          title: 'Trigger an alert with curl',
          language: 'shell',
          text: curl(i.url, [jsonHeader], {
            routing_key: i.key,
            event_action: 'trigger',
            dedup_key: DEDUP,
            payload: { summary: SUMMARY, source: 'db1', severity: 'critical' },
          }),
        },
        {
          id: 'curl-resolve',
          title: 'Resolve it with curl',
          language: 'shell',
          text: curl(i.url, [jsonHeader], { routing_key: i.key, event_action: 'resolve', dedup_key: DEDUP }),
        },
        {
          id: 'alertmanager-pagerduty',
          title: 'Alertmanager receiver using the PagerDuty format (alertmanager.yml)',
          language: 'yaml',
          hint: 'For an Alertmanager that already sends to PagerDuty: change the routing key and add the url line.',
          text: ['receivers:', '  - name: operable', '    pagerduty_configs:', `      - routing_key: ${i.key}`, `        url: ${baseUrlOf(i.url)}/v2/enqueue`].join('\n'),
        },
      ];
    case 'opsgenie':
      return [
        {
          id: 'curl-trigger',
          title: 'Create an alert with curl',
          language: 'shell',
          text: curl(i.url, [jsonHeader, `Authorization: GenieKey ${i.key}`], { message: SUMMARY, alias: DEDUP, priority: 'P1' }),
        },
        {
          id: 'curl-resolve',
          title: 'Close it with curl',
          language: 'shell',
          text: curl(`${i.url}/${DEDUP}/close?identifierType=alias`, [`Authorization: GenieKey ${i.key}`]),
        },
      ];
    case 'alertmanager':
      return [alertmanagerWebhook(i.url)];
    case 'grafana':
      return [
        {
          id: 'grafana-contact-point',
          title: 'Grafana contact point',
          language: 'text',
          hint: 'In Grafana: Alerting → Contact points → Add contact point.',
          text: ['Integration: Webhook', `URL: ${i.url}`, 'HTTP Method: POST'].join('\n'),
        },
        {
          id: 'grafana-provisioning',
          title: 'Grafana contact point as a provisioning file',
          language: 'yaml',
          text: [
            'apiVersion: 1',
            'contactPoints:',
            '  - orgId: 1',
            '    name: Operable',
            '    receivers:',
            '      - uid: operable',
            '        type: webhook',
            '        settings:',
            `          url: ${i.url}`,
            '          httpMethod: POST',
          ].join('\n'),
        },
      ];
    case 'generic':
      return [
        {
          id: 'curl-trigger',
          title: 'Trigger an alert with curl',
          language: 'shell',
          text: curl(i.url, [jsonHeader], { summary: SUMMARY, severity: 'critical', dedupKey: DEDUP, source: 'db1' }),
        },
        {
          id: 'curl-resolve',
          title: 'Resolve it with curl',
          language: 'shell',
          text: curl(i.url, [jsonHeader], { action: 'resolve', dedupKey: DEDUP }),
        },
      ];
    case 'heartbeat': {
      const interval = i.heartbeatIntervalMinutes ?? 5;
      const beat = `curl -fsS -m 10 --retry 3 -X POST ${shellQuote(i.url)}`;
      return [
        { id: 'curl-beat', title: 'Send a beat with curl', language: 'shell', text: beat },
        {
          id: 'cron',
          title: 'Beat from cron (crontab -e)',
          language: 'text',
          hint: `If no beat arrives for ${interval} minute${interval === 1 ? '' : 's'}, Operable raises an alert; the next beat resolves it.`,
          text: `${heartbeatCron(interval)} ${beat} > /dev/null`,
        },
      ];
    }
    default:
      return [];
  }
}
