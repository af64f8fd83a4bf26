import type { AlertLogEntry, AlertPerson, AlertResponder } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { actorName, listNames, logSentence, namesOf, nobodyReached, responderState } from './alert-story';

const ANA = '00000000-0000-4000-8000-00000000000a';
const BO = '00000000-0000-4000-8000-00000000000b';
const people: AlertPerson[] = [
  { id: ANA, name: 'Ana Lima', email: 'ana@example.com', timeZone: 'Europe/Berlin' },
  { id: BO, name: 'Bo Chen', email: 'bo@example.com', timeZone: 'UTC' },
];
const names = namesOf(people);
const e = (event: string, extra: Partial<AlertLogEntry> = {}): AlertLogEntry => ({
  id: '1',
  at: '2026-01-01T03:00:00.000Z',
  event,
  actor: 'engine',
  channel: null,
  target: null,
  result: null,
  details: null,
  ...extra,
});
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}/;

describe('log sentences', () => {
  const cases: [AlertLogEntry, string][] = [
    [e('triggered', { actor: 'ana@example.com', details: { source: 'ana@example.com', urgency: 'high' } }), 'Ana Lima raised the alert (high urgency).'],
    [e('triggered', { actor: 'Prometheus', details: { urgency: 'low' } }), 'Prometheus raised the alert (low urgency).'],
    [
      e('triggered', { actor: 'Prometheus', details: { urgency: 'high', source: 'db2', leaderId: 'l' } }),
      'Prometheus raised the alert (high urgency). It joined a storm group: people were paged once, for the alert that leads it.',
    ],
    [e('grouped', { details: { leaderId: 'l' } }), 'It joined a storm group: people were paged once, for the alert that leads it.'],
    [e('acknowledged', { actor: 'bo@example.com', channel: 'sms' }), 'Bo Chen acknowledged it by SMS reply.'],
    [e('acknowledged', { actor: 'bo@example.com (key op_1…)', channel: 'api' }), 'Bo Chen (API key) acknowledged it through the API.'],
    [e('resolved', { actor: 'ana@example.com', channel: 'web' }), 'Ana Lima resolved it in the web app.'],
    [e('escalated', { details: { step: 1, users: [ANA, BO], unreachable: [], webhooks: 0 } }), 'Step 1 of the escalation policy paged Ana Lima and Bo Chen.'],
    [
      e('escalated', { details: { step: 2, users: [ANA], unreachable: [BO], webhooks: 1 } }),
      'Step 2 of the escalation policy paged Ana Lima and a webhook. Bo Chen could not be paged: no contact method that works.',
    ],
    [e('step_skipped', { details: { step: 1, users: [], unreachable: [ANA] } }), 'Step 1 reached nobody: Ana Lima had no contact method that works, so it went on to the next step.'],
    [e('not_paged', { details: { reason: 'The service has no escalation policy' } }), 'Nobody was paged: the service has no escalation policy.'],
    [e('notified', { channel: 'email', target: 'ana@example.com', userId: ANA }), 'Email delivered to Ana Lima.'],
    [e('notified', { channel: 'webhook', target: 'hooks.example.com' }), 'Webhook delivered to hooks.example.com.'],
    [e('notify_failed', { channel: 'sms', result: 'retrying', userId: BO, details: { error: 'timeout', retryInSeconds: 30 } }), 'SMS to Bo Chen failed (timeout); trying again in 30 s.'],
    [e('fall_through', { channel: 'voice', userId: BO, details: { userId: BO } }), 'Trying Bo Chen’s next contact method: Voice call.'],
    [e('unreachable', { userId: ANA, details: { userId: ANA } }), 'Couldn’t reach Ana Lima: every contact method failed.'],
    [e('escalate_now', { actor: 'ana@example.com' }), 'Ana Lima escalated it by hand.'],
    [e('escalation_exhausted'), 'Every step of the escalation policy has run and nobody acknowledged.'],
  ];
  it.each(cases)('%#: %s', (entry, sentence) => {
    expect(logSentence(entry, names, 'UTC')).toBe(sentence);
  });
  it('never shows an id, even for people since removed or unknown events', () => {
    const gone = '00000000-0000-4000-8000-0000000000ff';
    for (const entry of [
      e('escalated', { details: { step: 1, users: [gone] } }),
      e('unreachable', { userId: gone, details: { userId: gone } }),
      e('something_new', { details: { userId: gone, note: 'x' } }),
    ])
      expect(logSentence(entry, names)).not.toMatch(UUID);
  });
  it('names people by email, and leaves other actors as they are', () => {
    expect(actorName('ANA@example.com', names)).toBe('Ana Lima');
    expect(actorName('system', names)).toBe('Operable');
    expect(actorName(null, names)).toBe('Someone');
    expect(listNames([ANA, BO, ANA], names)).toBe('Ana Lima, Bo Chen and Ana Lima');
    expect(listNames([], names)).toBe('nobody');
  });
});

const responder = (extra: Partial<AlertResponder>): AlertResponder => ({
  userId: ANA,
  name: 'Ana Lima',
  timeZone: 'UTC',
  shadow: false,
  pagedAt: '2026-01-01T03:00:00.000Z',
  nextAt: null,
  deliveredAt: null,
  deliveredVia: null,
  failed: false,
  acknowledgedAt: null,
  ...extra,
});

describe('where a responder stands', () => {
  it('takes the furthest step', () => {
    expect(responderState(responder({}))).toBe('paged');
    expect(responderState(responder({ nextAt: '2026-01-01T03:10:00.000Z' }))).toBe('waiting');
    expect(responderState(responder({ deliveredAt: '2026-01-01T03:01:00.000Z' }))).toBe('delivered');
    expect(responderState(responder({ failed: true }))).toBe('failed');
    expect(responderState(responder({ deliveredAt: '2026-01-01T03:01:00.000Z', acknowledgedAt: '2026-01-01T03:02:00.000Z' }))).toBe('acknowledged');
  });
});

describe('nobody reached', () => {
  const base = { status: 'triggered' as const, suppressedBy: null, groupLeaderId: null, responders: [] as AlertResponder[], log: [] as AlertLogEntry[] };
  it('is loud when the log says nobody was paged, or everyone failed; quiet before the engine has run', () => {
    expect(nobodyReached(base)).toBe(false);
    expect(nobodyReached({ ...base, log: [e('not_paged')] })).toBe(true);
    expect(nobodyReached({ ...base, log: [e('step_skipped')] })).toBe(true);
    expect(nobodyReached({ ...base, responders: [responder({ failed: true })] })).toBe(true);
    expect(nobodyReached({ ...base, responders: [responder({ failed: true }), responder({ userId: BO })] })).toBe(false);
    expect(nobodyReached({ ...base, responders: [responder({ shadow: true })], log: [e('step_skipped')] })).toBe(true);
  });
  it('is quiet for acknowledged, suppressed and grouped alerts', () => {
    expect(nobodyReached({ ...base, status: 'acknowledged', log: [e('not_paged')] })).toBe(false);
    expect(nobodyReached({ ...base, suppressedBy: 'w', log: [e('suppressed')] })).toBe(false);
    expect(nobodyReached({ ...base, groupLeaderId: 'l', log: [e('grouped')] })).toBe(false);
  });
});
