import { sql, type Selectable } from 'kysely';
import type { Db, HandoffReportsTable, ScheduleRole } from '../db/index.js';
import type { AlertFact, IncidentFact, NoiseFact, NoteFact, PageFact } from './handoff-report.js';

/** What a handoff report is made of, and the reports themselves. */

export type HandoffReportRow = Selectable<HandoffReportsTable>;

/** Services whose escalation policies page this schedule (any role) in some step. */
export async function servicesPagingSchedule(db: Db, scheduleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('services')
    .select('id')
    .where(
      'escalation_policy_id',
      'in',
      db
        .selectFrom('escalation_steps as st')
        .select('st.policy_id')
        .where(sql<boolean>`exists (select 1 from jsonb_array_elements(st.targets) t where t->>'scheduleId' = ${scheduleId})`),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Alerts that paged this person in [from, to): notifications that went out to them
 * (queued, sent or failed; not those cancelled by an acknowledgement or still
 * waiting). Every "escalated" log entry that reached someone became such rows, and
 * these are indexed by person and time.
 */
export async function pagesOf(db: Db, userId: string, from: Date, to: Date, limit: number): Promise<PageFact[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('alerts as a', 'a.id', 'n.alert_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .select(['a.id', 'a.number', 'a.summary', 'a.status', 'a.created_at', 's.id as service_id', 's.name as service_name'])
    .select((eb) => [eb.fn.min('n.due_at').as('paged_at'), eb.fn.countAll<string>().as('messages')])
    .where('n.user_id', '=', userId)
    .where('n.created_at', '>=', from)
    .where('n.created_at', '<', to)
    .where('n.status', 'in', ['queued', 'sent', 'failed'])
    .groupBy(['a.id', 's.id'])
    .orderBy('paged_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...alertFact(r),
    pagedAt: new Date(r.paged_at as Date | string).getTime(),
    messages: Number(r.messages),
  }));
}

/** Open alerts of these services, newest first, and how many there are. Storm followers ride with their leader. */
export async function openAlertsOf(db: Db, serviceIds: readonly string[], limit: number): Promise<{ alerts: AlertFact[]; total: number }> {
  if (!serviceIds.length) return { alerts: [], total: 0 };
  const open = db
    .selectFrom('alerts as a')
    .where('a.service_id', 'in', serviceIds)
    .where('a.status', 'in', ['triggered', 'acknowledged'])
    .where('a.group_leader_id', 'is', null);
  const [rows, count] = await Promise.all([
    open
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select(['a.id', 'a.number', 'a.summary', 'a.status', 'a.created_at', 's.id as service_id', 's.name as service_name'])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.number', 'desc')
      .limit(limit)
      .execute(),
    open.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { alerts: rows.map(alertFact), total: Number(count.n) };
}

/**
 * Alerts created in [from, to) on these services, per (service, dedup key), loudest
 * first. Capped: in a storm of thousands of keys the ranking of services counts the
 * loudest keys only, which is what a person reading the report wants anyway.
 */
export async function alertCountsOf(db: Db, serviceIds: readonly string[], from: Date, to: Date): Promise<NoiseFact[]> {
  if (!serviceIds.length) return [];
  const rows = await db
    .selectFrom('alerts as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .select(['s.id as service_id', 's.name as service_name', 'a.dedup_key'])
    .select((eb) => [
      eb.fn.countAll<string>().as('alerts'),
      eb.fn.sum<string>('a.occurrences').as('occurrences'),
      sql<string>`(array_agg(a.summary order by a.created_at desc))[1]`.as('summary'),
    ])
    .where('a.service_id', 'in', serviceIds)
    .where('a.created_at', '>=', from)
    .where('a.created_at', '<', to)
    .groupBy(['s.id', 's.name', 'a.dedup_key'])
    .orderBy('alerts', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    serviceId: r.service_id,
    serviceName: r.service_name,
    dedupKey: r.dedup_key,
    summary: r.summary,
    alerts: Number(r.alerts),
    occurrences: Number(r.occurrences),
  }));
}

/** The person's handoff notes for shifts that started in [from, to) on this schedule and role. */
export async function notesOf(db: Db, scheduleId: string, role: ScheduleRole, userId: string, from: Date, to: Date): Promise<NoteFact[]> {
  const rows = await db
    .selectFrom('handoff_notes')
    .select(['shift_start', 'body', 'updated_at'])
    .where('schedule_id', '=', scheduleId)
    .where('role', '=', role)
    .where('user_id', '=', userId)
    .where('shift_start', '>=', from)
    .where('shift_start', '<', to)
    .orderBy('shift_start')
    .execute();
  return rows.map((r) => ({ shiftStart: r.shift_start.getTime(), body: r.body, updatedAt: r.updated_at.getTime() }));
}

/** Stores a report; false when this changeover was reported already (by this or another engine). */
export async function insertHandoffReport(
  db: Db,
  row: { schedule_id: string; role: ScheduleRole; changeover_at: Date; outgoing_user_id: string | null; incoming_user_id: string | null; report: unknown; created_at: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('handoff_reports')
    .values({ ...row, report: JSON.stringify(row.report) })
    .onConflict((oc) => oc.columns(['schedule_id', 'role', 'changeover_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(inserted);
}

export async function findHandoffReports(db: Db, scheduleId: string, limit: number): Promise<HandoffReportRow[]> {
  return db
    .selectFrom('handoff_reports')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .orderBy('changeover_at', 'desc')
    .orderBy('role')
    .limit(limit)
    .execute();
}

function alertFact(r: { id: string; number: number | string; summary: string; status: AlertFact['status']; created_at: Date; service_id: string; service_name: string }): AlertFact {
  return {
    id: r.id,
    number: Number(r.number),
    summary: r.summary,
    serviceId: r.service_id,
    serviceName: r.service_name,
    status: r.status,
    createdAt: r.created_at.getTime(),
  };
}

/**
 * Incidents running at any time in [from, to) that touch these services or in which
 * the person held a role then, oldest first, with the roles the person held.
 */
export async function incidentsOf(db: Db, serviceIds: readonly string[], userId: string, from: Date, to: Date, limit: number): Promise<IncidentFact[]> {
  const rows = await db
    .selectFrom('incidents as i')
    .select(['i.id', 'i.number', 'i.title', 'i.severity', 'i.status', 'i.drill', 'i.declared_at', 'i.resolved_at'])
    .where('i.declared_at', '<', to)
    .where((e) => e.or([e('i.resolved_at', 'is', null), e('i.resolved_at', '>=', from)]))
    .where((e) =>
      e.or([
        ...(serviceIds.length ? [e('i.id', 'in', e.selectFrom('incident_services').select('incident_id').where('service_id', 'in', [...serviceIds]))] : []),
        e('i.id', 'in', e.selectFrom('incident_roles').select('incident_id').where('user_id', '=', userId).where('assigned_at', '<', to).where((x) => x.or([x('ended_at', 'is', null), x('ended_at', '>=', from)]))),
      ]),
    )
    .orderBy('i.declared_at')
    .limit(limit)
    .execute();
  if (!rows.length) return [];
  const roles = await db
    .selectFrom('incident_roles')
    .select(['incident_id', 'role'])
    .distinct()
    .where('user_id', '=', userId)
    .where('incident_id', 'in', rows.map((r) => r.id))
    .where('assigned_at', '<', to)
    .where((x) => x.or([x('ended_at', 'is', null), x('ended_at', '>=', from)]))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    title: r.title,
    severity: r.severity,
    status: r.status,
    drill: r.drill,
    declaredAt: r.declared_at.getTime(),
    resolvedAt: r.resolved_at?.getTime() ?? null,
    roles: roles.filter((x) => x.incident_id === r.id).map((x) => x.role).sort(),
  }));
}
