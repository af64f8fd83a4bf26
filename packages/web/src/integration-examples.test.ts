import { describe, expect, it } from 'vitest';
import { baseUrlOf, heartbeatCron, integrationExamples, shellQuote, type ExampleInput } from './integration-examples';

const KEY = '0123456789abcdef0123456789abcdef';
const input = (kind: ExampleInput['kind'], url: string, heartbeatIntervalMinutes: number | null = null): ExampleInput => ({ kind, key: KEY, url, heartbeatIntervalMinutes });

describe('integration examples', () => {
  it('PagerDuty: curl to /v2/enqueue with the routing key, and an Alertmanager pagerduty_configs receiver', () => {
    const ex = integrationExamples(input('pagerduty', 'https://ops.example.com/v2/enqueue'));
    const curl = ex.find((e) => e.id === 'curl-trigger')!.text;
    expect(curl).toContain("curl -sS -X POST 'https://ops.example.com/v2/enqueue'");
    expect(curl).toContain(`"routing_key": "${KEY}"`);
    expect(curl).toContain('"event_action": "trigger"');
    const yaml = ex.find((e) => e.id === 'alertmanager-pagerduty')!.text;
    expect(yaml).toContain(`- routing_key: ${KEY}`);
    expect(yaml).toContain('url: https://ops.example.com/v2/enqueue');
  });

  it('Opsgenie: GenieKey header to /v2/alerts', () => {
    const [create] = integrationExamples(input('opsgenie', 'https://ops.example.com/v2/alerts'));
    expect(create!.text).toContain(`-H 'Authorization: GenieKey ${KEY}'`);
    expect(create!.text).toContain("'https://ops.example.com/v2/alerts'");
  });

  it('Alertmanager: webhook receiver with send_resolved', () => {
    const url = `https://ops.example.com/ingest/alertmanager/${KEY}`;
    const [receiver] = integrationExamples(input('alertmanager', url));
    expect(receiver!.text).toBe(['receivers:', '  - name: operable', '    webhook_configs:', `      - url: ${url}`, '        send_resolved: true'].join('\n'));
  });

  it('Grafana: a webhook contact point using POST', () => {
    const url = `https://ops.example.com/ingest/grafana/${KEY}`;
    const [point] = integrationExamples(input('grafana', url));
    expect(point!.text).toContain(`URL: ${url}`);
    expect(point!.text).toContain('HTTP Method: POST');
  });

  it('generic and heartbeat: curl to the URL; heartbeat adds a cron line', () => {
    const url = `https://ops.example.com/ingest/generic/${KEY}`;
    expect(integrationExamples(input('generic', url))[0]!.text).toContain(`'${url}'`);
    const hb = integrationExamples(input('heartbeat', `https://ops.example.com/ingest/heartbeat/${KEY}`, 10));
    expect(hb.find((e) => e.id === 'cron')!.text).toMatch(/^\*\/5 \* \* \* \* curl /);
  });

  it('beats at about half the interval', () => {
    expect(heartbeatCron(1)).toBe('* * * * *');
    expect(heartbeatCron(3)).toBe('* * * * *');
    expect(heartbeatCron(30)).toBe('*/15 * * * *');
    expect(heartbeatCron(120)).toBe('0 * * * *');
    expect(heartbeatCron(600)).toBe('0 */5 * * *');
    expect(heartbeatCron(10080)).toBe('0 0 * * *');
  });

  it('quotes for the shell and finds the base URL', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(baseUrlOf('https://ops.example.com/operable/ingest/generic/abc')).toBe('https://ops.example.com/operable');
    expect(baseUrlOf('https://ops.example.com/v2/enqueue')).toBe('https://ops.example.com');
  });
});
