import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { TriggerEvent } from './events.js';
import type { PlannedAlert, PlannedStart } from './plan.js';

/**
 * The set-based statements of an ingest batch. Each has one fixed text whatever the
 * batch size (rows travel as arrays through unnest), so PostgreSQL prepares it once
 * per connection (see PREPARED_MARKER), and a batch of new alerts costs
 * lock, context, write: three round trips between BEGIN and COMMIT, where it took
 * ten when each step was its own statement.
 */

/**
 * Locks the services in id order (batches never deadlock) and returns their paging
 * settings. Everything read after this, in the same transaction, sees what earlier
 * batches for these services committed.
 */
export async function lockServicesForAlerts(db: Db, serviceIds: string[]) {
  const { rows } = await sql<{ id: string; escalation_policy_id: string | null; storm_window_seconds: number }>`
    /* prepared: ingest-lock-services */
    select id, escalation_policy_id, storm_window_seconds from services
    where id = any(${serviceIds}::uuid[]) order by id for update`.execute(db);
  return rows;
}

export interface PagingContextRow {
  service_id: string;
  /** Open storm-group leaders created within the service's window. */
  leaders: { id: string; created_at: string; last_seen_at: string; group_size: number }[];
  /** Open alerts carrying one of the batch's dedup keys. */
  open: { id: string; number: number; dedup_key: string }[];
  /** Maintenance windows that may cover the service now; the rules decide which does. */
  windows: MaintenanceRow[];
}

export interface MaintenanceRow {
  id: string;
  kind: 'once' | 'recurring';
  service_ids: string[] | null;
  starts_at: string | null;
  ends_at: string | null;
  time_zone: string | null;
  days: number[] | null;
  start_time: string | null;
  duration_minutes: number | null;
}

/**
 * What the paging decisions need, per locked service, in one read. A separate
 * statement from the lock on purpose: a statement that waited for a lock still reads
 * the snapshot it started with, and would miss what the lock holder wrote.
 */
export async function readPagingContext(db: Db, serviceIds: string[], keys: { serviceId: string; dedupKey: string }[], now: Date): Promise<PagingContextRow[]> {
  const { rows } = await sql<PagingContextRow>`
    /* prepared: ingest-paging-context */
    select s.id as service_id,
      coalesce((select json_agg(json_build_object('id', a.id, 'created_at', a.created_at, 'last_seen_at', a.last_seen_at, 'group_size', a.group_size))
        from alerts a
        where a.service_id = s.id and s.storm_window_seconds > 0
          and a.group_leader_id is null and a.suppressed_by is null and a.status <> 'resolved'
          and a.created_at >= ${now}::timestamptz - make_interval(secs => s.storm_window_seconds)), '[]') as leaders,
      coalesce((select json_agg(json_build_object('id', a.id, 'number', a.number, 'dedup_key', a.dedup_key))
        from unnest(${keys.map((k) => k.serviceId)}::uuid[], ${keys.map((k) => k.dedupKey)}::text[]) as k(service_id, dedup_key)
        join alerts a on a.service_id = k.service_id and a.dedup_key = k.dedup_key and a.status <> 'resolved'
        where k.service_id = s.id), '[]') as open,
      coalesce((select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'service_ids', m.service_ids, 'starts_at', m.starts_at,
          'ends_at', m.ends_at, 'time_zone', m.time_zone, 'days', m.days, 'start_time', m.start_time, 'duration_minutes', m.duration_minutes))
        from maintenance_windows m
        where (m.service_ids is null or s.id = any(m.service_ids))
          and (m.kind = 'recurring' or (m.starts_at <= ${now} and m.ends_at > ${now}))), '[]') as windows
    from services s where s.id = any(${serviceIds}::uuid[])`.execute(db);
  return rows.map((r) => ({ ...r, leaders: parseJson(r.leaders), open: parseJson(r.open), windows: parseJson(r.windows) }));
}

/** PGlite hands json back as text; PostgreSQL's driver parses it. */
const parseJson = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * Repeats of open alerts: count them, do not page again. Returns the ids still open;
 * one resolved since the context was read is missing, and its event opens a new alert.
 */
