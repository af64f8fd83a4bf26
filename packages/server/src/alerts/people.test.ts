import type { AlertLogEntry, AlertPerson } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { actorEmail, entryUserId, mentionedIds, summarizeResponders } from './people.js';

const ANA = '00000000-0000-4000-8000-00000000000a';
const BO = '00000000-0000-4000-8000-00000000000b';
const MSG = '00000000-0000-4000-8000-0000000000f1';
const people: AlertPerson[] = [
  { id: ANA, name: 'Ana', email: 'ana@example.com', timeZone: 'Europe/Berlin' },
  { id: BO, name: 'Bo', email: 'bo@example.com', timeZone: 'UTC' },
];
const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 3, min));
const entry = (id: number, min: number, event: string, extra: Partial<AlertLogEntry> = {}): AlertLogEntry => ({
  id: String(id),
  at: at(min).toISOString(),
  event,
  actor: 'engine',
  channel: null,
  target: null,
  result: null,
  details: null,
  ...extra,
});
const note = (user: string, min: number, extra: Partial<{ status: string; due: number; reason: string }> = {}) => ({
  user_id: user,
  status: extra.status ?? 'sent',
  due_at: at(extra.due ?? min),
  created_at: at(min),
  reason: extra.reason ?? 'step 1',
  type: 'email',
});

describe('mentionedIds', () => {
  it('finds people in step details, fall-through and on-call lists, and messages; ignores other strings', () => {
    const log = [
      entry(1, 0, 'escalated', { details: { users: [ANA], unreachable: [BO], onCall: [{ userId: ANA, role: 'primary' }], step: 1 } }),
      entry(2, 1, 'notified', { details: { messageId: MSG } }),
      entry(3, 2, 'fall_through', { details: { userId: BO } }),
      entry(4, 3, 'not_paged', { details: { reason: 'no policy', users: ['not-an-id'] } }),
      entry(5, 3, 'weird', { details: [ANA] }),
    ];
    const found = mentionedIds(log);
    expect(found.userIds.sort()).toEqual([ANA, BO]);
    expect(found.messageIds).toEqual([MSG]);
  });
});

describe('actorEmail and entryUserId', () => {
  it('reads a person (or their key) from an actor label, and nothing from the engine or an integration', () => {
    expect(actorEmail('ana@example.com')).toBe('ana@example.com');
    expect(actorEmail('ana@example.com (key op_12ab…)')).toBe('ana@example.com');
    expect(actorEmail('engine')).toBeNull();
    expect(actorEmail('Prometheus')).toBeNull();
    expect(actorEmail(null)).toBeNull();
  });
  it('names the recipient of a message, else the person a detail names', () => {
    const recipients = new Map([[MSG, ANA]]);
    expect(entryUserId({ details: { messageId: MSG } }, recipients)).toBe(ANA);
    expect(entryUserId({ details: { messageId: BO } }, recipients)).toBeNull();
    expect(entryUserId({ details: { userId: BO } }, recipients)).toBe(BO);
    expect(entryUserId({ details: null }, recipients)).toBeNull();
  });
});

describe('summarizeResponders', () => {
  const now = at(5);
  it('orders people by when they were first paged, and follows each to delivered and acknowledged', () => {
    const log = [
      { ...entry(1, 1, 'notified', { channel: 'email' }), userId: BO },
      { ...entry(2, 2, 'acknowledged', { actor: 'bo@example.com', channel: 'web' }) },
    ];
    const rows = summarizeResponders([note(BO, 0), note(ANA, 1, { status: 'pending', due: 10 })], log, people, now);
    expect(rows.map((r) => r.name)).toEqual(['Bo', 'Ana']);
    expect(rows[0]).toMatchObject({ deliveredAt: at(1).toISOString(), deliveredVia: 'email', acknowledgedAt: at(2).toISOString(), failed: false, shadow: false });
    expect(rows[1]).toMatchObject({ deliveredAt: null, nextAt: at(10).toISOString(), acknowledgedAt: null, timeZone: 'Europe/Berlin' });
  });
  it('marks someone failed only when nothing reached them; a later delivery clears it', () => {
    const failed = summarizeResponders([note(ANA, 0)], [{ ...entry(1, 1, 'unreachable'), userId: ANA }], people, now);
    expect(failed[0]!.failed).toBe(true);
    const recovered = summarizeResponders(
      [note(ANA, 0)],
      [
        { ...entry(1, 1, 'unreachable'), userId: ANA },
        { ...entry(2, 2, 'notified', { channel: 'sms' }), userId: ANA },
      ],
      people,
      now,
    );
    expect(recovered[0]!.failed).toBe(false);
  });
  it('a shadow stays a shadow unless they were also paged for real; unknown people are left out', () => {
    const rows = summarizeResponders([note(ANA, 0, { reason: 'shadow copy, step 1' }), note('00000000-0000-4000-8000-0000000000ff', 0)], [], people, now);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.shadow).toBe(true);
    expect(summarizeResponders([note(ANA, 0, { reason: 'shadow copy, step 1' }), note(ANA, 1)], [], people, now)[0]!.shadow).toBe(false);
  });
  it('an acknowledgement by someone who was not paged adds nobody', () => {
    expect(summarizeResponders([], [entry(1, 1, 'acknowledged', { actor: 'ana@example.com' })], people, now)).toEqual([]);
  });
});
