import type { Alert, AlertDetail } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { actionMessage, detailParts, formatAge, formatAlertDetail, formatAlertTable, formatTime, parseAlertRef, truncate } from './alert-format.js';
import { CliError } from './context.js';

const NOW = new Date('2025-03-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: '0195a1b2-0000-7000-8000-000000000042',
    number: 42,
    serviceId: '0195a1b2-0000-7000-8000-0000000000aa',
    serviceName: 'checkout-api',
    integrationId: null,
    dedupKey: 'k',
    status: 'triggered',
    urgency: 'high',
    summary: 'Checkout error rate above 5%',
    source: null,
    severity: null,
    details: {},
    links: [],
    occurrences: 1,
    groupLeaderId: null,
    groupSize: 1,
    suppressedBy: null,
    createdAt: ago(300),
    lastSeenAt: ago(300),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

describe('parseAlertRef', () => {
  it('reads numbers with or without #, and UUIDs', () => {
    expect(parseAlertRef('42')).toEqual({ number: 42 });
    expect(parseAlertRef('#7')).toEqual({ number: 7 });
    expect(parseAlertRef('0195A1B2-0000-7000-8000-000000000042')).toEqual({ id: '0195a1b2-0000-7000-8000-000000000042' });
  });

  it('rejects anything else as a usage error (exit code 2)', () => {
    for (const bad of ['', '#', '0', '-3', '4.5', 'abc', '#42x', '0195a1b2-0000']) {
      const error = (() => {
        try {
          parseAlertRef(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});

describe('formatAge', () => {
  it('uses the largest whole unit', () => {
    expect(formatAge(ago(0), NOW)).toBe('0s');
    expect(formatAge(ago(59), NOW)).toBe('59s');
    expect(formatAge(ago(60), NOW)).toBe('1m');
    expect(formatAge(ago(3599), NOW)).toBe('59m');
    expect(formatAge(ago(2 * 3600 + 59), NOW)).toBe('2h');
    expect(formatAge(ago(3 * 86_400 + 7200), NOW)).toBe('3d');
  });

  it('says 0s for a time slightly ahead of this machine’s clock', () => {
    expect(formatAge(ago(-30), NOW)).toBe('0s');
  });
});

describe('truncate', () => {
  it('cuts with an ellipsis, counting code points, and flattens whitespace', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('exactly10!', 10)).toBe('exactly10!');
    expect(truncate('a much longer summary', 10)).toBe('a much lo…');
    expect(truncate('𝔸𝔹𝔸𝔹𝔸', 4)).toBe('𝔸𝔹𝔸…');
    expect(truncate('two\nlines\t here', 50)).toBe('two lines here');
  });
});

describe('formatAlertTable', () => {
  it('prints one aligned row per alert with age, count and group', () => {
    const leader = alert({ groupSize: 3, occurrences: 4 });
    const follower = alert({ id: '0195a1b2-0000-7000-8000-000000000043', number: 43, groupLeaderId: leader.id, urgency: 'low', createdAt: ago(7200) });
    const lines = formatAlertTable([follower, leader], NOW).split('\n');
    expect(lines).toEqual([
      '#   STATUS     URGENCY  SERVICE       SUMMARY                       AGE  COUNT  GROUP',
      '43  triggered  low      checkout-api  Checkout error rate above 5%  2h   1      in #42',
      '42  triggered  high     checkout-api  Checkout error rate above 5%  5m   4      +2',
    ]);
  });

  it('says "grouped" when the group’s leader is not in the list', () => {
    const line = formatAlertTable([alert({ groupLeaderId: '0195a1b2-0000-7000-8000-000000000001' })], NOW).split('\n')[1]!;
    expect(line).toMatch(/1\s+grouped$/);
  });

  it('cuts long summaries so rows fit the width, but never below 20 characters', () => {
    const long = alert({ summary: 'x'.repeat(300) });
    for (const line of formatAlertTable([long], NOW, 100).split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(formatAlertTable([long], NOW, 100)).toContain(`${'x'.repeat(41)}…`);
    const narrow = formatAlertTable([long], NOW, 40).split('\n')[1]!;
    expect(narrow).toContain(`${'x'.repeat(19)}…`);
  });
});

describe('formatTime', () => {
  it('is sortable and names the zone', () => {
    expect(formatTime('2025-03-01T09:05:07.123Z', 'UTC')).toBe('2025-03-01 09:05:07 UTC');
    expect(formatTime('2025-07-01T23:30:00Z', 'Asia/Tokyo')).toBe('2025-07-02 08:30:00 GMT+9');
  });
});

describe('detailParts', () => {
  it('prints key: value, nested values as JSON, and skips empty ones', () => {
    expect(detailParts({ reason: 'x', n: 2, list: [], gone: null, nested: { a: 1 } })).toEqual(['reason: x', 'n: 2', 'nested: {"a":1}']);
    expect(detailParts(null)).toEqual([]);
    expect(detailParts('text')).toEqual(['"text"']);
  });
});

describe('formatAlertDetail', () => {
  it('prints the facts, links, runbook and the log as a timeline', () => {
    const detail: AlertDetail = {
      ...alert({
        status: 'acknowledged',
        acknowledgedAt: ago(60),
        acknowledgedBy: 'ada@example.com',
        source: 'prometheus',
        links: [{ href: 'https://grafana.example.com/d/1', text: 'Dashboard' }, { href: 'https://example.com/raw' }],
        details: { region: 'eu-west-1' },
      }),
      runbookUrl: 'https://runbooks.example.com/checkout',
      runbookMarkdown: '',
      log: [
        { id: '1', at: ago(300), event: 'triggered', actor: 'ada@example.com', channel: null, target: null, result: null, details: { urgency: 'high' } },
        { id: '2', at: ago(60), event: 'acknowledged', actor: 'ada@example.com', channel: 'api', target: null, result: null, details: null },
      ],
    };
    const text = formatAlertDetail(detail, { now: NOW, timeZone: 'UTC', webUrl: 'https://ops.example.com/alerts/x' });
    expect(text.split('\n')).toEqual([
      '#42  Checkout error rate above 5%',
      '',
      'Status        acknowledged',
      'Urgency       high',
      'Service       checkout-api',
      'Created       2025-03-01 11:55:00 UTC (5m ago)',
      'Acknowledged  2025-03-01 11:59:00 UTC (1m ago) by ada@example.com',
      'Source        prometheus',
      'Runbook       https://runbooks.example.com/checkout',
      'Web           https://ops.example.com/alerts/x',
      'ID            0195a1b2-0000-7000-8000-000000000042',
      '',
      'Links:',
      '  Dashboard  https://grafana.example.com/d/1',
      '  https://example.com/raw',
      '',
      'Details:',
      '  region: eu-west-1',
      '',
      'Timeline:',
      '  TIME                     EVENT         BY               DETAILS',
      '  2025-03-01 11:55:00 UTC  triggered     ada@example.com  urgency: high',
      '  2025-03-01 11:59:00 UTC  acknowledged  ada@example.com  via api',
    ]);
  });

  it('points to the web UI for a runbook written in Operable, and flags suppression', () => {
    const detail: AlertDetail = { ...alert({ suppressedBy: '0195a1b2-0000-7000-8000-0000000000ff' }), runbookUrl: null, runbookMarkdown: '## Steps', log: [] };
    const text = formatAlertDetail(detail, { now: NOW, timeZone: 'UTC', webUrl: 'https://ops/alerts/1' });
    expect(text).toContain('Runbook  (written in Operable; open the Web link)\nWeb      https://ops/alerts/1');
    expect(text).toContain('Status   triggered (suppressed by a maintenance window: nobody was paged)');
    expect(text).toContain('Timeline:\n  (empty)');
  });
});

describe('actionMessage', () => {
  const triggered = alert();
  const acked = alert({ status: 'acknowledged', acknowledgedBy: 'bob@example.com' });
  const resolved = alert({ status: 'resolved', resolvedBy: 'carol@example.com' });

  it('says what changed', () => {
    expect(actionMessage('acknowledge', triggered, acked)).toBe('Acknowledged #42: Checkout error rate above 5%');
    expect(actionMessage('resolve', acked, resolved)).toBe('Resolved #42: Checkout error rate above 5%');
    expect(actionMessage('resolve', alert({ groupSize: 3 }), alert({ status: 'resolved', groupSize: 3 }))).toBe(
      'Resolved #42 (and the 2 alerts in its group): Checkout error rate above 5%',
    );
  });

  it('says when nothing changed because the alert was already there (or further)', () => {
    expect(actionMessage('acknowledge', acked, acked)).toBe('#42 was already acknowledged by bob@example.com: Checkout error rate above 5%');
    expect(actionMessage('acknowledge', resolved, resolved)).toBe('#42 was already resolved by carol@example.com: Checkout error rate above 5%');
    expect(actionMessage('resolve', resolved, resolved)).toBe('#42 was already resolved by carol@example.com: Checkout error rate above 5%');
  });
});