export async function bumpRepeats(db: Db, repeats: { id: string; occurrences: number }[], now: Date): Promise<Set<string>> {
  if (!repeats.length) return new Set();
  const { rows } = await sql<{ id: string }>`
    /* prepared: ingest-bump-repeats */
    update alerts set occurrences = alerts.occurrences + r.n, last_seen_at = ${now}
    from unnest(${repeats.map((r) => r.id)}::uuid[], ${repeats.map((r) => r.occurrences)}::int[]) as r(id, n)
    where alerts.id = r.id and alerts.status <> 'resolved'
    returning alerts.id`.execute(db);
  return new Set(rows.map((r) => r.id));
}

export interface NewAlertRow {
  id: string;
  serviceId: string;
  integrationId: string | null;
  dedupKey: string;
  event: TriggerEvent;
  occurrences: number;
  traceId: string | null;
  plan: PlannedAlert;
}

/**
 * Writes a planned batch in one statement: the new alerts, their log lines, the
 * sizes of earlier groups they joined, and the escalations that page. Returns each
 * new alert's number, in the order given.
 */
export async function writeNewAlerts(
  db: Db,
  batch: { now: Date; actor: string; alerts: NewAlertRow[]; log: { alertId: string; event: string; details: unknown }[]; joinedEarlierLeaders: Map<string, number>; starts: PlannedStart[] },
): Promise<Map<string, number>> {
  const { now, alerts: a } = batch;
  const col = <T>(f: (r: NewAlertRow) => T) => a.map(f);
  const { rows } = await sql<{ id: string; number: number }>`
    /* prepared: ingest-write-alerts */
    with fresh as (
      insert into alerts (id, service_id, integration_id, dedup_key, status, urgency, summary, source, severity, details, links,
                          occurrences, trace_id, created_at, last_seen_at, group_leader_id, group_size, suppressed_by)
      select id, service_id, integration_id, dedup_key, 'triggered', urgency, summary, source, severity, details::jsonb, links::jsonb,
             occurrences, trace_id, ${now}, ${now}, group_leader_id, group_size, suppressed_by
      from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.serviceId)}::uuid[], ${col((r) => r.integrationId)}::uuid[],
                  ${col((r) => r.dedupKey)}::text[], ${col((r) => r.event.urgency)}::text[], ${col((r) => r.event.summary)}::text[],
                  ${col((r) => r.event.source)}::text[], ${col((r) => r.event.severity)}::text[],
                  ${col((r) => JSON.stringify(r.event.details))}::text[], ${col((r) => JSON.stringify(r.event.links))}::text[],
                  ${col((r) => r.occurrences)}::int[], ${col((r) => r.traceId)}::text[], ${col((r) => r.plan.groupLeaderId)}::uuid[],
                  ${col((r) => r.plan.groupSize)}::int[], ${col((r) => r.plan.suppressedBy)}::uuid[])
        with ordinality as f(id, service_id, integration_id, dedup_key, urgency, summary, source, severity, details, links,
                             occurrences, trace_id, group_leader_id, group_size, suppressed_by, ord)
      order by ord
      returning id, number
    ),
    log as (
      insert into alert_log (alert_id, at, event, actor, details)
      select alert_id, ${now}, event, ${batch.actor}, details::jsonb
      from unnest(${batch.log.map((l) => l.alertId)}::uuid[], ${batch.log.map((l) => l.event)}::text[],
                  ${batch.log.map((l) => (l.details === undefined ? null : JSON.stringify(l.details)))}::text[]) with ordinality as l(alert_id, event, details, ord)
      order by ord
    ),
    joined as (
      update alerts set group_size = alerts.group_size + j.n, last_seen_at = ${now}
      from unnest(${[...batch.joinedEarlierLeaders.keys()]}::uuid[], ${[...batch.joinedEarlierLeaders.values()]}::int[]) as j(id, n)
      where alerts.id = j.id
    ),
    escalations as (
      insert into escalations (alert_id, policy_id, direct_targets, step_index, cycle, next_at, status, updated_at)
      select alert_id, policy_id, direct_targets::jsonb, 0, 0, ${now}, 'active', ${now}
      from unnest(${batch.starts.map((s) => s.alertId)}::uuid[], ${batch.starts.map((s) => s.policyId)}::uuid[],
                  ${batch.starts.map((s) => (s.directTargets ? JSON.stringify(s.directTargets) : null))}::text[]) as e(alert_id, policy_id, direct_targets)
    )
    select id, number from fresh`.execute(db);
  return new Map(rows.map((r) => [r.id, Number(r.number)]));
}
