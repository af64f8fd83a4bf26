import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlertmanager } from './alertmanager.js';
import { parseGeneric } from './generic.js';
import { fromOpsgenie, OpsgenieCreateSchema, opsgenieErrors } from './opsgenie.js';
import { parsePagerDuty, PagerDutyChangeSchema } from './pagerduty.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

describe('PagerDuty Events v2', () => {
  it('maps Alertmanager’s real trigger and resolve', () => {
    const trigger = parsePagerDuty(fixture('pagerduty-v2-trigger.json'));
    expect(trigger).toMatchObject({
      ok: true,
      value: {
        routingKey: '0123456789abcdef0123456789abcdef',
        event: {
          action: 'trigger',
          dedupKey: 'acb304c25a9d68af2124d0c0d4407d65a8e1eb417ce2bb40a009733a926f2e02',
          summary: '[FIRING:2] HighErrorRate (samples prod checkout-api checkout critical payments)',
          source: 'Alertmanager',
          severity: 'error',
          urgency: 'high',
          links: [{ href: 'http://127.0.0.1:9093/#/alerts?receiver=capture', text: 'Alertmanager' }],
        },
      },
    });
    expect(parsePagerDuty(fixture('pagerduty-v2-resolve.json'))).toMatchObject({ ok: true, value: { event: { action: 'resolve' } } });
  });

  it('ignores unknown fields', () => {
    const body = { ...fixture('pagerduty-v2-trigger.json'), shiny_new_field: { a: 1 } };
    expect(parsePagerDuty(body).ok).toBe(true);
  });

  it.each([
    [{}, "'routing_key' is missing or blank"],
    [{ routing_key: 'short', event_action: 'trigger' }, "'routing_key' must be 32 characters"],
    [{ routing_key: 'k'.repeat(32), event_action: 'explode' }, "'event_action'"],
    [{ routing_key: 'k'.repeat(32), event_action: 'trigger' }, "'payload' is missing or blank"],
    [{ routing_key: 'k'.repeat(32), event_action: 'resolve' }, "'dedup_key' is required for resolve"],
    [{ routing_key: 'k'.repeat(32), event_action: 'trigger', payload: { summary: 'x', source: 's', severity: 'loud' } }, "'payload.severity'"],
    [{ routing_key: 'k'.repeat(32), event_action: 'trigger', payload: { summary: 'x'.repeat(1025), source: 's', severity: 'info' } }, "'payload.summary'"],
    [{ routing_key: 'k'.repeat(32), event_action: 'trigger', dedup_key: 'd'.repeat(256), payload: { summary: 'x', source: 's', severity: 'info' } }, "'dedup_key'"],
  ])('rejects %j naming the field', (body, message) => {
    const r = parsePagerDuty(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join('\n')).toContain(message);
    // Each message names its field once, as PagerDuty's do ("'payload' is missing or blank").
    for (const error of r.ok ? [] : r.errors) {
      const field = /^'([^']+)'/.exec(error)?.[1];
      expect(error.split(`'${field}'`), error).toHaveLength(2);
    }
  });

  it('maps severity to urgency: warning/info are low', () => {
    const ev = (severity: string) => parsePagerDuty({ routing_key: 'k'.repeat(32), event_action: 'trigger', payload: { summary: 's', source: 'x', severity } });
    expect(['critical', 'error', 'warning', 'info'].map((s) => { const r = ev(s); return r.ok && r.value.event.action === 'trigger' && r.value.event.urgency; })).toEqual([
      'high',
      'high',
      'low',
      'low',
    ]);
  });

  it('accepts change events', () => {
    expect(PagerDutyChangeSchema.safeParse({ routing_key: 'k'.repeat(32), payload: { summary: 'Deployed v42' } }).success).toBe(true);
    expect(PagerDutyChangeSchema.safeParse({ routing_key: 'k'.repeat(32), payload: {} }).success).toBe(false);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void parsePagerDuty(v)));
  });
});

