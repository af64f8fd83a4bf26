import type { AlertDetail, AlertLogEntry, AlertPerson, AlertResponder } from '@operable/shared';
import { CONTACT_TYPE_LABELS, type ContactType } from './contact-types';
import { detailParts, eventLabel } from './alert-format';
import { formatTime } from './format';

/**
 * An alert's log and its people as sentences with names: what a tired person reads
 * instead of engine events, ids and JSON. Pure, so every wording is unit-tested.
 */

export interface Names {
  byId: Map<string, AlertPerson>;
  byEmail: Map<string, AlertPerson>;
}

export function namesOf(people: readonly AlertPerson[]): Names {
  return { byId: new Map(people.map((p) => [p.id, p])), byEmail: new Map(people.map((p) => [p.email.toLowerCase(), p])) };
}

/** "ada@example.com" or "ada@example.com (key abc…)" → Ada's name; "engine" and integrations stay as they are. */
export function actorName(actor: string | null, names: Names): string {
  if (!actor) return 'Someone';
  const email = actor.replace(/ \(key .*\)$/, '').toLowerCase();
  const person = names.byEmail.get(email);
  if (!person) return actor === 'system' ? 'Operable' : actor;
  return actor.includes('(key ') ? `${person.name} (API key)` : person.name;
}

