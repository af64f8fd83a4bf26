import type { AlertLogEntry, AlertPerson, AlertResponder } from '@operable/shared';

/**
 * Who is on an alert, in words a tired person reads at a glance: each person the
 * engine notified, whether a message reached them, and whether they acknowledged.
 * Pure, over what the repository read, so the rules are tested without a database.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** Log detail fields that hold people's ids (escalation steps, fall-through, waiting lists). */
const PERSON_FIELDS = ['users', 'unreachable', 'shadows', 'userId'] as const;

/** The ids of people and of outbox messages a log mentions. */
export function mentionedIds(log: readonly { details: unknown }[]): { userIds: string[]; messageIds: string[] } {
  const userIds = new Set<string>();
  const messageIds = new Set<string>();
  for (const e of log) {
    const d = e.details;
    if (!d || typeof d !== 'object' || Array.isArray(d)) continue;
    const rec = d as Record<string, unknown>;
    for (const f of PERSON_FIELDS) for (const v of [rec[f]].flat()) if (isId(v)) userIds.add(v);
    if (Array.isArray(rec.onCall)) for (const o of rec.onCall) if (o && isId((o as { userId?: unknown }).userId)) userIds.add((o as { userId: string }).userId);
    if (isId(rec.messageId)) messageIds.add(rec.messageId);
  }
  return { userIds: [...userIds], messageIds: [...messageIds] };
}

/** A person's actor label is their email; an API key's is "email (key abc…)". */
export function actorEmail(actor: string | null): string | null {
  if (!actor) return null;
  const email = actor.replace(/ \(key .*\)$/, '');
  return email.includes('@') ? email : null;
}

/** The person each log entry is about: the recipient of a message, or the one a fall-through names. */
export function entryUserId(e: { details: unknown }, recipients: ReadonlyMap<string, string>): string | null {
  const d = e.details as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return null;
  if (isId(d.messageId)) return recipients.get(d.messageId) ?? null;
  return isId(d.userId) ? d.userId : null;
}

export interface NotificationFact {
  user_id: string;
  status: string;
  due_at: Date;
  created_at: Date;
  reason: string | null;
  type: string;
}

const ACK_EVENTS = new Set(['acknowledged', 'acknowledged_by_one']);

/**
 * One row per person notified, in the order they were first paged. Delivered is the
 * first message that reached them; failed means every contact method gave up and
 * nothing reached them; acknowledged is their own acknowledgement (by any channel).
 */
export function summarizeResponders(
  notifications: readonly NotificationFact[],
  log: readonly (AlertLogEntry & { userId?: string | null })[],
  people: readonly AlertPerson[],
  now: Date,
): AlertResponder[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const order: string[] = [];
  const rows = new Map<string, AlertResponder>();
  for (const n of notifications) {
    const person = byId.get(n.user_id);
    if (!person) continue;
    let row = rows.get(n.user_id);
    if (!row) {
      row = {
        userId: person.id,
        name: person.name,
        timeZone: person.timeZone,
        shadow: true,
        pagedAt: n.created_at.toISOString(),
        nextAt: null,
        deliveredAt: null,
        deliveredVia: null,
        failed: false,
        acknowledgedAt: null,
      };
      rows.set(n.user_id, row);
      order.push(n.user_id);
    }
    if (!n.reason?.startsWith('shadow copy')) row.shadow = false;
    if (n.status === 'pending' && n.due_at > now && (!row.nextAt || n.due_at.toISOString() < row.nextAt)) row.nextAt = n.due_at.toISOString();
  }
  const sorted = [...log].sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id));
  for (const e of sorted) {
    const email = actorEmail(e.actor);
    if (ACK_EVENTS.has(e.event) && email) {
      const person = people.find((p) => p.email === email);
      const row = person && rows.get(person.id);
      if (row && !row.acknowledgedAt) row.acknowledgedAt = e.at;
    }
    const row = e.userId ? rows.get(e.userId) : undefined;
    if (!row) continue;
    if (e.event === 'notified' && !row.deliveredAt) {
      row.deliveredAt = e.at;
      row.deliveredVia = e.channel;
    }
    if (e.event === 'unreachable') row.failed = true;
  }
  for (const row of rows.values()) if (row.deliveredAt) row.failed = false;
  return order.map((id) => rows.get(id)!);
}
