import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/** Alert log lines of incident alerts that the incident's timeline does not have yet, oldest first. */
export async function unmirroredAlertLog(db: Db, events: string[], scope: { incidentId?: string; openSince?: Date }, limit: number) {
  let q = db
    .selectFrom('alert_log as l')
    .innerJoin('incident_alerts as ia', 'ia.alert_id', 'l.alert_id')
    .innerJoin('alerts as a', 'a.id', 'l.alert_id')
    .innerJoin('incidents as i', 'i.id', 'ia.incident_id')
    .select(['l.id', 'l.alert_id', 'l.at', 'l.event', 'l.actor', 'l.channel', 'l.target', 'l.result', 'ia.incident_id', 'ia.kind', 'a.number', 'a.summary'])
    .where('l.event', 'in', events)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_timeline as t')
            .select(sql`1`.as('one'))
            .whereRef('t.incident_id', '=', 'ia.incident_id')
            .whereRef('t.alert_log_id', '=', 'l.id'),
        ),
      ),
    )
    .orderBy('l.id')
    .limit(limit);
  if (scope.incidentId) q = q.where('ia.incident_id', '=', scope.incidentId);
  if (scope.openSince) {
    const since = scope.openSince;
    q = q.where((e) => e.or([e('i.status', '<>', 'resolved'), e('i.resolved_at', '>', since)]));
  }
  return q.execute();
}

const MIRROR_LOCK = 7_294_153_011; // unique among Operable's advisory locks

/** One mirroring engine at a time across processes; false when another holds it (this transaction's lock). */
export async function tryMirrorLock(db: Db): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${MIRROR_LOCK}::bigint) as locked`.execute(db);
  return rows[0]?.locked === true;
}
