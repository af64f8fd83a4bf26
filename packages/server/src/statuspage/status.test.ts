import fc from 'fast-check';
import { COMPONENT_STATUSES, type ComponentStatus } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { automaticStatus, dayStatus, dayUptime, effectiveStatus, pageStatus, splitByDay, worst } from './status.js';
import { readConfirmToken, readUnsubscribeToken, confirmToken, unsubscribeToken } from './subscriber-links.js';
import { headersFile } from './export.js';

const status = fc.constantFrom(...COMPONENT_STATUSES);
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham'];

describe('status rules', () => {
  it('the worst status does not depend on order, and operational is the neutral one', () => {
    fc.assert(
      fc.property(fc.array(status), (list) => {
        expect(worst(list)).toBe(worst([...list].reverse()));
        expect(worst([...list, 'operational'])).toBe(worst(list));
        if (list.length) expect(list).toContain(worst(list));
      }),
    );
  });

  it('a manual status wins, then maintenance in progress, then what the component follows', () => {
    expect(effectiveStatus({ manual: 'major_outage', inMaintenance: true, automatic: 'operational' })).toBe('major_outage');
    expect(effectiveStatus({ manual: null, inMaintenance: true, automatic: 'partial_outage' })).toBe('under_maintenance');
    expect(effectiveStatus({ manual: null, inMaintenance: false, automatic: 'partial_outage' })).toBe('partial_outage');
    expect(automaticStatus([{ failingStatus: 'major_outage', failing: false, degraded: true }])).toBe('degraded_performance');
    expect(automaticStatus([{ failingStatus: 'major_outage', failing: true, degraded: true }, { failingStatus: 'partial_outage', failing: true, degraded: false }])).toBe('major_outage');
    expect(automaticStatus([])).toBe('operational');
  });

  it('the page indicator is only ever none, minor, major or critical; maintenance alone is none', () => {
    fc.assert(
      fc.property(fc.array(status), fc.array(fc.constantFrom('none', 'minor', 'major', 'critical')), (components, impacts) => {
        const s = pageStatus(components as ComponentStatus[], impacts);
        expect(['none', 'minor', 'major', 'critical']).toContain(s.indicator);
        expect(s.description.length).toBeGreaterThan(0);
      }),
    );
    expect(pageStatus(['under_maintenance', 'operational'], [])).toEqual({ indicator: 'none', description: 'Service Under Maintenance' });
    expect(pageStatus(['operational'], ['critical']).indicator).toBe('critical');
    expect(pageStatus(['major_outage'], []).indicator).toBe('critical');
  });

  it('a span split by local days keeps every second, on consecutive days, across DST changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / 1000, max: Date.parse('2027-01-01T00:00:00Z') / 1000 }),
        fc.integer({ min: 0, max: 20 * 86_400 }),
        (zone, from, length) => {
          const pieces = splitByDay(new Date(from * 1000), new Date((from + length) * 1000), zone);
          expect(pieces.reduce((n, p) => n + p.seconds, 0)).toBe(length);
          for (const p of pieces) expect(p.seconds).toBeLessThanOrEqual(25 * 3600);
          for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.day > pieces[i - 1]!.day).toBe(true);
        },
      ),
    );
    // London's spring-forward day has 23 hours.
    expect(splitByDay(new Date('2026-03-29T00:00:00Z'), new Date('2026-03-30T00:00:00Z'), 'Europe/London')).toEqual([
      { day: '2026-03-29', seconds: 23 * 3600 },
      { day: '2026-03-30', seconds: 3600 },
    ]);
  });

  it('a day’s uptime counts major outage fully and partial outage at 30 %', () => {
    expect(dayUptime({ degraded: 86_400, partial: 0, major: 0, maintenance: 0 })).toBe(1);
    expect(dayUptime({ degraded: 0, partial: 86_400, major: 0, maintenance: 0 })).toBeCloseTo(0.7);
    expect(dayUptime({ degraded: 0, partial: 0, major: 43_200, maintenance: 0 })).toBe(0.5);
    expect(dayStatus({ degraded: 10, partial: 0, major: 1, maintenance: 0 })).toBe('major_outage');
  });
});

describe('subscriber links', () => {
  const secret = 'test-secret';
  const now = new Date('2026-03-03T10:00:00Z');
  it('confirmation links expire after 48 hours and cannot stand in for unsubscribe links, nor the reverse', () => {
    const c = confirmToken(secret, 'sub-1', now);
    expect(readConfirmToken(secret, c, new Date(now.getTime() + 47 * 3_600_000))).toBe('sub-1');
    expect(readConfirmToken(secret, c, new Date(now.getTime() + 49 * 3_600_000))).toBeNull();
    expect(readConfirmToken('other', c, now)).toBeNull();
    const u = unsubscribeToken(secret, 'sub-1');
    expect(readUnsubscribeToken(secret, u)).toBe('sub-1');
    expect(readUnsubscribeToken(secret, c)).toBeNull();
    expect(readConfirmToken(secret, u, now)).toBeNull();
    expect(readUnsubscribeToken(secret, u.replace('sub-1', 'sub-2'))).toBeNull();
  });
});

describe('the _headers sidecar', () => {
  it('lists the page at / and /index.html, and each file with its type', () => {
    const doc = (file: string, contentType: string, headers: Record<string, string> = {}) => ({ file, contentType, body: Buffer.from(''), gzip: Buffer.from(''), etag: '"x"', headers });
    const text = headersFile([doc('index.html', 'text/html; charset=utf-8', { 'content-security-policy': "default-src 'none'" }), doc('history.rss', 'application/rss+xml; charset=utf-8')]);
    expect(text).toBe(
      [
        '/',
        '  Content-Type: text/html; charset=utf-8',
        '  Cache-Control: public, max-age=30',
        "  Content-Security-Policy: default-src 'none'",
        '/index.html',
        '  Content-Type: text/html; charset=utf-8',
        '  Cache-Control: public, max-age=30',
        "  Content-Security-Policy: default-src 'none'",
        '/history.rss',
        '  Content-Type: application/rss+xml; charset=utf-8',
        '  Cache-Control: public, max-age=30',
        '',
      ].join('\n'),
    );
  });
});
