import type { Db } from '../db/index.js';
import type { DraftIncident, SeverityName } from './draft.js';

/**
 * Reads a stored incident as the draft generator's input. The incident tables
 * belong to the incidents domain; this file only reads them (as other domains read
 * `services.team_id`), so the post-mortem needs nothing from incidents' verbs.
 */

export interface IncidentSource {
  id: string;
  number: number;
  status: string;
  severity: number;
  drill: boolean;
  declaredAt: Date;
  resolvedAt: Date | null;
  /** The team of the incident's first service, whose responders own the post-mortem. */
  teamId: string | null;
  services: { id: string; name: string }[];
  /** The current commander, else the last one: the default owner. */
  commanderId: string | null;
  /** Everyone the incident names: role holders and people who acted. */
  people: string[];
  draft: DraftIncident;
}

export async function loadIncidentSource(db: Db, incidentId: string): Promise<IncidentSource | undefined> {
  const incident = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
  if (!incident) return undefined;
  const [services, alerts, roles, timeline, commands, runs, sleep] = await Promise.all([
    db
      .selectFrom('incident_services as s')
      .innerJoin('services as v', 'v.id', 's.service_id')
      .select(['v.id', 'v.name', 'v.team_id'])
      .where('s.incident_id', '=', incidentId)
      .orderBy('s.added_at')
      .orderBy('v.name')
      .execute(),
    db
      .selectFrom('incident_alerts as ia')
      .innerJoin('alerts as a', 'a.id', 'ia.alert_id')
      .leftJoin('services as v', 'v.id', 'a.service_id')
      .select(['a.number', 'a.summary', 'v.name as service'])
      .where('ia.incident_id', '=', incidentId)
      .where('ia.kind', '=', 'linked')
      .orderBy('a.number')
      .execute(),
    db
      .selectFrom('incident_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.role', 'r.user_id', 'r.page_alert_id', 'r.ended_at', 'r.assigned_at', 'u.name'])
      .where('r.incident_id', '=', incidentId)
      .orderBy('r.assigned_at')
      .execute(),
    db
      .selectFrom('incident_timeline')
      .select(['at', 'kind', 'actor_id', 'actor_label', 'text', 'data', 'key_moment'])
      .where('incident_id', '=', incidentId)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('incident_commands as c')
      .leftJoin('users as u', 'u.id', 'c.actor_id')
      .select(['c.command', 'c.os_user', 'u.name', 'c.host', 'c.started_at', 'c.ended_at', 'c.exit_code'])
      .where('c.incident_id', '=', incidentId)
      .orderBy('c.started_at')
      .execute(),
    db
      .selectFrom('compensating_action_runs as r')
      .leftJoin('users as u', 'u.id', 'r.run_by')
      .select(['r.action_name', 'u.name', 'r.started_at', 'r.outcome'])
      .where('r.incident_id', '=', incidentId)
      .orderBy('r.started_at')
      .execute(),
    db
      .selectFrom('wellbeing_checkins')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('sleep_lost_minutes'), eb.lit(0)).as('minutes'))
      .where('incident_id', '=', incidentId)
      .executeTakeFirst(),
  ]);
  const commanders = roles.filter((r) => r.role === 'commander');
  const commander = commanders.find((r) => !r.ended_at) ?? commanders.at(-1);
  // People paged: those paged into a role, and those an alert of the incident notified (mirrored log entries).
  const paged = new Set(roles.filter((r) => r.page_alert_id).map((r) => r.name));
  for (const e of timeline) if (e.kind === 'paged') paged.add(String((e.data as { name?: unknown }).name ?? e.actor_label));
  const people = new Set([...roles.map((r) => r.name), ...timeline.filter((e) => e.actor_id).map((e) => e.actor_label)]);
  const draft: DraftIncident = {
    number: Number(incident.number),
    title: incident.title,
    severity: `SEV${incident.severity}` as SeverityName,
    summary: incident.summary || null,
    services: services.map((s) => s.name),
    alerts: alerts.map((a) => ({ number: Number(a.number), summary: a.summary, service: a.service ?? null })),
    peoplePaged: [...paged],
    sleepHoursLost: Number(sleep?.minutes ?? 0) / 60,
    declaredAt: new Date(incident.declared_at),
    resolvedAt: incident.resolved_at ? new Date(incident.resolved_at) : null,
    timeline: timeline.map((e) => {
      const data = (e.data ?? {}) as Record<string, unknown>;
      const status = e.kind === 'status_changed' ? data.to : e.kind === 'alert_event' ? data.event : null;
      return {
        at: new Date(e.at),
        kind: e.kind,
        actor: e.actor_id ? e.actor_label : null,
        text: e.text,
        status: typeof status === 'string' ? status : null,
        moment: e.key_moment,
      };
    }),
    commands: commands.map((c) => ({
      command: c.command,
      user: c.name ?? c.os_user,
      host: c.host,
      startedAt: new Date(c.started_at),
      endedAt: c.ended_at ? new Date(c.ended_at) : null,
      exitCode: c.exit_code,
    })),
    compensatingActions: runs
      .filter((r) => r.outcome !== 'failed')
      .map((r) => ({ name: r.action_name, by: r.name ?? null, at: new Date(r.started_at) })),
  };
  return {
    id: incident.id,
    number: Number(incident.number),
    status: incident.status,
    severity: incident.severity,
    drill: incident.drill,
    declaredAt: new Date(incident.declared_at),
    resolvedAt: incident.resolved_at ? new Date(incident.resolved_at) : null,
    teamId: services[0]?.team_id ?? null,
    services: services.map((s) => ({ id: s.id, name: s.name })),
    commanderId: commander?.user_id ?? null,
    people: [...people],
    draft,
  };
}

/** Resolved SEV1-2 incidents (not drills) since `since` that have no post-mortem yet: the engine drafts theirs. */
export async function incidentsNeedingPostmortem(db: Db, since: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('incidents as i')
    .select('i.id')
    .where('i.status', '=', 'resolved')
    .where('i.severity', '<=', 2)
    .where('i.drill', '=', false)
    .where('i.resolved_at', '>=', since)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('postmortems as p').select('p.id').whereRef('p.incident_id', '=', 'i.id'))))
    .orderBy('i.resolved_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Names of people the incident's timeline mentions as actors and its role holders (for blame hints). */
export async function incidentPeople(db: Db, incidentId: string): Promise<string[]> {
  const [roles, actors] = await Promise.all([
    db.selectFrom('incident_roles as r').innerJoin('users as u', 'u.id', 'r.user_id').select('u.name').where('r.incident_id', '=', incidentId).execute(),
    db.selectFrom('incident_timeline').select('actor_label').distinct().where('incident_id', '=', incidentId).where('actor_id', 'is not', null).execute(),
  ]);
  return [...new Set([...roles.map((r) => r.name), ...actors.map((a) => a.actor_label)])];
}

export async function incidentNumbersOf(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('incidents').select(['id', 'number']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, Number(r.number)]));
}
