import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/actors.js';
import { databaseKinds } from '../../test-support/databases.js';
import { createHarness, type Harness } from '../../test-support/harness.js';
import { durationDays, parseOpenSlo, parseSloth } from './spec-import.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('OpenSLO v1', () => {
  it('reads SLOs with an SLI by reference, an inline latency SLI with two objectives, and a bad/total ratio', () => {
    const result = parseOpenSlo(fixture('openslo-checkout.yaml'));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.slos).toEqual([
      {
        name: 'Checkout availability',
        description: 'Customers can complete a checkout',
        kind: 'availability',
        objective: 0.999,
        windowDays: 28,
        latencyThresholdMs: null,
        queries: {
          good: 'sum(increase(http_requests_total{job="checkout-api",code!~"5.."}[1m]))',
          total: 'sum(increase(http_requests_total{job="checkout-api"}[1m]))',
        },
        alerting: true,
      },
      expect.objectContaining({ name: 'Checkout latency p95', kind: 'latency', objective: 0.95, windowDays: 30, latencyThresholdMs: 300 }),
      expect.objectContaining({ name: 'Checkout latency p99', kind: 'latency', objective: 0.99, windowDays: 30, latencyThresholdMs: 300 }),
      expect.objectContaining({
        name: 'payment-callbacks',
        kind: 'availability',
        objective: 0.995,
        windowDays: 7,
        queries: { good: '(sum(increase(payment_callbacks_total[1m]))) - (sum(increase(payment_callbacks_failed_total[1m])))', total: 'sum(increase(payment_callbacks_total[1m]))' },
      }),
    ]);
  });

  it('names every problem with its document: wrong version, calendar windows, odd durations, missing targets and references', () => {
    const spec = [
      'apiVersion: openslo/v2alpha\nkind: SLO\nmetadata: {name: a}\nspec: {}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: b}\nspec:\n  indicatorRef: nowhere\n  timeWindow: [{duration: 1M, isRolling: false}]\n  objectives: [{target: 99.9}]',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: c}\nspec:\n  budgetingMethod: Timeslices\n  timeWindow: [{duration: 14d, isRolling: true}]\n  objectives: []',
    ].join('\n---\n');
    const result = parseOpenSlo(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'document 1: apiVersion must be openslo/v1',
      'document 2 (b): indicatorRef nowhere is not an SLI in this file',
      'document 2 (b): timeWindow must be 7, 28 or 30 days',
      'document 2 (b): only rolling time windows are supported, not calendar-aligned ones',
      'document 2 (b): objectives.0 needs a target between 0 and 1 (or targetPercent)',
      'document 3 (c): timeWindow must be 7, 28 or 30 days',
      'document 3 (c): budgetingMethod must be Occurrences',
      'document 3 (c): needs at least one objective',
    ]);
  });

  it('reports YAML syntax errors and files without SLOs', () => {
    const broken = parseOpenSlo('apiVersion: openslo/v1\nkind: [SLO');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0]).toMatch(/^document 1: /);
    // Found by the fuzz test: an alias to nothing threw past the parser (a 500).
    expect(parseOpenSlo('*-')).toEqual({ ok: false, problems: [expect.stringMatching(/^document 1: .*alias/i)] });
    expect(parseOpenSlo('apiVersion: openslo/v1\nkind: Service\nmetadata: {name: x}')).toEqual({ ok: false, problems: ['no SLO documents (kind: SLO) found'] });
  });

  it('reads durations in minutes, hours, days and weeks', () => {
    expect([durationDays('30d'), durationDays('4w'), durationDays('720h'), durationDays('10080m'), durationDays('36h'), durationDays('1M')]).toEqual([30, 28, 30, 7, null, null]);
  });
});

