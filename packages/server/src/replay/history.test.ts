import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHistory, within } from './history.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url), 'utf8'));

describe('replay histories', () => {
  it("reads Operable's own export: triggers, a person's acknowledgement, a sender's resolve", () => {
    const h = parseHistory(
      [
        '{"at":"2026-03-02T22:00:00Z","service":"Checkout","action":"trigger","dedupKey":"db1","summary":"DB down","severity":"critical"}',
        '{"at":"2026-03-02T22:04:00Z","service":"Checkout","action":"acknowledge","dedupKey":"db1","by":"ann@example.com"}',
        '{"at":"2026-03-02T22:30:00Z","service":"Checkout","action":"resolve","dedupKey":"db1"}',
        '{"at":"2026-03-02T22:31:00Z","service":"Checkout","action":"trigger","dedupKey":"disk","severity":"warning"}',
      ].join('\n'),
    );
    expect(h.errors).toEqual([]);
    expect(h.events.map((e) => [e.line, e.events[0]!.action, e.by])).toEqual([
      [1, 'trigger', null],
      [2, 'acknowledge', 'ann@example.com'],
      [3, 'resolve', null],
      [4, 'trigger', null],
    ]);
    expect(h.events[0]!.route).toEqual({ service: 'Checkout' });
    const disk = h.events[3]!.events[0]!;
    expect(disk.action === 'trigger' && [disk.urgency, disk.summary]).toEqual(['low', 'disk']);
  });

  it('reads PagerDuty Events v2 lines, bare with an arrival time or wrapped, and falls back to the payload timestamp', () => {
    const event = { routing_key: 'R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12', event_action: 'trigger', dedup_key: 'k1', payload: { summary: 'CPU high', source: 'web-1', severity: 'critical', timestamp: '2026-03-02T21:59:00Z' } };
    const h = parseHistory(
      [
        JSON.stringify({ received_at: '2026-03-02T22:00:00Z', ...event }),
        JSON.stringify({ at: '2026-03-02T22:05:00Z', event: { routing_key: 'R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12', event_action: 'resolve', dedup_key: 'k1' } }),
        JSON.stringify(event),
      ].join('\n'),
    );
    expect(h.errors).toEqual([]);
    expect(h.events.map((e) => [e.line, e.at.toISOString(), e.events[0]!.action])).toEqual([
      [3, '2026-03-02T21:59:00.000Z', 'trigger'],
      [1, '2026-03-02T22:00:00.000Z', 'trigger'],
      [2, '2026-03-02T22:05:00.000Z', 'resolve'],
    ]);
    expect(h.events[0]!.route).toEqual({ integrationKey: 'R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY12' });
  });

  it("reads Alertmanager bodies with their arrival time, one event per alert, mixed states kept apart", () => {
    const body = fixture('webhook-firing.json');
    body.alerts[0].status = 'resolved';
    const h = parseHistory(JSON.stringify({ receivedAt: '2026-03-02T22:00:00Z', integrationKey: 'am-key', body }));
    expect(h.errors).toEqual([]);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]!.events.map((e) => e.action)).toEqual(['resolve', ...body.alerts.slice(1).map(() => 'trigger')]);
  });

  it('reports every bad line with its number and goes on', () => {
    const good = '{"at":"2026-03-02T22:00:00Z","service":"Checkout","action":"trigger","dedupKey":"db1"}';
    const h = parseHistory(
      [
        'not json',
        good,
        '[1,2]',
        '',
        '{"at":"yesterday","service":"Checkout","action":"trigger","dedupKey":"x"}',
        '{"at":"2026-03-02T22:00:00Z","action":"trigger","dedupKey":"x"}',
        '{"at":"2026-03-02T22:00:00Z","service":"Checkout","action":"explode","dedupKey":"x"}',
        '{"received_at":"2026-03-02T22:00:00Z","routing_key":"R","event_action":"trigger"}',
        '{"receivedAt":"2026-03-02T22:00:00Z","body":{"alerts":[]}}',
        '{"receivedAt":"2026-03-02T22:00:00Z","service":"Checkout","body":{"version":"4","status":"firing","alerts":"none"}}',
        '{"hello":"world"}',
        good,
      ].join('\n'),
    );
    expect(h.lines).toBe(11);
    expect(h.events.map((e) => e.line)).toEqual([2, 12]);
    expect(h.errors.map((e) => e.line)).toEqual([1, 3, 5, 6, 7, 8, 9, 10, 11]);
    expect(h.errors[0]!.error).toBe('not valid JSON');
    expect(h.errors.find((e) => e.line === 5)!.error).toMatch(/'at' is not a valid time/);
    expect(h.errors.find((e) => e.line === 6)!.error).toMatch(/'service'/);
    expect(h.errors.find((e) => e.line === 8)!.error).toMatch(/payload/);
    expect(h.errors.find((e) => e.line === 9)!.error).toMatch(/integrationKey/);
    expect(h.errors.find((e) => e.line === 10)!.error).toMatch(/^body: /);
  });

  it('keeps file order among events of the same moment, and cuts a period', () => {
    const line = (key: string, at: string) => JSON.stringify({ at, service: 'S', action: 'trigger', dedupKey: key });
    const h = parseHistory([line('b', '2026-03-02T22:00:00Z'), line('a', '2026-03-02T21:00:00Z'), line('c', '2026-03-02T22:00:00Z')].join('\n'));
    expect(h.events.map((e) => e.events[0]!.dedupKey)).toEqual(['a', 'b', 'c']);
    expect(within(h.events, new Date('2026-03-02T21:30:00Z'), new Date('2026-03-02T22:00:00Z'))).toEqual([]);
    expect(within(h.events, new Date('2026-03-02T21:30:00Z')).map((e) => e.line)).toEqual([1, 3]);
  });
});