/** "Ana", "Ana and Bo", "Ana, Bo and Cy"; unknown ids become "someone removed". */
export function listNames(ids: unknown, names: Names): string {
  const list = (Array.isArray(ids) ? ids : []).map((id) => names.byId.get(String(id))?.name ?? 'a person since removed');
  if (list.length <= 1) return list[0] ?? 'nobody';
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

export function channelLabel(channel: string | null): string {
  if (!channel) return 'A message';
  return CONTACT_TYPE_LABELS[channel as ContactType] ?? channel.charAt(0).toUpperCase() + channel.slice(1);
}

const VIA: Record<string, string> = { web: 'in the web app', api: 'through the API', sms: 'by SMS reply', voice: 'on the phone call', link: 'from a message link', email: 'from an email link', cli: 'from the command line' };
const via = (channel: string | null) => (channel && VIA[channel] ? ` ${VIA[channel]}` : channel ? ` (${channel})` : '');

type Details = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** One log entry as one sentence. `timeZone` is the viewer's, for "until 09:00". */
export function logSentence(e: AlertLogEntry, names: Names, timeZone?: string): string {
  const d: Details = e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? (e.details as Details) : {};
  const who = actorName(e.actor, names);
  const person = e.userId ? (names.byId.get(e.userId)?.name ?? 'a person since removed') : null;
  const to = person ?? e.target ?? 'the receiver';
  const until = (v: unknown) => (typeof v === 'string' ? formatTime(v, timeZone) : 'later');
  switch (e.event) {
    case 'triggered':
      return `${who} raised the alert${str(d.urgency) ? ` (${str(d.urgency)} urgency)` : ''}.${d.leaderId ? ` ${JOINED}` : ''}`;
    case 're_triggered':
      return `${who} set it back to triggered, so people are paged again.`;
    case 'acknowledged':
      return d.viaLeader ? `${who} acknowledged the alert leading its group, and so this one.` : `${who} acknowledged it${via(e.channel)}.`;
    case 'acknowledged_by_one':
      return `${who} acknowledged${via(e.channel)}; still waiting for ${str(d.stillWaitingFor) || 'others'} more.`;
    case 'resolved':
      return d.viaLeader ? `${who} resolved the alert leading its group, and so this one.` : `${who} resolved it${via(e.channel)}.`;
    case 'escalated': {
      const unreachable = Array.isArray(d.unreachable) && d.unreachable.length ? ` ${listNames(d.unreachable, names)} could not be paged: no contact method that works.` : '';
      const hooks = typeof d.webhooks === 'number' && d.webhooks > 0 ? `${Array.isArray(d.users) && d.users.length ? ' and ' : ''}${d.webhooks === 1 ? 'a webhook' : `${d.webhooks} webhooks`}` : '';
      const users = Array.isArray(d.users) && d.users.length ? listNames(d.users, names) : '';
      return `Step ${str(d.step) || '?'} of the escalation policy paged ${users}${hooks}.${unreachable}`;
    }
    case 'step_skipped': {
      const unreachable = Array.isArray(d.unreachable) && d.unreachable.length ? `: ${listNames(d.unreachable, names)} had no contact method that works` : '';
      return `Step ${str(d.step) || '?'} reached nobody${unreachable}, so it went on to the next step.`;
    }
    case 'escalation_exhausted':
      return 'Every step of the escalation policy has run and nobody acknowledged.';
    case 'not_paged':
      return `Nobody was paged: ${lowerFirst(str(d.reason) || 'nothing to page')}.`;
    case 'suppressed':
      return 'It arrived during a maintenance window, so nobody was paged.';
    // Alerts logged before joins rode on the "triggered" row.
    case 'grouped':
      return JOINED;
    case 'escalate_now':
      return `${who} escalated it by hand.`;
    case 'notified':
      return `${channelLabel(e.channel)} delivered to ${to}.`;
    case 'notify_failed':
      return e.result === 'retrying'
        ? `${channelLabel(e.channel)} to ${to} failed (${str(d.error) || 'error'}); trying again in ${str(d.retryInSeconds) || 'a few'} s.`
        : `${channelLabel(e.channel)} to ${to} failed (${str(d.error) || 'error'}); gave up on it.`;
    case 'fall_through':
      return `Trying ${person ?? 'their'}${person ? '’s' : ''} next contact method: ${channelLabel(e.channel)}.`;
    case 'unreachable':
      return `Couldn’t reach ${person ?? 'someone'}: every contact method failed.`;
    case 'notification_deferred':
      return `${channelLabel(e.channel)} held until working hours (${until(d.until)}): it is low urgency.`;
    case 'notification_throttled':
      return `${channelLabel(e.channel)} delayed until ${until(d.until)}: too many messages in a short time.`;
    default: {
      const parts = detailParts(e.details);
      return `${eventLabel(e.event)}${e.actor && e.actor !== 'engine' ? ` by ${who}` : ''}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
    }
  }
}

const JOINED = 'It joined a storm group: people were paged once, for the alert that leads it.';
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export type ResponderState = 'acknowledged' | 'delivered' | 'failed' | 'paged' | 'waiting';

/** Where a person stands, most advanced first. */
export function responderState(r: AlertResponder): ResponderState {
  if (r.acknowledgedAt) return 'acknowledged';
  if (r.deliveredAt) return 'delivered';
  if (r.failed) return 'failed';
  if (r.nextAt && r.nextAt > r.pagedAt && !r.deliveredAt) return 'waiting';
  return 'paged';
}

export const RESPONDER_STATE_LABELS: Record<ResponderState, string> = {
  acknowledged: 'Acknowledged',
  delivered: 'Message delivered, not acknowledged yet',
  failed: 'Could not be reached',
  paged: 'Paged, no delivery yet',
  waiting: 'Message scheduled',
};

/** The alert's one next action for someone who can act on it. */
export type NextAction = 'acknowledge' | 'resolve' | 'none';
export function nextAction(a: Pick<AlertDetail, 'status'>): NextAction {
  return a.status === 'triggered' ? 'acknowledge' : a.status === 'acknowledged' ? 'resolve' : 'none';
}

/**
 * "Nobody is on it" tells the reader to act; what the alert's people say decides it:
 * nobody was paged (no policy, maintenance, a step reached nobody) or everyone failed.
 */
export function nobodyReached(a: Pick<AlertDetail, 'status' | 'responders' | 'suppressedBy' | 'groupLeaderId' | 'log'>): boolean {
  if (a.status !== 'triggered' || a.suppressedBy || a.groupLeaderId) return false;
  const real = a.responders.filter((r) => !r.shadow);
  if (real.length) return real.every((r) => r.failed);
  // Before the engine's first step has run, nobody is paged yet: that is not "nobody".
  return a.log.some((e) => NOBODY_EVENTS.has(e.event));
}
const NOBODY_EVENTS = new Set(['not_paged', 'step_skipped', 'escalation_exhausted']);
