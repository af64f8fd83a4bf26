import { sql } from 'kysely';
import { jsonArrayParam, uuidArrayParam, type Db } from '../db/index.js';
import type { TriggerEvent } from './events.js';
import type { PlannedAlert, PlannedStart } from './plan.js';
import { ENGINE_CHANNEL } from './repository.js';

/**
 * The two statements of an ingest batch: read the paging context, write the plan.
 * Concurrency is optimistic: the write bumps each service's alerts_version and
 * applies only if every version is still the one planned from, so no lock is held
 * between them. Usually the context comes from the process's memory
 * (paging-cache.ts) and a batch costs the write alone, commit included. Both have
 * one fixed text whatever the batch size (rows travel as arrays through unnest, their
 * JSON values as binary json[], db/array-params.ts), so PostgreSQL prepares them once per connection
 * (PREPARED_MARKER). The write is also planned once (db/prepared.ts): it reaches
 * services, integrations and alerts by primary key only, and planning it anew cost
 * more than running it for a batch of a few events.
 */

export interface PagingContextRow {
  service_id: string;
  escalation_policy_id: string | null;
  storm_window_seconds: number;
  alerts_version: number;
  /** Open storm-group leaders created within the service's window. */
  leaders: { id: string; created_at: string; last_seen_at: string; group_size: number }[];
  /** Open alerts carrying one of the batch's dedup keys. */
  open: { id: string; dedup_key: string }[];
  /**
   * Maintenance windows that have not ended, planned ones included: the rules decide
   * which covers the service at a batch's time, and a remembered context (see
   * paging-cache.ts) must know a window before it starts.
   */
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
 * What the paging decisions need, per service, in one read. Open alerts are looked
 * up per (service, key) pair: given a service and a list of keys, the planner chose
 * to read every open alert of the service (5 ms in a storm, not 0.1).
 */
export async function readPagingContext(db: Db, serviceIds: string[], keys: { serviceId: string; dedupKey: string }[], now: Date): Promise<PagingContextRow[]> {
  const { rows } = await sql<PagingContextRow>`
    /* prepared: ingest-paging-context */
    select s.id as service_id, s.escalation_policy_id, s.storm_window_seconds, s.alerts_version,
      coalesce((select json_agg(json_build_object('id', a.id, 'created_at', a.created_at, 'last_seen_at', a.last_seen_at, 'group_size', a.group_size))
        from alerts a
        where a.service_id = s.id and s.storm_window_seconds > 0
          and a.group_leader_id is null and a.suppressed_by is null and a.status <> 'resolved'
          and a.created_at >= ${now}::timestamptz - make_interval(secs => s.storm_window_seconds)), '[]') as leaders,
      coalesce((select json_agg(json_build_object('id', a.id, 'dedup_key', a.dedup_key))
        from unnest(${keys.map((k) => k.serviceId)}::uuid[], ${keys.map((k) => k.dedupKey)}::text[]) as k(service_id, dedup_key)
        join alerts a on a.service_id = k.service_id and a.dedup_key = k.dedup_key and a.status <> 'resolved'
        where k.service_id = s.id), '[]') as open,
      coalesce((select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'service_ids', m.service_ids, 'starts_at', m.starts_at,
          'ends_at', m.ends_at, 'time_zone', m.time_zone, 'days', m.days, 'start_time', m.start_time, 'duration_minutes', m.duration_minutes))
        from maintenance_windows m
        where (m.service_ids is null or s.id = any(m.service_ids))
          and (m.kind = 'recurring' or m.ends_at > ${now})), '[]') as windows
    from services s where s.id = any(${serviceIds}::uuid[])`.execute(db);
  return rows.map((r) => ({ ...r, alerts_version: Number(r.alerts_version), leaders: parseJson(r.leaders), open: parseJson(r.open), windows: parseJson(r.windows) }));
}

/** Row locks on the services a batch writes for, in id order (the order every writer takes them in). */
export async function lockServices(db: Db, serviceIds: readonly string[]): Promise<void> {
  await sql`select id from services where id = any(${serviceIds}::uuid[]) order by id for no key update`.execute(db);
}

/** PGlite hands json back as text; PostgreSQL's driver parses it. */
const parseJson = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

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

export interface TriggerWrite {
  now: Date;
  /** Each service the batch touches, with the version its context was read at. */
  versions: { serviceId: string; version: number }[];
  /**
   * Alerts written before this batch that it counts on: repeats of alerts open when
   * read (never paged again) and leaders of earlier groups that new alerts join. One
   * row per alert, because one statement cannot update a row twice.
   */
  bumps: { id: string; occurrences: number; joined: number }[];
  alerts: NewAlertRow[];
  log: { alertId: string; event: string; actor: string; details: unknown }[];
  starts: PlannedStart[];
}

/**
 * Writes a planned batch in one statement, or nothing when another writer changed
 * one of its services since the read (`applied` false: read again and re-plan). A
 * repeat is counted even if its alert was resolved meanwhile: the two overlapped, and
 * the repeat is ordered first.
 */
export async function writeTriggerBatch(db: Db, w: TriggerWrite): Promise<boolean> {
  const a = w.alerts;
  const col = <T>(f: (r: NewAlertRow) => T) => a.map(f);
  const log = logColumns(w);
  const { rows } = await sql<{ applied: boolean }>`
    /* prepared: ingest-write-batch, generic plan */
    with versions as (
      update services set alerts_version = services.alerts_version + 1
      from unnest(${w.versions.map((v) => v.serviceId)}::uuid[], ${w.versions.map((v) => v.version)}::bigint[]) as v(id, version)
      where services.id = v.id and services.alerts_version = v.version
      returning services.id
    ),
    ok as (select count(*) = ${w.versions.length}::int as applied from versions),
    -- Held until commit, so an integration deleted meanwhile waits and then clears our alerts' link to it.
    named_integrations as (
      select id from integrations where id = any(${[...new Set(a.flatMap((r) => (r.integrationId ? [r.integrationId] : [])))]}::uuid[]) for key share
    ),
    bumps as (
      update alerts set occurrences = alerts.occurrences + b.occurrences, group_size = alerts.group_size + b.joined, last_seen_at = ${w.now}
      from unnest(${w.bumps.map((b) => b.id)}::uuid[], ${w.bumps.map((b) => b.occurrences)}::int[], ${w.bumps.map((b) => b.joined)}::int[])
        as b(id, occurrences, joined)
      where alerts.id = b.id and (select applied from ok)
    ),
    -- Read by both inserts below, so PostgreSQL makes it once. json, not jsonb: the columns keep the text as sent (migration 0060).
    input as (
      select * from unnest(${uuidArrayParam(col((r) => r.id))}::uuid[], ${uuidArrayParam(col((r) => r.serviceId))}::uuid[], ${uuidArrayParam(col((r) => r.integrationId))}::uuid[],
            ${col((r) => r.dedupKey)}::text[], ${col((r) => r.event.urgency)}::text[], ${col((r) => r.event.summary)}::text[],
            ${col((r) => r.event.source)}::text[], ${col((r) => r.event.severity)}::text[],
            ${col((r) => r.occurrences)}::int[], ${col((r) => r.traceId)}::text[], ${uuidArrayParam(col((r) => r.plan.groupLeaderId))}::uuid[],
            ${col((r) => r.plan.groupSize)}::int[], ${uuidArrayParam(col((r) => r.plan.suppressedBy))}::uuid[],
            ${jsonArrayParam(col((r) => detailsJson(r.event)))}::json[], ${jsonArrayParam(col((r) => JSON.stringify(r.event.links ?? [])))}::json[])
        with ordinality as f(id, service_id, integration_id, dedup_key, urgency, summary, source, severity,
                             occurrences, trace_id, group_leader_id, group_size, suppressed_by, details, links, ord)
    ),
    fresh as (
      insert into alerts (id, service_id, integration_id, dedup_key, status, urgency, summary, source, severity, details, links,
                          occurrences, trace_id, created_at, last_seen_at, group_leader_id, group_size, suppressed_by)
      select f.id, service_id, i.id, dedup_key, 'triggered', urgency, summary, source, severity, details, links,
             occurrences, trace_id, ${w.now}, ${w.now}, group_leader_id, group_size, suppressed_by
      from input f left join named_integrations i on i.id = f.integration_id
      where (select applied from ok)
      order by ord
    ),
    log as (
      insert into alert_log (alert_id, at, event, actor, details)
      select f.id, ${w.now}, l.event, l.actor, d.details
      from unnest(${log.alerts}::int[], ${w.log.map((l) => l.event)}::text[], ${w.log.map((l) => l.actor)}::text[], ${log.detailsOf}::int[])
        with ordinality as l(alert, event, actor, details_at, ord)
      join input f on f.ord = l.alert
      left join unnest(${jsonArrayParam(log.details)}::json[]) with ordinality as d(details, at) on d.at = l.details_at
      where (select applied from ok)
      order by l.ord
    ),
    escalations as (
      insert into escalations (alert_id, policy_id, direct_targets, step_index, cycle, next_at, status, updated_at)
      select alert_id, policy_id, direct_targets::jsonb, 0, 0, ${w.now}, 'active', ${w.now}
      from unnest(${w.starts.map((s) => s.alertId)}::uuid[], ${w.starts.map((s) => s.policyId)}::uuid[],
                  ${w.starts.map((s) => (s.directTargets ? JSON.stringify(s.directTargets) : null))}::text[]) as e(alert_id, policy_id, direct_targets)
      where (select applied from ok)
    )
    select (select applied from ok) as applied,
           -- Delivered to every engine at commit: new escalations are due now.
           (select pg_notify(${ENGINE_CHANNEL}, '') where ${w.starts.length > 0} and (select applied from ok)) is null as quiet`.execute(db);
  return rows[0]!.applied;
}

/**
 * The log's rows point at the batch's alerts by position, a small number instead of
 * a 36-character id, and rows with the same details share one copy. Sent whole, the
 * log was a fifth of a 780-alert statement's half a megabyte.
 */
export function logColumns(w: { alerts: readonly { id: string }[]; log: TriggerWrite['log'] }): { alerts: number[]; detailsOf: (number | null)[]; details: string[] } {
  const position = new Map(w.alerts.map((r, i) => [r.id, i + 1]));
  const index = new Map<string, number>();
  const details: string[] = [];
  const detailsOf = w.log.map((l) => {
    if (l.details === null || l.details === undefined) return null;
    const text = JSON.stringify(l.details);
    let n = index.get(text);
    if (n === undefined) index.set(text, (n = details.push(text)));
    return n;
  });
  const alerts = w.log.map((l) => {
    const at = position.get(l.alertId);
    if (at === undefined) throw new Error(`A log row of the batch names alert ${l.alertId}, which the batch does not write`);
    return at;
  });
  return { alerts, detailsOf, details };
}

/**
 * An event's details as the JSON text its alert row stores, made once: the ingest
 * path makes it as the event is queued (encodeAhead), while an earlier batch is in the
 * database, so the batch's write does not wait for it.
 */
const encoded = new WeakMap<TriggerEvent, string>();
export function detailsJson(event: TriggerEvent): string {
  let text = encoded.get(event);
  if (text === undefined) encoded.set(event, (text = JSON.stringify(event.details ?? {})));
  return text;
}