describe('Sloth prometheus/v1', () => {
  it('turns error/total rate queries into per-minute good/total counts, 30 days, alerting unless both alerts are disabled', () => {
    const result = parseSloth(fixture('sloth-payments.yaml'));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const total = '(sum(rate(http_request_duration_seconds_count{job="payments"}[1m]))) * 60';
    expect(result.slos).toEqual([
      {
        name: 'requests-availability',
        description: 'Payment API requests that do not fail with a 5xx or 429.',
        kind: 'availability',
        objective: 0.999,
        windowDays: 30,
        latencyThresholdMs: null,
        queries: { good: `(${total}) - ((sum(rate(http_request_duration_seconds_count{job="payments",code=~"(5..|429)"}[1m]))) * 60)`, total },
        alerting: true,
      },
      expect.objectContaining({
        name: 'refunds-processed',
        objective: 0.995,
        alerting: false,
        queries: { good: '(sum(increase(refund_jobs_total[1m]))) - (sum(increase(refund_jobs_failed_total[1m])))', total: 'sum(increase(refund_jobs_total[1m]))' },
      }),
    ]);
  });

  it('refuses raw ratios and plugins, which give no counts, and objectives out of range', () => {
    const spec = [
      'version: prometheus/v1',
      'service: x',
      'slos:',
      '  - name: raw',
      '    objective: 99',
      '    sli: {raw: {error_ratio_query: "sum(x)"}}',
      '  - name: high',
      '    objective: 100',
      '    sli: {events: {error_query: a, total_query: b}}',
    ].join('\n');
    const result = parseSloth(spec);
    expect(result).toEqual({
      ok: false,
      problems: [
        'document 1 slos.0 (raw): only sli.events (error_query and total_query) can be imported; raw ratios and plugins give no counts',
        'document 1 slos.1 (high): objective must be a percentage between 0 and 100',
      ],
    });
    expect(parseSloth('version: prometheus/v2\nslos: []')).toEqual({ ok: false, problems: ['document 1: version must be prometheus/v1'] });
  });
});

const KINDS = await databaseKinds();

describe.each(KINDS)('POST /api/slos/import on %s', (kind) => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness(kind);
    w = await createWorld(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates every SLO of the file for the service; with a Prometheus URL they read their queries from it', async () => {
    const { items } = await w.responder.call('POST', '/api/slos/import', { format: 'openslo', serviceId: w.serviceA.id, spec: fixture('openslo-checkout.yaml'), prometheusUrl: 'http://127.0.0.1:9090' });
    expect(items.map((s: { name: string }) => s.name)).toEqual(['Checkout availability', 'Checkout latency p95', 'Checkout latency p99', 'payment-callbacks']);
    expect(items[1]).toMatchObject({ kind: 'latency', latencyThresholdMs: 300, source: { type: 'prometheus', url: 'http://127.0.0.1:9090' } });
    const audit = await w.admin.call('GET', '/api/audit?limit=1');
    expect(audit.items[0]).toMatchObject({ action: 'slo.import' });
  });

  it('is all or nothing: a name already taken leaves none of the file behind', async () => {
    const before = (await w.viewer.call('GET', `/api/slos?serviceId=${w.serviceA.id}`)).items.length;
    const res = await w.responder.request('/api/slos/import', { method: 'POST', json: { format: 'sloth', serviceId: w.serviceA.id, spec: fixture('sloth-payments.yaml') } });
    expect(res.status).toBe(201);
    const again = await w.responder.request('/api/slos/import', { method: 'POST', json: { format: 'sloth', serviceId: w.serviceA.id, spec: fixture('sloth-payments.yaml') } });
    expect(again.status).toBe(409);
    const after = await w.viewer.call('GET', `/api/slos?serviceId=${w.serviceA.id}`);
    expect(after.items.length).toBe(before + 2);
    expect(after.items.find((s: { name: string }) => s.name === 'requests-availability').source).toEqual({ type: 'push' });
  });

  it('answers a spec problem as 400 on the spec field, listing each', async () => {
    const res = await w.responder.request('/api/slos/import', { method: 'POST', json: { format: 'sloth', serviceId: w.serviceA.id, spec: 'version: prometheus/v1\nslos:\n  - name: x\n    objective: 120\n    sli: {plugin: {id: foo}}' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: { field: string; message: string }[] } } };
    expect(body.error.details.fields.map((f) => f.field)).toEqual(['spec', 'spec']);
  });
});