describe('Alertmanager webhook v4', () => {
  it('maps each alert of a real firing body by fingerprint', () => {
    const r = parseAlertmanager(fixture('webhook-firing.json'));
    expect(r.ok).toBe(true);
    const events = r.ok ? r.value : [];
    expect(events.map((e) => [e.action, e.dedupKey])).toEqual([
      ['trigger', '04bb69b65d7916a9'],
      ['trigger', 'c9a25827211c8974'],
    ]);
    expect(events[0]).toMatchObject({
      summary: 'High 5xx error rate on checkout (10.0.1.17:8080)',
      severity: 'critical',
      urgency: 'high',
      source: '10.0.1.17:8080',
      links: expect.arrayContaining([{ href: 'https://runbooks.example.com/checkout/high-error-rate', text: 'Runbook' }]),
    });
  });

  it('resolves per fingerprint, also in a mixed body', () => {
    const firing = fixture('webhook-firing.json');
    const resolved = fixture('webhook-resolved.json');
    const mixed = { ...firing, alerts: [firing.alerts[0], resolved.alerts[1]] };
    const r = parseAlertmanager(mixed);
    expect(r.ok && r.value.map((e) => [e.action, e.dedupKey])).toEqual([
      ['trigger', '04bb69b65d7916a9'],
      ['resolve', 'c9a25827211c8974'],
    ]);
  });

  it('falls back from summary to description to alertname', () => {
    const base = fixture('webhook-firing.json');
    const alert = { ...base.alerts[0], annotations: { description: 'D' } };
    const only = { ...base, alerts: [alert, { ...alert, fingerprint: 'ff', annotations: {} }] };
    const r = parseAlertmanager(only);
    expect(r.ok && r.value.map((e) => e.action === 'trigger' && e.summary)).toEqual(['D', 'HighErrorRate']);
  });

  it('accepts Grafana’s version 1 body with its extra fields', () => {
    const base = fixture('webhook-firing.json');
    const grafana = {
      ...base,
      version: '1',
      orgId: 1,
      title: '[FIRING:1] Checkout',
      state: 'alerting',
      message: 'm',
      alerts: [{ ...base.alerts[0], dashboardURL: 'https://grafana.example.com/d/abc', values: { A: 1 }, valueString: '[ var=A value=1 ]' }],
    };
    const r = parseAlertmanager(grafana);
    expect(r.ok && r.value[0]).toMatchObject({ links: expect.arrayContaining([{ href: 'https://grafana.example.com/d/abc', text: 'Dashboard' }]) });
  });

  it('rejects bodies without alerts or with a bad status, naming the field', () => {
    const r = parseAlertmanager({ version: '4', status: 'firing' });
    expect(!r.ok && r.errors[0]).toMatch(/^alerts:/);
    const s = parseAlertmanager({ ...fixture('webhook-firing.json'), status: 'burning' });
    expect(!s.ok && s.errors[0]).toMatch(/^status:/);
  });
});

describe('Opsgenie create alert', () => {
  it('maps alias to the dedup key and priority to urgency', () => {
    const e = fromOpsgenie(OpsgenieCreateSchema.parse({ message: 'Disk full', alias: 'db-1-disk', priority: 'P5', tags: ['db'] }));
    expect(e).toMatchObject({ dedupKey: 'db-1-disk', summary: 'Disk full', urgency: 'low', details: { tags: ['db'] } });
    expect(fromOpsgenie(OpsgenieCreateSchema.parse({ message: 'x' })).urgency).toBe('high');
  });

  it('reports Opsgenie-style errors', () => {
    const r = OpsgenieCreateSchema.safeParse({ message: '' });
    expect(!r.success && opsgenieErrors(r.error.issues)).toEqual({ message: 'Message can not be empty.' });
  });
});

describe('generic webhook', () => {
  it('takes one event or a batch', () => {
    expect(parseGeneric({ summary: 'Queue backed up' })).toMatchObject({ ok: true, value: [{ action: 'trigger', urgency: 'high' }] });
    const batch = parseGeneric({ events: [{ summary: 'a', severity: 'info' }, { action: 'resolve', dedupKey: 'k' }] });
    expect(batch).toMatchObject({ ok: true, value: [{ urgency: 'low' }, { action: 'resolve', dedupKey: 'k' }] });
  });

  it('names missing and unknown fields', () => {
    expect(parseGeneric({})).toMatchObject({ ok: false, errors: ['summary: Required to trigger'] });
    expect(parseGeneric({ action: 'resolve' })).toMatchObject({ ok: false, errors: ['dedupKey: Required to resolve'] });
    const unknown = parseGeneric({ summary: 's', sumary: 'typo' });
    expect(!unknown.ok && unknown.errors[0]).toMatch(/sumary/);
  });
});
