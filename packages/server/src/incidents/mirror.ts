import type { KeyMoment } from '@operable/shared';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { SYSTEM_ACTOR } from '../lib/context.js';
import { writeEntry } from './access.js';
import { tryMirrorLock, unmirroredAlertLog } from './mirror-repository.js';
import { lockIncidents } from './repository.js';

/**
 * What happens to an incident's alerts (triggered, acknowledged, pages delivered or
 * failing, resolved) is already in each alert's log, written by the alerts domain
 * and the engine. The incident's timeline mirrors those lines, once each (unique
 * alert_log_id per incident), when an alert is linked and then from the engine a
 * few seconds after they happen; so the alerts domain never depends on incidents.
 */

const MIRRORED = ['triggered', 'acknowledged', 'resolved', 're_triggered', 'notified', 'unreachable', 'escalation_exhausted', 'escalate_now'];

export async function mirrorAlertLogs(db: Db, clock: Clock, scope: { incidentId?: string; openSince?: Date }, limit = 500): Promise<number> {
  const rows = await unmirroredAlertLog(db, MIRRORED, scope, limit);
  const ctx = { db, clock, actor: SYSTEM_ACTOR };
  // Under the incidents' row locks: a key moment set here never races a person's change.
  await lockIncidents(db, [...new Set(rows.map((r) => r.incident_id))]);
  for (const r of rows) {
    const linked = r.kind === 'linked';
    const what = linked ? `Alert #${r.number}` : `The page #${r.number}`;
    const text = describe(r.event, what, r.summary, r.channel, r.target, r.result);
    if (!text) continue;
    let keyMoment: KeyMoment | undefined;
    if (linked && r.event === 'triggered') keyMoment = 'detected';
    if (r.event === 'acknowledged') keyMoment = 'acknowledged';
    await writeEntry(ctx, r.incident_id, {
      kind: 'alert_event',
      text,
      at: r.at,
      alertLogId: Number(r.id),
      actorLabel: r.actor ?? 'system',
      actorId: null,
      data: { alertId: r.alert_id, alertNumber: Number(r.number), event: r.event, channel: r.channel, target: r.target, result: r.result, alertKind: r.kind },
      keyMoment,
    });
  }
  return rows.length;
}

function describe(event: string, what: string, summary: string, channel: string | null, target: string | null, result: string | null): string | null {
  switch (event) {
    case 'triggered':
      return what.startsWith('Alert') ? `${what} triggered: ${summary}` : null;
    case 'acknowledged':
      return `${what} was acknowledged`;
    case 'resolved':
      return `${what} was resolved`;
    case 're_triggered':
      return `${what} was triggered again`;
    case 'notified':
      return `${what} was delivered${channel ? ` by ${channel}` : ''}${target ? ` to ${target}` : ''}`;
    case 'unreachable':
      return `${what} reached nobody: every contact method failed`;
    case 'escalation_exhausted':
      return `${what} ran out of escalation steps without an acknowledgement`;
    case 'escalate_now':
      return `${what} was escalated by hand`;
    default:
      return result ? `${what}: ${event} (${result})` : null;
  }
}

/** The engine's pass: every incident not resolved more than a day ago, once at a time across processes. */
export async function mirrorOpenIncidents(db: Db, clock: Clock): Promise<number> {
  if (!(await tryMirrorLock(db))) return 0;
  return mirrorAlertLogs(db, clock, { openSince: new Date(clock.now().getTime() - 86_400_000) });
}
